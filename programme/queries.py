"""The period, structure and review path of a unit, read from the map and the province's settings.

The one place pages and services ask "who takes this step for this commune" and "which units are subjects of
the commune set": the answer comes from where the commune stood on the map, never from a role alone.
"""

import datetime

from accounts import scope
from accounts.actions import Action
from accounts.models import Agency, AgencyKind, AuditEntry
from accounts.rules import Permission, role_allows
from geo import queries as geo_queries
from geo.models import AdministrativeUnit, Kind, Level, UnitQuerySet
from programme import rules
from programme.models import DEFAULT_REPORT_DAY_OF_MONTH, ProvinceSettings
from programme.periods import Structure
from programme.rules import Reviewer, ReviewPath, Step

# Kinds assessed with the commune set by default: xã. Phường, thị trấn (before 2025) and đặc khu (the island zones
# since 2025) only if the province says so (ProvinceSettings.wards_assessed): the set is the rural communes'.
RURAL_KINDS = (Kind.COMMUNE,)
URBAN_KINDS = (Kind.WARD, Kind.TOWNSHIP, Kind.SPECIAL_ZONE)


def settings_of(province: AdministrativeUnit) -> ProvinceSettings:
    """The province's settings, or the defaults (unsaved) when it has made no choice."""
    found = ProvinceSettings.objects.filter(province=province).select_related("verifying_agency").first()
    return found or ProvinceSettings(province=province,
                                     report_day_of_month=DEFAULT_REPORT_DAY_OF_MONTH.get(province.code))


def report_day_of_month(province: AdministrativeUnit) -> int | None:
    """The monthly report is due before this day of each month (None: the province sets no day)."""
    return settings_of(province).report_day_of_month


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


class Reviewers:
    """Who takes which step for many communes at once: the province's designated agency read once per province."""

    def __init__(self, user) -> None:
        self.user = user
        self._agencies: dict[int, Agency | None] = {}

    def agency(self, province: AdministrativeUnit) -> Agency | None:
        if province.pk not in self._agencies:
            self._agencies[province.pk] = verifying_agency(province)
        return self._agencies[province.pk]

    def may_take(self, commune: AdministrativeUnit, step: Step) -> bool:
        reviewer = path_for(commune).owner(step)
        if reviewer == Reviewer.COMMUNE:
            return scope.can(self.user, Permission.ENTER_VALUES, commune)
        if reviewer == Reviewer.DISTRICT:
            return scope.can(self.user, Permission.VERIFY_VALUES, commune)
        if reviewer == Reviewer.PROVINCIAL_VERIFIER:
            agency = self.agency(commune.province())
            return scope.acts_for(self.user, agency, commune, Permission.VERIFY_AS_DESIGNATED)
        return scope.can(self.user, Permission.APPRAISE_VALUES, commune)


def may_take(user, commune: AdministrativeUnit, step: Step) -> bool:
    """Whether the user takes `step` for the commune's figures on the commune's path."""
    return Reviewers(user).may_take(commune, step)


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


def provinces_assessing_wards() -> set[int]:
    return set(ProvinceSettings.objects.filter(wards_assessed=True).values_list("province_id", flat=True))


class Subjects:
    """Which units the commune set assesses, each province's choice read once (for imports of many communes)."""

    def __init__(self) -> None:
        self._kinds: dict[int, tuple[str, ...]] = {}

    def __call__(self, unit: AdministrativeUnit) -> bool:
        if unit.level != Level.COMMUNE:
            return False
        province = unit.province()
        if province.pk not in self._kinds:
            self._kinds[province.pk] = assessed_kinds(province)
        return unit.kind in self._kinds[province.pk]


def is_subject(commune: AdministrativeUnit) -> bool:
    return Subjects()(commune)


def exists_between(unit: AdministrativeUnit, first: datetime.date, last: datetime.date) -> bool:
    """Whether the unit existed on some day from `first` to `last` (both included)."""
    return (unit.valid_from is None or unit.valid_from <= last) and (unit.valid_to is None or unit.valid_to > first)


def absence_message(unit: AdministrativeUnit, first: datetime.date, last: datetime.date, what: str) -> str:
    """Why the unit takes no data for a period it did not exist in, naming who does ("… nhập cho Xã Kỳ Hoa")."""
    if unit.valid_to is not None and unit.valid_to <= first:
        if unit.level == Level.DISTRICT:  # its communes now stand directly under the province
            return (f"{unit.full_name} không còn từ ngày {unit.valid_to:%d/%m/%Y}: các xã trực thuộc "
                    f"{unit.province().full_name}. {what} xem và nhập theo từng xã của tỉnh.")
        heirs = geo_queries.successors_today(unit, last)
        names = ", ".join(u.full_name for u in heirs)
        return (f"{unit.full_name} không còn là đơn vị hành chính từ ngày {unit.valid_to:%d/%m/%Y}"
                + (f" (nay thuộc {names}). {what} nhập cho {names}." if heirs else f". {what} không nhập được."))
    start = f"{unit.valid_from:%d/%m/%Y}" if unit.valid_from else "sau kỳ này"
    return f"{unit.full_name} được thành lập từ ngày {start}: {what.lower()} không nhập được cho đơn vị này."


def reviews_anything(user) -> bool:
    """Whether the user takes some review step somewhere: a district or the province, or a member of an agency
    a province designated to verify. Pages show review links only to them."""
    if scope.may(user, Permission.VERIFY_VALUES) or scope.may(user, Permission.APPRAISE_VALUES):
        return True
    designated = set(ProvinceSettings.objects.exclude(verifying_agency=None).values_list("verifying_agency_id", flat=True))
    return any(m.agency_id in designated and role_allows(m.role, Permission.VERIFY_AS_DESIGNATED)
               for m in scope.active_memberships(user))


ILLUSTRATIVE = Action.PROGRAMME_ILLUSTRATIVE  # the audit action that marks a province's figures as the demo's


def is_illustrative(unit: AdministrativeUnit) -> bool:
    """Whether the figures of the unit's province are the demo's (programme.services.mark_illustrative)."""
    return AuditEntry.objects.filter(action=ILLUSTRATIVE, unit=unit.province()).exists()
