"""The figures the notices ask for, over a set of projects, for a plan year as of a day: disbursement by source,
investor, district and province against a line; projects not started; capital that could move; debt; cement;
sponsors. Sums are done by the database (one query per kind of row), the rules by `finance.rules`."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F

from accounts.models import Agency
from finance import rules, sums
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Contribution,
    Disbursement,
    PlanChange,
    Project,
    SourceKind,
    Sponsorship,
)
from geo.models import AdministrativeUnit, Level
from ntm.text import sort_key

ZERO = Decimal(0)
PROVINCE_LEVEL = "Cấp tỉnh"  # projects without communes, or of a provincial investor
SEVERAL_DISTRICTS = "Liên huyện"


@dataclass(frozen=True)
class PlanFigure:
    """One capital plan (project × year × source) as of the day."""

    project_id: int
    source: str
    investor_id: int
    plan: Decimal
    disbursed: Decimal


def plan_figures(projects, year: int, day: datetime.date) -> list[PlanFigure]:
    """Every plan of the year of `projects`: the plan in force on `day` and what was paid of it by then.

    Summing changes in SQL and clamping at zero is `rules.plan_as_of` done by the database."""
    plans = CapitalPlan.objects.filter(project__in=projects, year=year)
    planned = sum_by(PlanChange.objects.filter(plan__in=plans, effective__lte=day), "plan")
    paid = sum_by(_payments(plans, year, day), "plan")
    return [
        PlanFigure(project, source, investor, max(ZERO, planned.get(pk, ZERO)), paid.get(pk, ZERO))
        for pk, project, source, investor in plans.values_list("pk", "project_id", "source", "project__investor_id")
    ]


def _payments(plans, year: int, day: datetime.date):
    return Disbursement.objects.filter(plan__in=plans, day__gte=datetime.date(year, 1, 1), day__lte=day)


def sum_by(rows, key: str) -> dict[int, Decimal]:
    """Amounts summed per `key`, exactly on either database (`finance.sums`)."""
    return sums.sums_by(rows, key)


def total(figures: list[PlanFigure]) -> rules.RateRow:
    return rules.RateRow("Toàn tỉnh", sum((f.plan for f in figures), ZERO), sum((f.disbursed for f in figures), ZERO))


def by_source(figures: list[PlanFigure]) -> list[rules.RateRow]:
    labels = dict(SourceKind.choices)
    return _grouped(figures, lambda f: labels.get(f.source, f.source))


def by_investor(figures: list[PlanFigure]) -> list[rules.RateRow]:
    names = dict(Agency.objects.filter(pk__in={f.investor_id for f in figures}).values_list("pk", "name"))
    return _grouped(figures, lambda f: names[f.investor_id])


def per_project(figures: list[PlanFigure]) -> dict[int, rules.RateRow]:
    """Each project's plan and payments over its sources, keyed by project id."""
    return {int(row.key): row for row in _grouped(figures, lambda f: str(f.project_id))}


def by_district(figures: list[PlanFigure]) -> list[rules.RateRow]:
    district = districts_of({f.project_id for f in figures})
    return _grouped(figures, lambda f: district.get(f.project_id, PROVINCE_LEVEL))


def _grouped(figures: list[PlanFigure], key) -> list[rules.RateRow]:
    plan: dict[str, Decimal] = defaultdict(Decimal)
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for figure in figures:
        name = key(figure)
        plan[name] += figure.plan
        paid[name] += figure.disbursed
    return [rules.RateRow(name, plan[name], paid[name]) for name in plan]


def districts_of(project_ids) -> dict[int, str]:
    """The district each project lies in, as its communes' parent of their time says (districts ended in 2025:
    a later commune's parent is its province, and the project counts as provincial)."""
    links = Project.communes.through.objects.filter(project_id__in=project_ids).values_list(
        "project_id", "administrativeunit__parent__level", "administrativeunit__parent__name",
        "administrativeunit__parent__kind",
    )
    names: dict[tuple[str, str], str] = {}  # a few districts, thousands of links: name each once
    found: dict[int, set[str]] = defaultdict(set)
    for project, level, name, kind in links:
        if level != Level.DISTRICT:
            found[project].add(PROVINCE_LEVEL)
            continue
        if (name, kind) not in names:
            names[(name, kind)] = AdministrativeUnit(name=name, kind=kind).full_name
        found[project].add(names[(name, kind)])
    return {project: found_names.pop() if len(found_names) == 1 else SEVERAL_DISTRICTS
            for project, found_names in found.items()}


def monthly_rates(figures: list[PlanFigure], projects, year: int, day: datetime.date) -> list[tuple[int, Decimal | None]]:
    """The cumulative rate at the end of each month of the year up to `day`, against the plan in force on `day`.

    Summed by day in SQL (at most 366 rows) and by month here: SQLite extracts a month in Python, row by row."""
    plan = sum((f.plan for f in figures), ZERO)
    plans = CapitalPlan.objects.filter(project__in=projects, year=year)
    by_month: dict[int, Decimal] = defaultdict(Decimal)
    for paid_on, amount in sums.sums_by(_payments(plans, year, day), "day").items():
        by_month[paid_on.month] += amount
    last = day.month if day.year == year else (12 if day.year > year else 0)
    series, running = [], ZERO
    for month in range(1, last + 1):
        running += by_month[month]
        series.append((month, rules.rate(plan, running)))
    return series


@dataclass(frozen=True)
class NotStarted:
    project: Project
    plan: Decimal
    days_late: int | None  # since the planned start; None without one


