"""The figures of a province or district for a year as of a day — what a leader reads before a meeting and
what the monthly report quotes ("04/13 xã đạt 19 tiêu chí, bình quân 15,46 tiêu chí/xã"). One frozen value
shared by the office dashboard, the Word report and the Excel workbook, so that the three never disagree.

Everything is read through the other apps' query functions and stored roll-ups: a fixed number of queries
whatever the number of communes, none per commune."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet

from assessment import queries as assessment_queries
from assessment.models import RollUp, ValueStatus
from assessment.queries import CriterionRow, LaggingRow
from criteria.definitions import CriteriaSet
from criteria.models import CriteriaSetRecord
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from criteria.rules import Bands
from directives import rules as task_rules
from directives.models import Task, TaskStatus
from finance import figures as finance_figures
from finance import rules as finance_rules
from finance.models import Project
from geo.models import AdministrativeUnit, Level
from programme import queries as programme_queries
from programme.choice import EmptyYear
from programme.periods import ProgramPeriod, Structure, period_of_year, structure_on
from programme.rules import Reviewer
from recognition import queries as recognition_queries
from recognition.models import RoadmapItem, Subject, Tier
from recognition.queries import RegisteredRow
from reports.reform import ReformStanding, reform_standing
from reports.rules import reads_across_reform
from targets import measures
from targets.forecast import Forecast, forecast_for
from targets.progress import TargetProgress, progress_for

HUNDREDTH = Decimal("0.01")
WEAKEST = 5  # criteria named as the weakest in the report
LAGGING_LIMIT = 200  # communes below the upper band listed by name; the count is always whole
UPCOMING_DAYS = 30  # tasks shown as coming due


def average(total: int, count: int) -> Decimal | None:
    """Criteria per commune with two decimals, as notices write it (15,46); None over no commune."""
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


# Criteria ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClassCount:
    key: str  # criteria.rules.Bands keys: lt10, 10-14, 15+, all (lt5, 5-7, 8+, all for ten criteria)
    label: str
    communes: int


@dataclass(frozen=True)
class CriteriaFigures:
    set_code: str
    set_name: str  # the name of the version in force ("" without one)
    criteria_total: int  # criteria in the set in force (19, 10); 0 without one
    communes_total: int  # communes of the area on the year's map
    communes_evaluated: int
    at_standard: int
    average: Decimal | None
    classes: tuple[ClassCount, ...]  # from the standard down (Bands.labels)
    weakest: tuple[CriterionRow, ...]  # fewest communes meeting them first, with their owning department
    lagging: tuple[LaggingRow, ...]  # communes below the upper band, the weakest first (at most LAGGING_LIMIT)
    empty: EmptyYear | None = None  # no commune evaluated in the year: where the last figures are

    @property
    def bands(self) -> Bands:
        return Bands(self.criteria_total)

    def count(self, key: str) -> int:
        return next((c.communes for c in self.classes if c.key == key), 0)

    @property
    def below_low(self) -> int:
        """Communes in the weakest band ("dưới 10 tiêu chí"; "dưới 5" on ten criteria)."""
        return self.count(self.bands.keys[0])

    @property
    def middle(self) -> int:
        """Communes in the middle band ("từ 10 đến 14"; "từ 5 đến 7")."""
        return self.count(self.bands.keys[1])

    @property
    def below_high(self) -> int:
        """Communes below the upper band ("dưới 15 tiêu chí"; "dưới 8")."""
        return self.below_low + self.middle


def criteria_figures(area: AdministrativeUnit, year: int) -> CriteriaFigures:
    set_code = set_code_for_year(year)
    record, criteria_set = _criteria_set(set_code, year, area)
    rollup = assessment_queries.rollup(area, set_code, year)
    total = len(criteria_set.criteria) if criteria_set else 0
    bands = Bands(total)
    classes = rollup.classes if rollup else {}
    rows = assessment_queries.criterion_rows(rollup, criteria_set) if criteria_set else []
    weakest = sorted(rows, key=lambda r: (r.communes_met, _number(r.number)))[:WEAKEST]
    districts = [row.unit for row in assessment_queries.area_rows(area, set_code, year)]
    lagging = (assessment_queries.lagging(area, districts, set_code, year, bands.high, LAGGING_LIMIT)
               if rollup else [])
    evaluated = rollup.communes_evaluated if rollup else 0
    return CriteriaFigures(
        set_code, record.name if record else "", total, rollup.communes_total if rollup else 0, evaluated,
        rollup.communes_at_standard if rollup else 0, _average(rollup),
        tuple(ClassCount(key, label, classes.get(key, 0)) for key, label in bands.labels()),
        tuple(weakest) if rollup else (), tuple(lagging),
        None if evaluated else EmptyYear(year, assessment_queries.latest_year_with_rollup(area, year)),
    )


def _criteria_set(set_code: str, year: int,
                  area: AdministrativeUnit) -> tuple[CriteriaSetRecord | None, CriteriaSet | None]:
    try:
        return set_for_year(set_code, year, area.province())
    except NoCriteriaSet:
        return None, None


def _average(rollup: RollUp | None) -> Decimal | None:
    return average(rollup.criteria_met_sum, rollup.communes_evaluated) if rollup else None


# Registered communes ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RegisteredFigures:
    """The year's registered communes (every level in `rows`; the summary counts those aiming at the standard,
    the only ones the year's standard set judges)."""

    rows: tuple[RegisteredRow, ...]
    registered: int
    evaluated: int
    meeting_all: int
    average: Decimal | None
    open_gaps: int
    overdue_items: int
    debt: Decimal
    communes_with_debt: int
    empty: EmptyYear | None = None  # no commune registered in the year: the last year with registrations


