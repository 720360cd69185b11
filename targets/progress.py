"""Where each target of a unit's year stands: the actual, the share achieved, the figure the year is heading for,
and a status. The status rule and the time pace are pure functions (first part); the reading is the second."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from geo.models import AdministrativeUnit
from targets.forecast import Forecast, forecast_for
from targets.measures import MEASURES, Measure, Pace, as_of
from targets.models import Comparator, Target

HUNDRED = Decimal(100)


class Status(StrEnum):
    MET = "met"  # the actual already satisfies the target
    ON_TRACK = "on_track"  # not yet, but the year is heading there (forecast, or ahead of the time pace)
    BEHIND = "behind"  # not met, and nothing says it will be before the year ends
    MISSED = "missed"  # the year is over and the target was not met: no longer "late", simply not achieved
    NO_DATA = "no_data"  # no actual to compare: no roll-up, no capital plan, an unknown measure


STATUS_LABELS = {
    Status.MET: "Đã đạt",
    Status.ON_TRACK: "Đúng tiến độ",
    Status.BEHIND: "Chậm tiến độ",
    Status.MISSED: "Không đạt",
    Status.NO_DATA: "Chưa có số liệu",
}
FINISHED_LABELS = {**STATUS_LABELS, Status.MET: "Đạt"}  # a finished year reads Đạt / Không đạt
MISSING_TARGETS = (Status.BEHIND, Status.MISSED)  # not met: the report's "chỉ tiêu chậm tiến độ / không đạt"


def status_label(status: Status, *, year_over: bool) -> str:
    """"Đã đạt", "Đúng tiến độ", "Chậm tiến độ" while the year runs; "Đạt" or "Không đạt" once it is over."""
    return (FINISHED_LABELS if year_over else STATUS_LABELS)[status]


def satisfies(comparator: str, target: Decimal, value: Decimal) -> bool:
    return value <= target if comparator == Comparator.AT_MOST else value >= target


def status_of(comparator: str, target: Decimal, actual: Decimal | None, *, heading_for: Decimal | None,
              year_over: bool) -> Status:
    """`heading_for` is the figure the year is expected to end on (None when nothing tells)."""
    if actual is None:
        return Status.NO_DATA
    if satisfies(comparator, target, actual):
        return Status.MET
    if year_over:
        return Status.MISSED
    if heading_for is not None and satisfies(comparator, target, heading_for):
        return Status.ON_TRACK
    return Status.BEHIND


def time_pace(actual: Decimal, year: int, day: datetime.date) -> Decimal:
    """What a figure that accumulates over the year ends on at the pace it has kept since 1 January."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if day >= end:
        return actual
    elapsed = max((day - start).days + 1, 1)
    return actual * Decimal((end - start).days + 1) / Decimal(elapsed)


def share_of(target: Decimal, actual: Decimal | None) -> Decimal | None:
    """Actual against an "at least" target, in % with one decimal; None without an actual or a target above 0."""
    if actual is None or target <= 0:
        return None
    return (actual * HUNDRED / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    measure: Measure | None  # None for a code no longer in the registry: shown, never computed
    actual: Decimal | None
    forecast: Decimal | None  # the roadmaps' forecast of the year's end, for the measures that have one
    status: Status
    year_over: bool = False  # the figures are taken on the year's last day: the verdict is final

    @property
    def is_at_most(self) -> bool:
        return self.target.comparator == Comparator.AT_MOST

    @property
    def share(self) -> Decimal | None:
        return None if self.is_at_most else share_of(self.target.value, self.actual)

    @property
    def excess(self) -> Decimal | None:
        """For an "at most" target: how far the actual is above it (0 when within it)."""
        if not self.is_at_most or self.actual is None:
            return None
        return max(Decimal(0), self.actual - self.target.value)

    @property
    def bar(self) -> int:
        """Width of the progress bar, 0–100: full once met (an "at most" target is met or not)."""
        if self.status == Status.MET:
            return 100
        if self.is_at_most:
            return 0
        return int(min(self.share or Decimal(0), HUNDRED))

    @property
    def status_label(self) -> str:
        return status_label(self.status, year_over=self.year_over)


def progress_for(unit: AdministrativeUnit, year: int, day: datetime.date,
                 forecast: Forecast | None = None) -> list[TargetProgress]:
    """Every target of the unit's year with where it stands on `day`, in the registry's order."""
    targets = list(Target.objects.filter(unit=unit, year=year).select_related("notice_target__notice"))
    order = {code: index for index, code in enumerate(MEASURES)}
    targets.sort(key=lambda t: (order.get(t.measure, len(order)), t.measure))
    if forecast is None and any(_pace(t) == Pace.FORECAST for t in targets):
        forecast = forecast_for(unit, year, day)
    year_over = as_of(year, day) >= datetime.date(year, 12, 31)
    return [_progress(unit, target, year, day, forecast, year_over) for target in targets]


def _pace(target: Target) -> Pace | None:
    measure = MEASURES.get(target.measure)
    return measure.pace if measure else None


def _progress(unit: AdministrativeUnit, target: Target, year: int, day: datetime.date, forecast: Forecast | None,
              year_over: bool) -> TargetProgress:
    measure = MEASURES.get(target.measure)
    actual = measure.actual(unit, year, day) if measure else None
    expected = _forecast(measure, actual, forecast)
    heading_for = expected if expected is not None else _heading_for(measure, actual, year, day)
    status = status_of(target.comparator, target.value, actual, heading_for=heading_for, year_over=year_over)
    return TargetProgress(target, measure, actual, expected, status, year_over)


def _forecast(measure: Measure | None, actual: Decimal | None, forecast: Forecast | None) -> Decimal | None:
    """The roadmaps' forecast: what is counted now and the registered communes likely to be recognised."""
    if measure is None or measure.pace != Pace.FORECAST or actual is None or forecast is None:
        return None
    return actual + forecast.likely


def _heading_for(measure: Measure | None, actual: Decimal | None, year: int, day: datetime.date) -> Decimal | None:
    if measure is None or actual is None:
        return None
    if measure.pace == Pace.TIME:
        return time_pace(actual, year, as_of(year, day))
    return actual
