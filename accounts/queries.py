"""Reads of agencies that other apps may use."""

from django.db.models import Q

from accounts.models import Agency
from geo.models import AdministrativeUnit
from ntm.text import fold


def agencies_named(text: str, within: AdministrativeUnit) -> list[Agency]:
    """Agencies of `within` (and its units) whose name, short name or an alias is `text`, ignoring case and diacritics.

    "Sở NN&PTNT" and "sở nông nghiệp và phát triển nông thôn" find the same agency. Several answers mean the name
    is ambiguous in that area; none means the agency is not in the table yet.
    """
    folded = fold(text)
    candidates = Agency.objects.filter(
        Q(unit=within) | Q(unit__parent=within) | Q(unit__parent__parent=within)
    ).prefetch_related("aliases")
    return [
        agency
        for agency in candidates
        if folded in {fold(agency.name), fold(agency.short_name)} | {alias.search_alias for alias in agency.aliases.all()}
    ]
