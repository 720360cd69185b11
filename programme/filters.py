"""The period and the area a page is read for, one way for every page that picks them (targets, reports, finance,
recognition): `Period` reads `?nam=&ngay=` through ntm.params, `AreaChoice` says which unit `?<param>=` chose among
the units offered; both render through the one include `programme/_filter_form.html`. Each page keeps its own
parameter name for the area (`unit`, `dia_ban`, `tinh`) so that the links people saved keep working."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import HttpRequest

from geo.models import AdministrativeUnit
from ntm import params
from programme.periods import year_in_force

FIRST_YEAR, LAST_YEAR = 2010, 2100


@dataclass(frozen=True)
class Period:
    """A year and the day its figures are taken on (inside the year)."""

    year: int
    day: datetime.date

    @classmethod
    def read(cls, request: HttpRequest, today: datetime.date, *, year: int | None = None) -> "Period":
        """?nam=2023&ngay=2023-09-30 (or 30/09/2023): the year (the year in force by default, or `year` when the
        page chose it already) and the day figures are taken on — today, or the year's last day for a past year; a
        day of another year is brought to the year's edge. Each is read on its own: a bad one gives its default."""
        if year is None:
            year = params.int_param(request, "nam", low=FIRST_YEAR, high=LAST_YEAR, default=year_in_force(today))
        last = datetime.date(year, 12, 31)
        day = params.date_param(request, "ngay", low=datetime.date(FIRST_YEAR, 1, 1),
                                high=datetime.date(LAST_YEAR, 12, 31), default=min(today, last))
        if day.year != year:
            day = last if day.year > year else datetime.date(year, 1, 1)
        return cls(year, day)

    @property
    def params(self) -> dict[str, str | int]:
        """For reverse(..., query=...) and links that keep the period."""
        return {"nam": self.year, "ngay": f"{self.day:%Y-%m-%d}"}


@dataclass(frozen=True)
class AreaChoice:
    """The unit a page shows (`area`) among those it offers, under the page's own parameter name."""

    param: str  # "unit", "dia_ban", "tinh"
    area: AdministrativeUnit
    areas: Sequence[AdministrativeUnit] = field(default=())
    label: str = "Địa bàn"

    @property
    def offered(self) -> list[AdministrativeUnit]:
        """The units of the selector: the chosen one is always among them."""
        return list(self.areas) if self.area in self.areas else [self.area, *self.areas]

    @property
    def params(self) -> dict[str, str | int]:
        return {self.param: self.area.pk}

