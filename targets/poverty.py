"""Tỷ lệ nghèo đa chiều — the multidimensional poverty rate (poor and near-poor households) of a province or
district in a year: the figure the province reports when it has one (ReportedFigure, from its yearly review of poor
households), otherwise the plain average of its communes' values of the poverty indicator of the set in force.

The indicator is found by its tag (criteria.definitions.IndicatorTag.POVERTY_RATE: 11 until 2025, 6.1 under
criterion 6 "Giảm nghèo và an sinh xã hội" in 2026–2030), in the province's own version of the set when it has one,
never by a code written here. The communes are those of the year's map: a 2026 figure reads the province's communes
directly (no districts), a 2024 one the communes of that year.

The average is unweighted (a commune of 2,000 households counts as one of 8,000): ntm holds no household counts per
commune, so the page says which of the two the figure is.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from assessment.models import IndicatorValue
from criteria.definitions import IndicatorTag
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from geo.models import AdministrativeUnit, Level
from programme.periods import period_of_year
from targets.models import ReportedFigure

MEASURE = "multidimensional_poverty_rate"
REPORTABLE = frozenset({MEASURE})  # the measures a province may report itself
HUNDREDTH = Decimal("0.01")


class Origin(StrEnum):
    REPORTED = "reported"  # the province's own published figure
    AVERAGE = "average"  # ntm's plain average of the communes' values


@dataclass(frozen=True)
class PovertyFigure:
    year: int
    value: Decimal
    origin: Origin
    detail: str  # Vietnamese: the reported figure's basis, or how many communes were averaged

    @property
    def is_reported(self) -> bool:
        return self.origin == Origin.REPORTED


def average_rate(values: list[Decimal]) -> Decimal | None:
    """The plain average of the communes' rates, in % with two decimals; None without any."""
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def latest_per_commune(rows: list[tuple[int, object, datetime.date]]) -> list[Decimal]:
    """(commune, stored value, month) rows → the latest readable value of each commune (text numbers, as
    assessment stores them; anything else — a boolean, an empty or out-of-range value — is skipped)."""
    latest: dict[int, tuple[datetime.date, object]] = {}
    for unit_id, value, period in rows:
        if unit_id not in latest or latest[unit_id][0] < period:
            latest[unit_id] = (period, value)
    found = []
    for _, value in latest.values():
        if isinstance(value, bool) or value is None:
            continue
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            continue
        if number.is_finite() and 0 <= number <= 100:
            found.append(number)
    return found


def poverty_figure(area: AdministrativeUnit, year: int, day: datetime.date) -> PovertyFigure | None:
    """The area's rate of `year` (at most four queries). Like the criteria roll-ups, it reads the year's latest
    values whatever the day; the day only says which communes made up the area (the year's map)."""
    reported = _reported(area, year) if area.level == Level.PROVINCE else None
    if reported is not None:
        return PovertyFigure(year, reported.value, Origin.REPORTED, f"theo số liệu tỉnh công bố: {reported.source}")
    found = _commune_rates(area, year, day)
    value = average_rate(found)
    if value is None:
        return None
    return PovertyFigure(year, value, Origin.AVERAGE, f"bình quân {len(found)} xã (không gia quyền theo số hộ)")


def poverty_series(area: AdministrativeUnit, year: int, day: datetime.date) -> list[tuple[int, PovertyFigure | None]]:
    """The rate of each year from the year before the period of `year` began up to `year`, oldest first: the
    baseline the program's goal of −1 to −1.5 points a year is read against, then each year of the period."""
    period = period_of_year(year)
    first = (period.first_year if period else year) - 1
    return [(y, poverty_figure(area, y, min(day, datetime.date(y, 12, 31)))) for y in range(first, year + 1)]


def _reported(area: AdministrativeUnit, year: int) -> ReportedFigure | None:
    return ReportedFigure.objects.filter(unit=area, year=year, measure=MEASURE).first()


def _commune_rates(area: AdministrativeUnit, year: int, day: datetime.date) -> list[Decimal]:
    on = min(day, datetime.date(year, 12, 31))
    set_code = set_code_for_year(year)
    try:
        _, criteria_set = set_for_year(set_code, year, area.province())
    except NoCriteriaSet:
        return []
    indicator = criteria_set.tagged(IndicatorTag.POVERTY_RATE)
    if indicator is None:
        return []
    communes = AdministrativeUnit.objects.within(area).communes().valid_on(on).values("pk")
    rows = IndicatorValue.objects.filter(unit__in=communes, set_code=set_code, indicator_code=indicator.code,
                                         period__year=year).values_list("unit_id", "value", "period")
    return latest_per_commune(list(rows))


def with_changes(series: list[tuple[int, PovertyFigure | None]]) -> list[tuple[int, PovertyFigure | None, Decimal | None]]:
    """Each year with its change from the year before, in points (negative: the rate fell); None where either
    year has no figure. The program reads a fall of 1 to 1.5 points a year."""
    rows: list[tuple[int, PovertyFigure | None, Decimal | None]] = []
    before: PovertyFigure | None = None
    for year, figure in series:
        change = figure.value - before.value if figure is not None and before is not None else None
        rows.append((year, figure, change))
        before = figure
    return rows
