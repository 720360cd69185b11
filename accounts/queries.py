"""Reads of agencies and memberships that other apps may use."""

import datetime
from collections.abc import Iterable

from django.db.models import Q

from accounts import scope
from accounts.models import Agency, Membership
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Level
from geo.queries import successors_today
from ntm.text import fold


def agencies_named(text: str, within: AdministrativeUnit) -> list[Agency]:
    """Agencies of `within` (and its units) whose name, short name or an alias is `text`, ignoring case and diacritics.

    "Sở NN&PTNT" and "sở nông nghiệp và phát triển nông thôn" find the same agency. Several answers mean the name
    is ambiguous in that area; none means the agency is not in the table yet.
    """
    return agencies_named_each([text], within)[text]


def agencies_named_each(texts: Iterable[str], within: AdministrativeUnit) -> dict[str, list[Agency]]:
    """`agencies_named` for several names at once, the area's agencies read and folded once: a province has hundreds
    of agencies, and a dossier's page asks for each of its set's criteria owners (13 calls took a second)."""
    names = list(dict.fromkeys(texts))
    wanted: dict[str, list[str]] = {}
    for text in names:
        wanted.setdefault(fold(text), []).append(text)
    found: dict[str, list[Agency]] = {text: [] for text in names}
    if not wanted:
        return found
    candidates = Agency.objects.filter(
        Q(unit=within) | Q(unit__parent=within) | Q(unit__parent__parent=within)
    ).prefetch_related("aliases")
    for agency in candidates:
        written = {fold(agency.name), fold(agency.short_name)} | {alias.search_alias for alias in agency.aliases.all()}
        for folded in written & wanted.keys():
            for text in wanted[folded]:
                found[text].append(agency)
    return found


def successor_choices(unit: AdministrativeUnit, day: datetime.date) -> list[AdministrativeUnit]:
    """Where a role held on `unit`, which no longer exists on `day`, may move: the units that carry it on (a merged
    commune → the commune that absorbed it; several parts → each), then, for a district or a unit whose lineage
    is not recorded, its province."""
    choices = successors_today(unit, day)
    if unit.level == Level.DISTRICT or not choices:
        choices += [province for province in successors_today(unit.province(), day) if province not in choices]
    return choices


def memberships_to_move(manager, day: datetime.date):
    """Active memberships the manager manages whose scope unit does not exist on `day`, not moved yet."""
    return scope.memberships_for(manager).active().on_units_ended_by(day)


def move_choices(manager, memberships: Iterable[Membership], day: datetime.date) -> dict[int, list[AdministrativeUnit]]:
    """For each membership, its `successor_choices` that the manager may assign (worked out once per unit)."""
    allowed = scope.units_for(manager, Permission.MANAGE_ACCOUNTS)
    by_unit: dict[int, list[AdministrativeUnit]] = {}
    result = {}
    for membership in memberships:
        unit = membership.scope_unit
        if unit is None:
            continue
        if unit.pk not in by_unit:
            choices = successor_choices(unit, day)
            permitted = set(allowed.filter(pk__in=[u.pk for u in choices]).values_list("pk", flat=True))
            by_unit[unit.pk] = [u for u in choices if u.pk in permitted]
        result[membership.pk] = by_unit[unit.pk]
    return result
