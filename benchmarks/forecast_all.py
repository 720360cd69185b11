"""Figures of targets.forecast.forecast_all — the year-end forecast of every province, read from every
registered commune's roadmap — on the national data of benchmarks/assessment_evaluate.py (8,000 communes ×
every indicator of commune-2021-2025, 2022, evaluated).

On top of those results it builds, with bulk_create: `--registrations` registrations of 2022 (default 1,500,
drawn among the communes closest to the standard), a generated roadmap item for each of the first six
indicators each one still misses (half with an agency and an earlier date, some already done), per province
five departments, a notice with 30 tasks and 20 projects, links from 40 % of the items to a task and 20 % to
a project, and recognised dossiers for one registration in ten. Then forecast_all(2022, 30/09/2022) is timed
`--repeat` times (median, p95, queries), and forecast_for of the province with the most registrations for
comparison.

Run: .venv/bin/python benchmarks/forecast_all.py [--registrations 1500] [--repeat 10]
     scripts/with-postgres.sh .venv/bin/python benchmarks/forecast_all.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import datetime
import random
import statistics
import time
from collections import Counter, defaultdict

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from _assessment_data import SET_CODE, YEAR, database_label, prepare
from _timing import timed
from assessment_overview import ensure_results
from django.db import connection

from accounts.models import Agency, AgencyKind
from assessment.models import CommuneResult
from directives.models import Notice, Task, TaskStatus
from finance.models import Project
from geo.models import AdministrativeUnit, Level
from recognition.models import Dossier, ItemStatus, Registration, RoadmapItem, Subject, Tier
from targets.forecast import Verdict, forecast_all, forecast_for

DAY = datetime.date(YEAR, 9, 30)
BATCH = 5_000
DEPARTMENTS = ("Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng",
               "Sở Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch")
ITEM_STATUSES = [ItemStatus.OPEN, ItemStatus.IN_PROGRESS, ItemStatus.DONE]
GAPS_PER_COMMUNE = 6  # a registered commune is close to the standard; the random values miss far more
TASKS_PER_PROVINCE = 30
PROJECTS_PER_PROVINCE = 20


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _province_of(parent: int | None, parent_level: str, grandparent: int | None) -> int:
    return (parent if parent_level == Level.PROVINCE else grandparent) or 0


def chosen_communes(count: int, rng: random.Random) -> list[tuple[int, int, list[str]]]:
    """(commune, province, indicators not met) of `count` communes among the twice as many closest to the
    standard — the communes a province registers."""
    results = CommuneResult.objects.filter(set_code=SET_CODE, year=YEAR).order_by("-criteria_met", "unit_id")
    rows = list(results.values_list("unit_id", "unit__parent_id", "unit__parent__level",
                                    "unit__parent__parent_id", "indicators")[: 2 * count])
    picked = rng.sample(rows, min(count, len(rows)))
    return [(unit, _province_of(parent, level, grandparent),
             [code for code, outcome in outcomes.items() if outcome != "met"])
            for unit, parent, level, grandparent, outcomes in picked]


def build_province_side(provinces: set[int], rng: random.Random) -> tuple[dict, dict, dict]:
    """Per province: departments, a notice with tasks, projects (bulk)."""
    agencies = Agency.objects.bulk_create([Agency(name=name, kind=AgencyKind.DEPARTMENT, unit_id=province)
                                           for province in provinces for name in DEPARTMENTS])
    departments: dict[int, list[Agency]] = defaultdict(list)
    for agency in agencies:
        departments[agency.unit_id].append(agency)
    notices = Notice.objects.bulk_create([
        Notice(province_id=province, number=f"{index}/TB-BCĐ", date=datetime.date(YEAR, 2, 15),
               full_text="Thông báo kết luận (dữ liệu đo hiệu năng)")
        for index, province in enumerate(provinces, 1)])
    statuses = [TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED]
    tasks = Task.objects.bulk_create([
        Task(notice=notice, lead_agency=rng.choice(departments[notice.province_id]),
             summary=f"Nhiệm vụ {number}",
             due_date=_day(rng, datetime.date(YEAR, 3, 1), datetime.date(YEAR + 1, 3, 1)),
             status=rng.choices(statuses, weights=(4, 3, 2, 1))[0])
        for notice in notices for number in range(TASKS_PER_PROVINCE)], batch_size=BATCH)
    project_statuses = [Project.Status.PLANNED, Project.Status.STARTED, Project.Status.COMPLETED,
                        Project.Status.SUSPENDED]
    projects = Project.objects.bulk_create([
        Project(province_id=province, code=f"DA-{YEAR}-{number:03d}", name=f"Công trình {number}",
                investor=rng.choice(departments[province]), status=rng.choice(project_statuses),
                planned_completion=_day(rng, datetime.date(YEAR, 4, 1), datetime.date(YEAR + 1, 6, 30)))
        for province in provinces for number in range(PROJECTS_PER_PROVINCE)], batch_size=BATCH)
    by_province_tasks: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_province_tasks[task.notice.province_id].append(task)
    by_province_projects: dict[int, list[Project]] = defaultdict(list)
    for project in projects:
        by_province_projects[project.province_id].append(project)
    return departments, by_province_tasks, by_province_projects


def build_registrations(count: int, seed: int = YEAR) -> int:
    """Registrations, roadmaps, links and dossiers as described in the module's docstring; returns how many
    registrations there are."""
    if Registration.objects.filter(year=YEAR).exists():
        return Registration.objects.filter(year=YEAR).count()
    rng = random.Random(seed)  # noqa: S311 — reproducible sample data
    communes = chosen_communes(count, rng)
    departments, tasks, projects = build_province_side({province for _, province, _ in communes}, rng)
    registrations = Registration.objects.bulk_create([
        Registration(unit_id=unit, year=YEAR, level=Tier.STANDARD,
                     decision="QĐ (dữ liệu đo hiệu năng)")
        for unit, _, _ in communes], batch_size=BATCH)
    items, province_of_item = [], []
    for registration, (_, province, missing) in zip(registrations, communes, strict=True):
        for code in missing[:GAPS_PER_COMMUNE]:
            planned = rng.random() < 0.5
            items.append(RoadmapItem(
                registration=registration, indicator_code=code, criterion_number=code.split(".")[0],
                generated=True, owner=rng.choice(DEPARTMENTS), action=f"Hoàn thành chỉ tiêu {code}",
                responsible_agency=(rng.choice(departments[province]) if planned or rng.random() < 0.3
                                    else None),
                due_date=_day(rng, datetime.date(YEAR, 6, 1), datetime.date(YEAR, 11, 30)) if planned
                else datetime.date(YEAR, 12, 31),
                status=rng.choices(ITEM_STATUSES, weights=(5, 3, 1))[0]))
            province_of_item.append(province)
    items = RoadmapItem.objects.bulk_create(items, batch_size=BATCH)
    task_links = [RoadmapItem.tasks.through(roadmapitem_id=item.pk, task_id=rng.choice(tasks[province]).pk)
                  for item, province in zip(items, province_of_item, strict=True) if rng.random() < 0.4]
    project_links = [
        RoadmapItem.projects.through(roadmapitem_id=item.pk, project_id=rng.choice(projects[province]).pk)
        for item, province in zip(items, province_of_item, strict=True) if rng.random() < 0.2]
    RoadmapItem.tasks.through.objects.bulk_create(task_links, batch_size=BATCH)
    RoadmapItem.projects.through.objects.bulk_create(project_links, batch_size=BATCH)
    Dossier.objects.bulk_create([
        Dossier(subject=Subject.COMMUNE, unit_id=registration.unit_id, level=Tier.STANDARD,
                year=YEAR, registration=registration, step="recognised",
                decision_date=_day(rng, datetime.date(YEAR, 1, 15), datetime.date(YEAR, 9, 15)))
        for registration in registrations if rng.random() < 0.1], batch_size=BATCH)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{len(registrations):,} registrations of {YEAR} in {len(departments)} provinces, "
          f"{len(items):,} roadmap items, {len(task_links):,} task links, "
          f"{len(project_links):,} project links, "
          f"{Dossier.objects.filter(year=YEAR).count():,} recognised dossiers")
    return len(registrations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=1_500)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    facts = prepare()
    ensure_results(facts["communes"])
    start = time.perf_counter()
    build_registrations(args.registrations)
    print(f"recognition data built in {time.perf_counter() - start:.1f} s; database: {database_label()}\n")

    samples, queries, forecasts = timed(lambda: forecast_all(YEAR, DAY), args.repeat)
    verdicts = Counter(row.outlook.verdict for forecast in forecasts for row in forecast.communes)
    print(f"forecast_all({YEAR}, {DAY:%d/%m/%Y}): {len(forecasts)} provinces, "
          f"{sum(len(f.communes) for f in forecasts):,} registered communes "
          f"({verdicts[Verdict.RECOGNISED]:,} recognised, {verdicts[Verdict.LIKELY]:,} likely, "
          f"{verdicts[Verdict.AT_RISK]:,} at risk), {sum(f.recognised for f in forecasts):,} recognised "
          f"this year")
    print(f"  {args.repeat} calls: median {statistics.median(samples):.1f} ms, "
          f"p95 {_pages.percentile(samples, 0.95):.1f} ms, {queries} queries per call")

    busiest = max(forecasts, key=lambda f: len(f.communes))
    province = AdministrativeUnit.objects.get(pk=busiest.unit_id)
    samples, queries, one = timed(lambda: forecast_for(province, YEAR, DAY), args.repeat)
    print(f"forecast_for({province.full_name}): {len(one.communes)} registered communes; median "
          f"{statistics.median(samples):.1f} ms, p95 {_pages.percentile(samples, 0.95):.1f} ms, "
          f"{queries} queries per call")


if __name__ == "__main__":
    main()
