"""Toàn cảnh — where a province stands now, as its leaders ask: the period in force (program, legal basis, set in
force, structure, who verifies) and what is known of it, the last complete year beside it, the year's targets,
the communes at the standard over the years (one line per set), the "lũy kế" read across the 2025 reform
(reports.rules), disbursement against the line and the overdue tasks by agency.

Only figures kept for reading are read — roll-ups, recognitions counted in SQL, the finance cache — in a number
of queries that does not grow with the communes (benchmarks/leader_page.py)."""

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from assessment.models import RollUp
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from directives.models import Task
from finance import figures as finance_figures
from finance import rules as finance_rules
from finance import stamps
from finance.models import Project
from geo.models import AdministrativeUnit
from programme import queries as programme_queries
from programme.choice import EmptyYear
from programme.periods import ProgramPeriod, Structure, period_in_force, structure_on, year_in_force
from programme.rules import Reviewer
from recognition.models import Tier
from reports.figures import average, task_figures, tasks_of
from reports.reform import ReformStanding, reform_standing
from reports.rules import reads_across_reform
from targets import measures
from targets.progress import TargetProgress, progress_for

OVERDUE_AGENCIES = 10  # agencies named with their overdue tasks; the total is always whole


@dataclass(frozen=True)
class YearFigures:
    """A year of the province on the standard set of that year, from its roll-up."""

    year: int
    set_name: str
    criteria_total: int
    communes_total: int
    evaluated: int
    at_standard: int
    average: Decimal | None
    recognised: int  # communes recognised at the standard in the year


@dataclass(frozen=True)
class SetLine:
    """One line of the chart: the communes meeting every criterion of one set, year by year (never joined to
    another set's line: 19 criteria and 10 are not the same standard)."""

    set_code: str
    name: str
    criteria_total: int
    years: tuple[int, ...]
    at_standard: tuple[int, ...]
    communes: tuple[int, ...]

    @property
    def points(self) -> list[tuple[int, int, int]]:
        """(year, communes at the standard, communes) — the line as a table reads it."""
        return list(zip(self.years, self.at_standard, self.communes, strict=True))


@dataclass(frozen=True)
class MoneyFigures:
    line: Decimal
    total: finance_rules.RateRow
    empty: EmptyYear | None  # no plan in the year: the last year with one

    @property
    def is_below(self) -> bool:
        return self.total.rate is not None and self.total.rate < self.line

    @property
    def bar(self) -> int:
        """Width of the progress bar, 0–100."""
        return int(min(max(self.total.rate or Decimal(0), Decimal(0)), Decimal(100)))


@dataclass(frozen=True)
class Standing:
    province: AdministrativeUnit
    day: datetime.date
    year: int  # the year in force
    period: ProgramPeriod
    set_name: str  # the version of the standard set in force this year ("" without one)
    criteria_total: int
    structure: Structure
    verifier: str  # who verifies (thẩm tra) the communes' figures in the structure of the day
    current: YearFigures | None  # None when the year has no evaluated commune
    current_empty: EmptyYear | None
    known_years: tuple[int, ...]  # years of the period in force with figures
    last_complete: YearFigures | None  # the year before, or the last one with figures
    lines: tuple[SetLine, ...]
    reform: ReformStanding | None
    targets: tuple[TargetProgress, ...]
    money: MoneyFigures
    overdue: int
    overdue_by_agency: tuple[tuple[str, int], ...]  # most overdue first, at most OVERDUE_AGENCIES

    @property
    def set_change_years(self) -> tuple[int, ...]:
        """Years where a new set's line starts after another's: marked on the chart."""
        return tuple(line.years[0] for line in self.lines[1:] if line.years)

    @property
    def overdue_agencies_left(self) -> int:
        return self.overdue - sum(count for _, count in self.overdue_by_agency)

    def chart(self) -> dict:
        years = sorted({year for line in self.lines for year in line.years})
        return {"years": years, "changes": list(self.set_change_years), "series": [
            {"name": line.name, "total": line.criteria_total,
             "data": [line.at_standard[line.years.index(y)] if y in line.years else None for y in years],
             "communes": [line.communes[line.years.index(y)] if y in line.years else None for y in years]}
            for line in self.lines]}


