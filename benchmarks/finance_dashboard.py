"""Figures of the disbursement dashboard (/von/) with a province's year of capital plans and payments loaded.

Builds, with bulk_create, one province (12 districts, 204 communes), 60 investors (departments, district and
commune People's Committees), `--projects` projects (default 5,000) each with 1–3 capital plans of 2024 by
source, each plan with 1–3 decisions (an allocation, then adjustments up or down, some in force after the day
asked for), and `--payments` disbursements (default 200,000) spread over 2024. On PostgreSQL, ANALYZE follows
the load (what autovacuum does soon after it).

A superuser then requests, interleaved `--repeat` times with a bare view served by the same stack (middleware,
session, authentication) and an empty page on base.html: the dashboard for 2024 as of 30/09/2024, the project
list, and the dashboard's Excel export by investor. Prints the build time, then per page the median and p95
in ms, the ratio of medians to the bare view, the queries of one request and their time in the database
driver (execute and fetch), and the response's size.

Run: .venv/bin/python benchmarks/finance_dashboard.py [--repeat 30] [--projects 5000] [--payments 200000]
     scripts/with-postgres.sh .venv/bin/python benchmarks/finance_dashboard.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import datetime
import random
import statistics
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from _assessment_data import database_label
from django.core.management import call_command
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.test import Client, override_settings

from accounts.models import Agency, AgencyKind, User
from finance import figures, stamps
from finance.models import CapitalPlan, Disbursement, PlanChange, Project, SourceKind
from geo.models import LEVEL_OF_KIND, AdministrativeUnit, Kind
from ntm.excel import XLSX
from ntm.text import fold

YEAR = 2024
DAY = datetime.date(YEAR, 9, 30)
QUERY = f"?nam={YEAR}&ngay={DAY:%Y-%m-%d}"
DISTRICTS = 12
COMMUNES_PER_DISTRICT = 17
DEPARTMENTS = (
    "Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương",
    "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông", "Ban Quản lý dự án đầu tư xây dựng tỉnh",
)
COMMUNE_INVESTORS = 60 - len(DEPARTMENTS) - DISTRICTS
SOURCES = (SourceKind.CENTRAL_INVESTMENT, SourceKind.CENTRAL_RECURRENT, SourceKind.PROVINCIAL,
           SourceKind.DISTRICT, SourceKind.COMMUNE, SourceKind.INTEGRATED)
REFORM = datetime.date(2025, 7, 1)  # districts ended; their communes' rows end with them
BATCH = 5_000
MILLION = 1_000_000
FETCHES = ("fetchone", "fetchmany", "fetchall")




# --- the data --------------------------------------------------------------------------------------------


def new_unit(code: str, name: str, kind: str, parent=None, valid_to=None) -> AdministrativeUnit:
    """An unsaved unit with what save() would add (bulk_create does not call it)."""
    return AdministrativeUnit(code=code, name=name, kind=kind, level=LEVEL_OF_KIND[kind], parent=parent,
                              valid_to=valid_to, search_name=fold(name))


def build_province(code: str = "42") -> tuple[AdministrativeUnit, list, list]:
    """A province with its districts and communes as they were until the 2025 reform."""
    province = AdministrativeUnit.objects.bulk_create([new_unit(code, "Hà Tĩnh", Kind.PROVINCE)])[0]
    districts = AdministrativeUnit.objects.bulk_create([
        new_unit(f"4{number:02d}", f"Mẫu {number:02d}", Kind.RURAL_DISTRICT, province, REFORM)
        for number in range(1, DISTRICTS + 1)
    ])
    communes = AdministrativeUnit.objects.bulk_create([
        new_unit(f"{18000 + index * 100 + number}", f"Mẫu {index:02d}-{number:02d}", Kind.COMMUNE, district,
                 REFORM)
        for index, district in enumerate(districts, start=1) for number in range(1, COMMUNES_PER_DISTRICT + 1)
    ])
    return province, districts, communes


def build_investors(province, districts, communes) -> list[Agency]:
    """Departments of the province, each district's People's Committee, and some communes' committees."""
    committees = [*districts, *communes[:: len(communes) // COMMUNE_INVESTORS][:COMMUNE_INVESTORS]]
    departments = [Agency(name=name, kind=AgencyKind.DEPARTMENT, unit=province) for name in DEPARTMENTS]
    return Agency.objects.bulk_create(departments + [
        Agency(name=f"UBND {unit.full_name}", kind=AgencyKind.PEOPLES_COMMITTEE, unit=unit)
        for unit in committees
    ])


def build_projects(province, investors: list[Agency], communes, count: int,
                   rng: random.Random) -> list[Project]:
    """`count` projects of random investors, one in six not started (no actual start); each serves the
    communes of its investor's area (a commune, 1–3 communes of a district), or for a department none or
    communes anywhere."""
    statuses = [Project.Status.STARTED] * 4 + [Project.Status.COMPLETED, Project.Status.PLANNED]
    of_district = defaultdict(list)
    for commune in communes:
        of_district[commune.parent_id].append(commune)
    projects, served = [], []
    for number in range(1, count + 1):
        investor, status = rng.choice(investors), rng.choice(statuses)
        planned = datetime.date(YEAR - 1, 6, 1) + datetime.timedelta(days=rng.randrange(400))
        started = planned + datetime.timedelta(days=rng.randrange(-20, 60))
        projects.append(Project(
            province=province, code=f"DA-{YEAR}-{number:05d}", investor=investor, status=status,
            name=f"Dự án số {number}: đường giao thông nông thôn, trường học và nhà văn hóa thôn",
            approved_total=Decimal(rng.randrange(1_000, 50_000) * MILLION), planned_start=planned,
            actual_start=None if status == Project.Status.PLANNED else started,
            criteria=[str(rng.randrange(1, 20))],
        ))
        served.append(_communes_served(investor, of_district, communes, rng))
    projects = Project.objects.bulk_create(projects, batch_size=BATCH)
    links = [Project.communes.through(project_id=project.pk, administrativeunit_id=commune.pk)
             for project, chosen in zip(projects, served, strict=True) for commune in chosen]
    Project.communes.through.objects.bulk_create(links, batch_size=BATCH)
    return projects


def _communes_served(investor: Agency, of_district: dict[int, list], communes,
                     rng: random.Random) -> list[AdministrativeUnit]:
    if investor.unit.kind == Kind.COMMUNE:
        return [investor.unit]
    if investor.unit.kind == Kind.RURAL_DISTRICT:
        return rng.sample(of_district[investor.unit_id], rng.randint(1, 3))
    return [] if rng.random() < 0.4 else rng.sample(communes, rng.randint(1, 3))


def build_plans(projects: list[Project], rng: random.Random) -> list[tuple[CapitalPlan, Decimal]]:
    """1–3 plans of the year per project, each with its allocation in January and 0–2 adjustments later
    (about half of them cuts); returns each plan with its first allocation."""
    plans = CapitalPlan.objects.bulk_create([
        CapitalPlan(project=project, year=YEAR, source=source)
        for project in projects for source in rng.sample(SOURCES, rng.randint(1, 3))
    ], batch_size=BATCH)
    allocated, changes = [], []
    for plan in plans:
        first = Decimal(rng.randrange(5, 200) * 100 * MILLION)
        allocated.append((plan, first))
        changes.append(PlanChange(plan=plan, effective=datetime.date(YEAR, 1, rng.randint(5, 31)),
                                  amount=first, decision=f"QĐ {rng.randrange(1, 999)}/QĐ-UBND"))
        for _ in range(rng.randint(0, 2)):
            amount = Decimal(round(int(first) * rng.uniform(-0.3, 0.3) / MILLION) * MILLION or MILLION)
            changes.append(PlanChange(plan=plan, effective=_day_of_year(rng, first_day=32), amount=amount,
                                      decision=f"QĐ {rng.randrange(1000, 3000)}/QĐ-UBND", note="Điều chỉnh"))
    PlanChange.objects.bulk_create(changes, batch_size=BATCH)
    return allocated


def build_payments(allocated: list[tuple[CapitalPlan, Decimal]], count: int, rng: random.Random) -> int:
    """`count` payments over the year on random plans; each plan is paid in all some 15–115 % of its
    allocation, so that rates spread on both sides of the line. Written in chunks, to keep memory flat."""
    share = {plan.pk: rng.uniform(0.15, 1.15) for plan, _ in allocated}
    per_plan = count / len(allocated)
    written = 0
    while written < count:
        chunk = []
        for _ in range(min(20 * BATCH, count - written)):
            plan, first = allocated[rng.randrange(len(allocated))]
            amount = int(first) * share[plan.pk] / per_plan * rng.uniform(0.5, 1.5)
            chunk.append(Disbursement(plan_id=plan.pk, day=_day_of_year(rng),
                                      amount=Decimal(max(1_000, round(amount, -3)))))
        Disbursement.objects.bulk_create(chunk, batch_size=BATCH)
        written += len(chunk)
    return written


def _day_of_year(rng: random.Random, first_day: int = 1) -> datetime.date:
    last = datetime.date(YEAR, 12, 31).timetuple().tm_yday
    return datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randint(first_day, last) - 1)


def build(projects: int, payments: int) -> None:
    """The whole data set, with the time of each part; ANALYZE on PostgreSQL."""
    call_command("migrate", verbosity=0)
    if Project.objects.exists():
        sys.exit("The database already holds projects; run against an empty one (unset DATABASE_URL).")
    rng = random.Random(YEAR)  # noqa: S311 — reproducible sample data
    started = time.perf_counter()
    steps = []

    def step(label: str, function, *args):
        start = time.perf_counter()
        result = function(*args)
        steps.append((label, time.perf_counter() - start))
        return result

    province, districts, communes = step("units", build_province)
    investors = step("investors", build_investors, province, districts, communes)
    made = step("projects and their communes", build_projects, province, investors, communes, projects, rng)
    allocated = step("plans and their changes", build_plans, made, rng)
    step("disbursements", build_payments, allocated, payments, rng)
    if connection.vendor == "postgresql":
        step("ANALYZE", _analyze)
    print(f"data built in {time.perf_counter() - started:.1f} s "
          f"({', '.join(f'{label} {seconds:.1f} s' for label, seconds in steps)})")
    print(f"{len(communes)} communes in {len(districts)} districts, {len(investors)} investors, "
          f"{Project.objects.count():,} projects, {CapitalPlan.objects.count():,} plans of {YEAR}, "
          f"{PlanChange.objects.count():,} plan changes, {Disbursement.objects.count():,} disbursements")


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- the requests ----------------------------------------------------------------------------------------


def superuser() -> User:
    return User.objects.create(username="bench-admin", is_superuser=True, is_staff=True)


def pages() -> list[tuple[str, str]]:
    return [
        ("bare view (same middleware and session)", "/bare/"),
        ("empty page on base.html", "/bare-page/"),
        ("dashboard /von/", f"/von/{QUERY}"),
        ("project list /von/du-an/", f"/von/du-an/{QUERY}"),
        ("dashboard Excel by investor", f"/von/{QUERY}&xlsx=chu-dau-tu"),
    ]


def check(url: str, response) -> None:
    """The page shows what it is measured for, not an error or an empty state."""
    assert response.status_code == 200, (url, response.status_code)
    if "xlsx=" in url:
        assert response["Content-Type"] == XLSX, url
    elif url.startswith("/von/du-an/"):
        assert b'data-testid="projects"' in response.content, url
    elif url.startswith("/von/"):
        assert b'data-testid="headline"' in response.content, url


def one_request(client: Client, url: str) -> tuple[int, float, int]:
    """Queries, the time in the database driver (s) and the response's size, for one request of `url`."""
    with database_time() as spent:
        response = client.get(url)
    check(url, response)
    return spent["queries"], spent["seconds"], len(response.content)


@contextmanager
def database_time():
    """Counts queries and adds up the time in cursor.execute and in the fetches after it: SQLite computes
    most rows while they are fetched (a GROUP BY read in index order streams), so execute alone misses it."""
    spent = {"queries": 0, "seconds": 0.0}

    def timed(function):
        def call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent["seconds"] += time.perf_counter() - start
        return call

    def execute(execute, sql, params, many, context):
        spent["queries"] += 1
        return timed(execute)(sql, params, many, context)

    for name in FETCHES:  # CursorWrapper hands these to the driver's cursor through __getattr__
        fetch = timed(lambda self, *args, _name=name: getattr(self.cursor, _name)(*args))
        setattr(CursorWrapper, name, fetch)
    try:
        with connection.execute_wrapper(execute):
            yield spent
    finally:
        for name in FETCHES:
            delattr(CursorWrapper, name)


def print_headline() -> None:
    """The figures the dashboard shows on top, computed directly: that the data look like a real year."""
    plans = figures.plan_figures(Project.objects.all(), YEAR, DAY)
    whole = figures.total(plans)
    print(f"as of {DAY:%d/%m/%Y}: plan {whole.plan / 10**9:,.1f} billion đồng, "
          f"paid {whole.disbursed / 10**9:,.1f} billion, rate {whole.rate} %; "
          f"{len(figures.by_investor(plans))} investors, {len(figures.by_district(plans))} district rows, "
          f"{len(figures.per_project(plans)):,} projects with a plan")


@override_settings(ROOT_URLCONF=_pages.URLCONF, DEBUG=False, ALLOWED_HOSTS=["testserver"])
def bench_pages(repeat: int) -> None:
    client = Client()
    client.force_login(superuser())
    listed = pages()
    for _, url in listed:  # the first request of each compiles templates and fills caches
        check(url, client.get(url))
    facts = {url: one_request(client, url) for _, url in listed}
    samples = _pages.interleaved(client, [url for _, url in listed], repeat)
    baseline = statistics.median(samples["/bare/"])
    print(f"\n{repeat} requests each, interleaved; of one request: queries, their time in the database "
          f"driver (execute and fetch), size")
    _pages.print_sql_table(listed, samples, facts, baseline, 42)
    after_change(client, f"/von/{QUERY}", repeat, baseline)


def after_change(client: Client, url: str, repeat: int, baseline: float) -> None:
    """The dashboard's figures are cached until the province's finance data change: the first view after a
    change (a payment, an import) recomputes them. Each request here follows a change of the stamp."""
    province_id = Project.objects.values_list("province_id", flat=True).first()
    samples = []
    for _ in range(repeat):
        stamps.bump(province_id)
        start = time.perf_counter()
        check(url, client.get(url))
        samples.append((time.perf_counter() - start) * 1000)
    median = statistics.median(samples)
    print(f"{'dashboard, first view after each change':<42}{median:>10.1f}{_pages.percentile(samples, 0.95):>8.1f}"
          f"{median / baseline:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--projects", type=int, default=5_000)
    parser.add_argument("--payments", type=int, default=200_000)
    args = parser.parse_args()
    build(args.projects, args.payments)
    print(f"database: {database_label()}")
    print_headline()
    bench_pages(args.repeat)


if __name__ == "__main__":
    main()