def not_started(projects, figures: list[PlanFigure], day: datetime.date,
                limit: int | None = None) -> tuple[list[NotStarted], int]:
    """Projects with a plan this year that had not started by `day` (no actual start, or a later one), the
    latest against their planned start first — the first `limit` of them, and how many there are."""
    plan_of: dict[int, Decimal] = defaultdict(Decimal)
    for figure in figures:
        plan_of[figure.project_id] += figure.plan
    with_plan = CapitalPlan.objects.filter(project__in=projects, year=day.year).values("project")
    late = projects.filter(pk__in=with_plan).not_started_by(day)
    ordered = late.select_related("investor").order_by(F("planned_start").asc(nulls_last=True), "code")
    rows = [
        NotStarted(p, plan_of[p.pk], (day - p.planned_start).days if p.planned_start and p.planned_start <= day else None)
        for p in (ordered[:limit] if limit else ordered)
    ]
    return rows, late.count() if limit else len(rows)


@dataclass(frozen=True)
class Candidate:
    project: Project
    plan: Decimal
    disbursed: Decimal
    rate: Decimal
    movable: Decimal


def move_candidates(projects, figures: list[PlanFigure], line: Decimal,
                    limit: int | None = None) -> tuple[list[Candidate], int, Decimal]:
    """Projects under the line, weakest first (the first `limit`), how many, and the plan not yet paid that
    could move elsewhere."""
    rows = per_project(figures)
    chosen, movable = rules.move_candidates(list(rows.values()), line)
    shown = chosen[:limit] if limit else chosen
    by_pk = projects.select_related("investor").in_bulk([int(c.key) for c in shown])
    return [
        Candidate(by_pk[int(c.key)], rows[int(c.key)].plan, rows[int(c.key)].disbursed, c.rate, c.movable)
        for c in shown
    ], len(chosen), movable


@dataclass(frozen=True)
class DebtRow:
    commune: AdministrativeUnit
    district: str
    outstanding: Decimal
    projects: int


def outstanding_debt(projects, day: datetime.date) -> list[DebtRow]:
    """Debt not cleared by `day`, per commune, largest first — each such commune's recognition is blocked."""
    debts = ConstructionDebt.objects.filter(project__in=projects, amount__gt=0).open_on(day)
    totals = sums.sums_by(debts, "commune")
    counts = dict(debts.order_by().values("commune").annotate(count=Count("pk")).values_list("commune", "count"))
    communes = AdministrativeUnit.objects.select_related("parent").in_bulk(list(totals))
    rows = [DebtRow(communes[pk], _parent_name(communes[pk]), amount, counts[pk]) for pk, amount in totals.items()]
    return sorted(rows, key=lambda r: (-r.outstanding, sort_key(r.commune.name)))


def _parent_name(unit: AdministrativeUnit) -> str:
    return unit.parent.full_name if unit.parent and unit.parent.level == Level.DISTRICT else PROVINCE_LEVEL


def debt_by_district(rows: list[DebtRow]) -> list[tuple[str, Decimal, int]]:
    totals: dict[str, list] = defaultdict(lambda: [ZERO, 0])
    for row in rows:
        totals[row.district][0] += row.outstanding
        totals[row.district][1] += 1
    return sorted(((name, amount, count) for name, (amount, count) in totals.items()), key=lambda r: -r[1])


def cement(units, year: int):
    """Cement allocated, received and used, and road built, per commune of `units` in a year."""
    return CementSupport.objects.filter(commune__in=units, year=year).select_related("commune__parent").order_by(
        "commune__parent__name", "commune__name"
    )


def cement_totals(rows) -> dict[str, Decimal]:
    fields = ("allocated_tonnes", "received_tonnes", "used_tonnes", "road_km")
    return {field: sum((getattr(row, field) for row in rows), ZERO) for field in fields}


@dataclass(frozen=True)
class SponsorRow:
    sponsorship: Sponsorship
    contributed: Decimal

    @property
    def rate(self) -> Decimal | None:
        return rules.rate(self.sponsorship.committed, self.contributed)

    @property
    def shortfall(self) -> Decimal:
        return max(ZERO, self.sponsorship.committed - self.contributed)


def sponsorships(units, day: datetime.date) -> list[SponsorRow]:
    """Sponsorships of units in `units` running on `day`, each with what the sponsor reported giving by then."""
    running = Sponsorship.objects.filter(unit__in=units).running_on(day)
    given = _sums_by(running, day)
    rows = [SponsorRow(s, given.get(s.pk, ZERO)) for s in running.select_related("sponsor", "unit__parent")]
    return sorted(rows, key=lambda r: (sort_key(r.sponsorship.sponsor.name), sort_key(r.sponsorship.unit.name)))


def _sums_by(sponsorships, day: datetime.date) -> dict[int, Decimal]:
    return sums.sums_by(Contribution.objects.filter(sponsorship__in=sponsorships, day__lte=day), "sponsorship")


def debt_of_communes(communes, day: datetime.date) -> dict[int, Decimal]:
    """Construction debt not cleared by `day` per commune, for any project — what blocks recognition."""
    debts = ConstructionDebt.objects.filter(commune__in=communes, amount__gt=0).open_on(day)
    return sum_by(debts, "commune")


def latest_year_with_plan(projects, before: int) -> int | None:
    """The last year before `before` with a capital plan of these projects."""
    return (CapitalPlan.objects.filter(project__in=projects, year__lt=before).order_by("-year")
            .values_list("year", flat=True).first())