def standing(province: AdministrativeUnit, today: datetime.date, *, projects: QuerySet[Project],
             tasks: QuerySet[Task]) -> Standing:
    """`projects` and `tasks`: what the reader may see (access.projects_for, directives.queries.visible_tasks)."""
    year = year_in_force(today)
    structure = structure_on(today)
    sets = _Sets(province)
    by_year = _standard_rollups(province, sets)
    current = by_year.get(year)
    evaluated = current is not None and current.communes_evaluated > 0
    last = _last_complete(by_year, year)
    period = period_in_force(today)
    overdue = task_figures(tasks_of(province).filter(pk__in=tasks.values("pk")), today)
    return Standing(
        province, today, year, period, *sets.named(sets.code(year), year), structure,
        _verifier(province, structure),
        _year_figures(province, current, today, sets) if evaluated and current else None,
        None if evaluated else EmptyYear(year, last),
        tuple(y for y, r in sorted(by_year.items()) if y in period and r.communes_evaluated),
        _year_figures(province, by_year[last], datetime.date(last, 12, 31), sets) if last else None,
        _lines(by_year, sets),
        reform_standing(province, year, today) if reads_across_reform(today) else None,
        tuple(progress_for(province, year, today)), _money(province, projects, year, today),
        overdue.counts.overdue, overdue.overdue_by_agency[:OVERDUE_AGENCIES],
    )


class _Sets:
    """The standard set of each year and the name and size of a set's version, each read once per page."""

    def __init__(self, province: AdministrativeUnit) -> None:
        self.province = province
        self._codes: dict[int, str] = {}
        self._named: dict[tuple[str, int], tuple[str, int]] = {}

    def code(self, year: int) -> str:
        if year not in self._codes:
            self._codes[year] = set_code_for_year(year)
        return self._codes[year]

    def named(self, code: str, year: int) -> tuple[str, int]:
        """The name and number of criteria of the version in force that year ("", 0 without one)."""
        if (code, year) not in self._named:
            try:
                record, criteria_set = set_for_year(code, year, self.province)
                self._named[(code, year)] = (record.name, len(criteria_set.criteria))
            except NoCriteriaSet:
                self._named[(code, year)] = ("", 0)
        return self._named[(code, year)]


def _standard_rollups(province: AdministrativeUnit, sets: _Sets) -> dict[int, RollUp]:
    """The province's roll-up of each year on the standard set of that year (other tiers left out)."""
    return {r.year: r for r in RollUp.objects.filter(unit=province).order_by("year") if r.set_code == sets.code(r.year)}


def _last_complete(by_year: dict[int, RollUp], year: int) -> int | None:
    """The year before the one in force if it has figures, else the last year with figures before it."""
    years = [y for y, r in by_year.items() if y < year and r.communes_evaluated]
    return max(years, default=None)


def _year_figures(province: AdministrativeUnit, rollup: RollUp, day: datetime.date, sets: _Sets) -> YearFigures:
    name, total = sets.named(rollup.set_code, rollup.year)
    recognised = measures.new_communes_at(Tier.STANDARD)(province, rollup.year, day)
    return YearFigures(rollup.year, name, total, rollup.communes_total, rollup.communes_evaluated,
                       rollup.communes_at_standard, average(rollup.criteria_met_sum, rollup.communes_evaluated),
                       int(recognised or 0))


def _lines(by_year: dict[int, RollUp], sets: _Sets) -> tuple[SetLine, ...]:
    grouped: dict[str, list[RollUp]] = {}
    for _year, rollup in sorted(by_year.items()):
        if rollup.communes_evaluated:
            grouped.setdefault(rollup.set_code, []).append(rollup)
    lines = []
    for code, rollups in sorted(grouped.items(), key=lambda item: item[1][0].year):
        name, total = sets.named(code, rollups[-1].year)
        lines.append(SetLine(code, name or code, total, tuple(r.year for r in rollups),
                             tuple(r.communes_at_standard for r in rollups), tuple(r.communes_total for r in rollups)))
    return tuple(lines)


def _verifier(province: AdministrativeUnit, structure: Structure) -> str:
    if structure == Structure.THREE_LEVEL:
        return Reviewer.DISTRICT.label
    agency = programme_queries.verifying_agency(province)
    return agency.name if agency else Reviewer.PROVINCIAL_VERIFIER.label


def _money(province: AdministrativeUnit, projects: QuerySet[Project], year: int, day: datetime.date) -> MoneyFigures:
    """The province's disbursement against the line, from the finance cache (moved by every finance write)."""
    visible = measures.projects_of(province).filter(pk__in=projects.values("pk"))
    scope = hashlib.sha256(str(visible.query).encode()).hexdigest()

    def compute() -> MoneyFigures:
        plans = finance_figures.plan_figures(visible, year, day)
        empty = None if plans else EmptyYear(year, finance_figures.latest_year_with_plan(visible, year))
        return MoneyFigures(finance_rules.DEFAULT_LINE, finance_figures.total(plans), empty)

    return stamps.cached(province.pk, ("standing", scope, year, day), compute)