def registered_figures(area: AdministrativeUnit, year: int, day: datetime.date) -> RegisteredFigures:
    rows = recognition_queries.registered_rows(area, year, day)
    standard = [r for r in rows if r.registration.level == Tier.STANDARD]
    results = [r.result for r in standard if r.result is not None]
    return RegisteredFigures(
        tuple(rows), len(standard), len(results), sum(1 for r in results if r.meets_standard),
        average(sum(r.criteria_met for r in results), len(results)),
        sum(r.open_gaps for r in standard), sum(r.overdue_items for r in standard),
        sum((r.debt for r in standard), Decimal(0)), sum(1 for r in standard if r.debt > 0),
        None if rows else EmptyYear(year, recognition_queries.latest_year_with_registrations(area, year)),
    )


@dataclass(frozen=True)
class CommuneGaps:
    commune: str  # "xã Kỳ Lạc"
    indicators: tuple[str, ...]  # "2.1", "17.3"


@dataclass(frozen=True)
class OwnerGaps:
    """The open gaps of the registered communes that one department owns."""

    owner: str  # the agency the roadmap assigns, else the owner as the criteria set names it
    criteria: tuple[str, ...]  # criterion numbers, in order
    communes: tuple[CommuneGaps, ...]
    earliest_due: datetime.date | None

    @property
    def gap_count(self) -> int:
        return sum(len(c.indicators) for c in self.communes)


def gaps_by_owner(area: AdministrativeUnit, year: int) -> tuple[OwnerGaps, ...]:
    """The open gaps (generated roadmap items) of the year's standard registrations, grouped by department:
    one query. The roadmap keeps them in step with the results, so this is what still stands between a commune
    and the standard."""
    chosen = recognition_queries.registrations(area, year).filter(level=Tier.STANDARD)
    items = RoadmapItem.objects.filter(
        registration__in=chosen.values("pk"), generated=True, status__in=recognition_queries.OPEN,
    ).order_by("registration__unit__name", "pk")
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    criteria: dict[str, set[str]] = defaultdict(set)
    due: dict[str, list[datetime.date]] = defaultdict(list)
    for name, kind, owner, agency, criterion, code, due_date in items.values_list(
            "registration__unit__name", "registration__unit__kind", "owner", "responsible_agency__name",
            "criterion_number", "indicator_code", "due_date"):
        lead = agency or owner
        commune = AdministrativeUnit(name=name, kind=kind).full_name
        grouped[lead][commune[0].lower() + commune[1:]].append(code or f"TC {criterion}")
        criteria[lead].add(criterion)
        if due_date:
            due[lead].append(due_date)
    most_gaps_first = sorted(grouped.items(), key=lambda item: (-sum(map(len, item[1].values())), item[0]))
    return tuple(
        OwnerGaps(lead, tuple(sorted(criteria[lead], key=_number)),
                  tuple(CommuneGaps(c, tuple(codes)) for c, codes in communes.items()),
                  min(due[lead], default=None))
        for lead, communes in most_gaps_first
    )


