"""What every target page shares: the unit (a province or district in the user's scope, ?unit=), the year and the
day (?nam=&ngay=). A unit outside the scope is not found, as one that does not exist."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts import scope
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Level, UnitQuerySet
from ntm.params import required_id
from ntm.windows import overlapping
from programme.filters import AreaChoice, Period
from programme.periods import Structure, period_of_year, selectable_years, structure_on
from targets import services
from targets.models import Target

AREA_LEVELS = (Level.PROVINCE, Level.DISTRICT)


def areas_for(user, permission: Permission) -> UnitQuerySet:
    """Provinces and districts where the user holds `permission`."""
    return scope.units_for(user, permission).filter(level__in=AREA_LEVELS)


def area_for(user, asked: str, permission: Permission) -> AdministrativeUnit | None:
    """The unit asked for, 404 when outside the scope; without one, the user's widest unit (None when the user has
    no province or district, as a commune officer)."""
    areas = areas_for(user, permission).select_related("parent")
    if asked:
        found = areas.filter(pk=required_id(asked)).first()  # not an id (², 10^20, -1): 404, as out of scope
        if found is None:
            raise Http404
        return found
    if scope.is_admin(user):
        return areas.provinces().valid_on(timezone.localdate()).order_by("code").first()
    roots = [unit for unit in scope.scope_roots(user, permission) if unit.level in AREA_LEVELS]
    return min(roots, key=lambda unit: (AREA_LEVELS.index(unit.level), unit.code), default=None)


def _alive_in(year: int) -> Q:
    return overlapping(datetime.date(year, 1, 1), datetime.date(year, 12, 31), start="valid_from", end="valid_to")


@dataclass
class TargetsPage:
    unit: AdministrativeUnit
    year: int
    day: datetime.date
    choices: list[AdministrativeUnit]  # provinces in scope and the districts of the unit's province (of the year)
    year_groups: list[tuple[str, list[int]]]  # the years offered, newest first, by program period
    may_manage: bool
    last_year_with_targets: int | None = None  # for the empty page: where the last targets are

    def query(self) -> str:
        """The filter as a query string, for links that keep it."""
        return f"unit={self.unit.pk}&nam={self.year}&ngay={self.day:%Y-%m-%d}"

    @property
    def area(self) -> AreaChoice:
        """The unit selector of the one filter form (programme/_filter_form.html)."""
        return AreaChoice("unit", self.unit, self.choices)

    @property
    def province(self) -> AdministrativeUnit:
        return self.unit.province()

    @property
    def has_districts(self) -> bool:
        """Whether the day falls in the three-level structure (no district column after 1/7/2025)."""
        return structure_on(self.day) == Structure.THREE_LEVEL


def targets_page(request, unit: AdministrativeUnit) -> TargetsPage:
    today = timezone.localdate()
    year, day = (chosen := Period.read(request, today)).year, chosen.day
    areas = areas_for(request.user, Permission.VIEW_RECOGNITION).filter(_alive_in(year))
    province = unit.province()
    choices = sorted(areas.filter(Q(level=Level.PROVINCE) | Q(parent=province)),
                     key=lambda u: (u.level != Level.PROVINCE, u.code))
    if unit not in choices:
        choices.insert(0, unit)
    with_targets = set(Target.objects.filter(unit=unit).values_list("year", flat=True))
    last = max((y for y in with_targets if y != year), default=None)
    return TargetsPage(unit, year, day, choices, year_groups(today, with_targets | {year}),
                       services.may_manage(request.user, unit), last)


def year_groups(today: datetime.date, also: set[int]) -> list[tuple[str, list[int]]]:
    """The years of the program periods up to the year in force (programme.periods), the next year (targets are set
    ahead) and any year in `also`, newest first, grouped under their period's label; a year outside every period
    goes under "Khác"."""
    groups: dict[str, set[int]] = {period.label: set(years) for period, years in selectable_years(today)}
    for year in {*also, today.year + 1}:
        period = period_of_year(year)
        groups.setdefault(period.label if period else "Khác", set()).add(year)
    ordered = sorted(groups.items(), key=lambda item: -max(item[1]))
    return [(label, sorted(years, reverse=True)) for label, years in ordered]
