"""The year a page shows, chosen one way everywhere: `?nam=`, bounded to the program's years, defaulting to the
year in force; and the pointer to the last year with data when the chosen one is empty."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone

from geo.models import AdministrativeUnit
from ntm.params import int_param
from programme import periods
from programme.periods import ProgramPeriod


@dataclass(frozen=True)
class YearChoice:
    year: int
    in_force: int
    groups: tuple[tuple[ProgramPeriod, tuple[int, ...]], ...]  # for the selector, the period in force first

    @property
    def period(self) -> ProgramPeriod | None:
        return periods.period_of_year(self.year)

    @property
    def is_in_force(self) -> bool:
        return self.year == self.in_force


def year_choice(request: HttpRequest, *, unit: AdministrativeUnit | None = None,
                today: datetime.date | None = None) -> YearChoice:
    """`?nam=` if it is a year of the program up to this one; else the year in force — or, for a unit that ended
    before it, the unit's last year."""
    today = today or timezone.localdate()
    in_force = periods.year_in_force(today)
    last_day = unit.last_valid_day() if unit is not None else None
    default = min(in_force, last_day.year) if last_day else in_force
    year = int_param(request, "nam", low=periods.FIRST_YEAR, high=in_force, default=default)
    groups = tuple((period, tuple(years)) for period, years in periods.selectable_years(today))
    return YearChoice(year, in_force, groups)


@dataclass(frozen=True)
class EmptyYear:
    """ "Năm 2026 chưa có số liệu — năm gần nhất: 2024" — said beside a figure that is empty for the chosen year."""

    year: int
    latest: int | None  # the last year with data before it, if any

    @property
    def message(self) -> str:
        tail = f" — năm gần nhất có số liệu: {self.latest}" if self.latest else ""
        return f"Năm {self.year} chưa có số liệu{tail}."
