"""The period, structure and review path of a unit, read from the map and the province's settings.

The one place pages and services ask "who takes this step for this commune" and "which units are subjects of
the commune set": the answer comes from where the commune stood on the map, never from a role alone.
"""

import datetime

from accounts import scope
from accounts.models import Agency, AgencyKind
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Kind, Level, UnitQuerySet
from programme import rules
from programme.models import ProvinceSettings
from programme.periods import Structure
from programme.rules import Reviewer, ReviewPath, Step

# Kinds assessed with the commune set by default: xã. Phường (and thị trấn before 2025) only if the province says so.
RURAL_KINDS = (Kind.COMMUNE, Kind.SPECIAL_ZONE)
URBAN_KINDS = (Kind.WARD, Kind.TOWNSHIP)


def settings_of(province: AdministrativeUnit) -> ProvinceSettings:
    """The province's settings, or the defaults (unsaved) when it has made no choice."""
    found = ProvinceSettings.objects.filter(province=province).select_related("verifying_agency").first()
    return found or ProvinceSettings(province=province)


def coordination_office(province: AdministrativeUnit) -> Agency | None:
    return Agency.objects.active().filter(unit=province, kind=AgencyKind.COORDINATION_OFFICE).order_by("pk").first()


def verifying_agency(province: AdministrativeUnit) -> Agency | None:
    """The agency that verifies (thẩm tra) communes without a district: the province's choice, else its office."""
    return settings_of(province).verifying_agency or coordination_office(province)


def structure_of(commune: AdministrativeUnit) -> Structure:
    """Where this incarnation of the commune stood: under a district, or directly under the province."""
    parent_level = commune.parent.level if commune.parent_id and commune.parent else None
    return rules.structure_of_parent_level(parent_level)


def path_for(commune: AdministrativeUnit) -> ReviewPath:
    return rules.review_path(structure_of(commune))


def may_take(user, commune: AdministrativeUnit, step: Step) -> bool:
    """Whether the user takes `step` for the commune's figures on the commune's path."""
    reviewer = path_for(commune).owner(step)
    if reviewer == Reviewer.COMMUNE:
        return scope.can(user, Permission.ENTER_VALUES, commune)
    if reviewer == Reviewer.DISTRICT:
        return scope.can(user, Permission.VERIFY_VALUES, commune)
    if reviewer == Reviewer.PROVINCIAL_VERIFIER:
        agency = verifying_agency(commune.province())
        return scope.acts_for(user, agency, commune, Permission.VERIFY_AS_DESIGNATED)
    return scope.can(user, Permission.APPRAISE_VALUES, commune)


def reviewer_name(commune: AdministrativeUnit, step: Step) -> str:
    """Who takes the step, by name where the map or the province says it ("UBND huyện Kỳ Anh", "Văn phòng…")."""
    reviewer = path_for(commune).owner(step)
    if reviewer == Reviewer.DISTRICT and commune.parent is not None:
        return f"UBND {commune.parent.full_name[0].lower()}{commune.parent.full_name[1:]}"
    if reviewer == Reviewer.PROVINCIAL_VERIFIER:
        agency = verifying_agency(commune.province())
        return agency.name if agency else reviewer.label
    if reviewer == Reviewer.COMMUNE:
        return f"UBND {commune.full_name[0].lower()}{commune.full_name[1:]}"
    return reviewer.label


def assessed_kinds(province: AdministrativeUnit) -> tuple[str, ...]:
    return (*RURAL_KINDS, *URBAN_KINDS) if settings_of(province).wards_assessed else RURAL_KINDS


def subject_communes(area: AdministrativeUnit, day: datetime.date) -> UnitQuerySet:
    """The units of the area on `day` that the commune set assesses and that may register: xã, and phường only
    where the province includes them."""
    return (AdministrativeUnit.objects.valid_on(day).communes().within(area)
            .filter(kind__in=assessed_kinds(area.province())))


def is_subject(commune: AdministrativeUnit) -> bool:
    return commune.level == Level.COMMUNE and commune.kind in assessed_kinds(commune.province())