def _number(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (999, text)


# Recognition ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RecognitionFigures:
    communes_year: int  # recognised at the standard in the year
    communes_to_date: int  # holding the standard on the day (communes of the day's map)
    advanced_year: int  # 2016–2025
    model_year: int  # 2016–2025
    villages_year: int
    villages_to_date: int
    model_areas_year: int
    model_areas_to_date: int
    gardens_year: int
    gardens_to_date: int
    modern_year: int = 0  # 2026–2030: nông thôn mới hiện đại
    reform: ReformStanding | None = None  # lũy kế read across the 2025 reform (reports.rules), from 1/7/2025

    @property
    def reads_across_reform(self) -> bool:
        return self.reform is not None


def recognition_figures(area: AdministrativeUnit, year: int, day: datetime.date) -> RecognitionFigures:
    """Dossiers at step "recognised", not revoked by the day, read with the targets' measures so that a target
    and the report count alike. Once the old map has ended, the "lũy kế" is read across the reform
    (reports.rules): communes holding the standard on 30/06/2025 and how today's communes were formed from them."""
    def new(level: str) -> int:
        return int(measures.new_communes_at(level)(area, year, day) or 0)

    def titles(subject: str) -> tuple[int, int]:
        on = measures.as_of(year, day)
        recognised = measures.recognised_dossiers(area, subject, on)
        return measures.of_year(recognised, year).count(), recognised.count()

    return RecognitionFigures(
        new(Tier.STANDARD), int(measures.total_communes_standard(area, year, day) or 0),
        new(Tier.ADVANCED), new(Tier.MODEL),
        *titles(Subject.VILLAGE), *titles(Subject.MODEL_AREA), *titles(Subject.GARDEN),
        new(Tier.MODERN),
        reform_standing(area, year, day) if _across_reform(area, day) else None,
    )


def _across_reform(area: AdministrativeUnit, day: datetime.date) -> bool:
    """The reading across the reform is a province's of today's map (a district has none after 1/7/2025)."""
    return reads_across_reform(day) and area.level == Level.PROVINCE


# Capital ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DisbursementFigures:
    line: Decimal  # the rate required, 60 %
    total: finance_rules.RateRow
    by_investor: tuple[finance_rules.Ranked, ...]  # highest rate first
    by_source: tuple[finance_rules.Ranked, ...]
    empty: EmptyYear | None = None  # no capital plan in the year: the last year with one

    @property
    def under_line(self) -> tuple[finance_rules.Ranked, ...]:
        """Investors below the line, the weakest first."""
        return tuple(reversed([r for r in self.by_investor if r.below_line]))

    @property
    def is_below(self) -> bool:
        return self.total.rate is not None and self.total.rate < self.line


def disbursement_figures(projects: QuerySet[Project], year: int, day: datetime.date,
                         line: Decimal = finance_rules.DEFAULT_LINE) -> DisbursementFigures:
    plans = finance_figures.plan_figures(projects, year, measures.as_of(year, day))
    return DisbursementFigures(
        line, finance_figures.total(plans),
        tuple(finance_rules.rank(finance_figures.by_investor(plans), line)),
        tuple(finance_rules.rank(finance_figures.by_source(plans), line)),
        None if plans else EmptyYear(year, finance_figures.latest_year_with_plan(projects, year)),
    )


# Tasks ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskRow:
    pk: int
    summary: str
    lead: str
    due_date: datetime.date | None
    notice: str  # "17-TB/BCĐ ngày 03/11/2017"
    days_late: int  # 0 when not overdue


@dataclass(frozen=True)
class TaskFigures:
    counts: task_rules.TaskCounts  # as the Government Office counts them, on the day
    due_this_month: int  # tasks whose deadline falls in the day's month
    overdue: tuple[TaskRow, ...]  # the oldest deadline first
    upcoming: tuple[TaskRow, ...]  # open, due within UPCOMING_DAYS
    overdue_by_agency: tuple[tuple[str, int], ...]  # most overdue first


def tasks_of(area: AdministrativeUnit) -> QuerySet[Task]:
    """The tasks of the province's notices; for a district, those its agencies lead or naming its communes."""
    tasks = Task.objects.filter(notice__province=area.province())
    if area.level == Level.PROVINCE:
        return tasks
    within = AdministrativeUnit.objects.within_or_self(area)
    return tasks.filter(Q(lead_agency__unit__in=within) | Q(communes__in=within)).distinct()


def status_on(status: str, completed_on: datetime.date | None, day: datetime.date) -> str:
    """A task finished after `day` was still open on it: a past month's report counts it as it stood then."""
    if status == TaskStatus.DONE and completed_on is not None and completed_on > day:
        return TaskStatus.IN_PROGRESS
    return status


def _by_due(row: TaskRow) -> tuple[datetime.date, int]:
    return row.due_date or datetime.date.max, row.pk


def task_figures(tasks: QuerySet[Task], day: datetime.date) -> TaskFigures:
    """One query: every task of notices issued by the day, counted and listed in memory."""
    rows = tasks.filter(notice__date__lte=day).values_list(
        "pk", "summary", "lead_agency__name", "due_date", "status", "completed_on", "notice__number",
        "notice__date")
    facts, overdue, upcoming, in_month = [], [], [], 0
    for pk, summary, lead, due, status, completed, number, issued in rows:
        status = status_on(status, completed, day)
        facts.append(task_rules.TaskFacts(status, due, completed if status == TaskStatus.DONE else None))
        if status == TaskStatus.CANCELLED or due is None:
            continue
        in_month += (due.year, due.month) == (day.year, day.month)
        if status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS):
            notice = f"{number or '(chưa số)'} ngày {issued:%d/%m/%Y}"
            if due < day:
                overdue.append(TaskRow(pk, summary, lead, due, notice, (day - due).days))
            elif due <= day + datetime.timedelta(days=UPCOMING_DAYS):
                upcoming.append(TaskRow(pk, summary, lead, due, notice, 0))
    by_agency = Counter(row.lead for row in overdue)
    return TaskFigures(
        task_rules.count_tasks(facts, day), in_month,
        tuple(sorted(overdue, key=_by_due)), tuple(sorted(upcoming, key=_by_due)),
        tuple(sorted(by_agency.items(), key=lambda item: (-item[1], item[0]))),
    )


# Review without districts -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewFigures:
    """Without districts the province's designated agency verifies (programme.rules): its name, and the communes
    whose figures of the year wait for it."""

    verifier: str
    communes_waiting: int


def review_figures(area: AdministrativeUnit, year: int) -> ReviewFigures:
    agency = programme_queries.verifying_agency(area.province())
    communes = AdministrativeUnit.objects.within(area).communes()
    waiting = assessment_queries.communes_with_status(communes, year, ValueStatus.SUBMITTED)
    return ReviewFigures(agency.name if agency else Reviewer.PROVINCIAL_VERIFIER.label, waiting)


# The whole --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OfficeFigures:
    area: AdministrativeUnit
    year: int
    day: datetime.date  # never after the year's end
    criteria: CriteriaFigures
    registered: RegisteredFigures
    gaps: tuple[OwnerGaps, ...]
    recognition: RecognitionFigures
    disbursement: DisbursementFigures
    tasks: TaskFigures
    targets: tuple[TargetProgress, ...]
    forecast: Forecast
    structure: Structure = Structure.THREE_LEVEL  # of the day: with districts until 30/6/2025
    review: ReviewFigures | None = None  # without districts: who verifies, and what waits for it

    @property
    def province(self) -> AdministrativeUnit:
        return self.area.province()

    @property
    def whole_area(self) -> str:
        """ "toàn tỉnh", "toàn huyện" — as reports name the area they speak of."""
        return "toàn tỉnh" if self.area.level == Level.PROVINCE else "toàn huyện"

    @property
    def has_districts(self) -> bool:
        return self.structure == Structure.THREE_LEVEL

    @property
    def period(self) -> ProgramPeriod | None:
        return period_of_year(self.year)

    @property
    def at_standard_words(self) -> str:
        """What the roll-up's count is called: "đạt chuẩn nông thôn mới" while a result and a recognition spoke of
        the same communes; across the reform "đạt đủ 10 tiêu chí", since recognitions are read apart (reports.rules)."""
        if self.recognition.reform is None:
            return "đạt chuẩn nông thôn mới"
        return f"đạt đủ {self.criteria.criteria_total} tiêu chí"

    @property
    def local_authorities(self) -> str:
        """Who a notice addresses below the province: "UBND các huyện, thành phố, thị xã" or "UBND các xã, phường"."""
        return "UBND các huyện, thành phố, thị xã" if self.has_districts else "UBND các xã, phường"


def office_figures(area: AdministrativeUnit, year: int, day: datetime.date, *,
                   projects: QuerySet[Project] | None = None,
                   tasks: QuerySet[Task] | None = None) -> OfficeFigures:
    """The figures of `area` (a province or district) for `year` as of `day`. `projects` and `tasks` narrow
    what is counted to what the reader may see (a page passes the user's); a command counts all the area."""
    day = measures.as_of(year, day)
    area_projects = measures.projects_of(area)
    if projects is not None:
        area_projects = area_projects.filter(pk__in=projects.values("pk"))
    area_tasks = tasks_of(area)
    if tasks is not None:
        area_tasks = area_tasks.filter(pk__in=tasks.values("pk"))
    forecast = forecast_for(area, year, day)
    structure = structure_on(day)
    return OfficeFigures(
        area, year, day, criteria_figures(area, year), registered_figures(area, year, day),
        gaps_by_owner(area, year), recognition_figures(area, year, day),
        disbursement_figures(area_projects, year, day), task_figures(area_tasks, day),
        tuple(progress_for(area, year, day, forecast)), forecast, structure,
        review_figures(area, year) if structure == Structure.TWO_LEVEL else None,
    )
