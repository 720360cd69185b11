"""Figures of the office dashboard (/bao-cao/) on two data sets, each on its own throwaway database:

--data demo (default): the demo province as `make setup` loads it — Hà Tĩnh's map (load_national_map
--province 42), its agencies and users (accounts.demo), values 2021–2024 (assessment.demo), the seed notices
and their tasks (directives.demo, when ../shared/notices is beside the repository), capital (finance.demo), registrations
and dossiers (recognition.demo) — and one target per measure for 2024, set here. Requested by the coordination
office's demo user for 2024 as of 30/09/2024: the province, a district, and the draft of the next notice.

--data national: the whole country's map and results of benchmarks/assessment_evaluate.py (8,000 communes,
2022) with the registrations, roadmaps, tasks and projects of benchmarks/forecast_all.py, and one target per
measure for Hà Nội and Hà Tĩnh; requested by an administrator for 2022 as of 30/09/2022.

Each page is requested `--repeat` times interleaved with a bare view served by the same stack (middleware,
session, authentication) and an empty page on base.html: median, p95, the ratio of medians to the bare view,
queries and size of one request; then where the time of the province's figures goes, section by section.

Run: .venv/bin/python benchmarks/office_dashboard.py [--data demo|national] [--repeat 30]
     scripts/with-postgres.sh .venv/bin/python benchmarks/office_dashboard.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import datetime
import os
import statistics
import time
from decimal import Decimal

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from _assessment_data import database_label, prepare
from _timing import timed
from assessment_overview import ensure_results
from django.core.management import call_command
from django.test import Client, override_settings

from accounts.models import User
from geo.models import AdministrativeUnit
from reports import figures
from targets import measures
from targets.forecast import forecast_for
from targets.models import Target
from targets.progress import progress_for

DEMO_YEAR, DEMO_DAY = 2024, datetime.date(2024, 9, 30)
NATIONAL_YEAR, NATIONAL_DAY = 2022, datetime.date(2022, 9, 30)
# Targets a province would set (Hà Tĩnh 2022: "ít nhất 5 xã đạt chuẩn…"), one per measure.
TARGET_VALUES: dict[str, int | Decimal] = {
    "new_communes_ntm_standard": 5, "total_communes_ntm_standard": 150, "new_communes_advanced_ntm": 15,
    "new_communes_model_ntm": 3, "avg_criteria_per_commune": Decimal("17.5"),
    "avg_criteria_gain_per_commune": 1,
    "communes_below_10_criteria": 0, "min_criteria_per_commune": 10, "villages_ntm_standard": 100,
    "new_model_residential_areas": 200, "new_model_gardens": 300, "disbursement_rate": 60,
}


def _quiet():
    return open(os.devnull, "w")  # noqa: SIM115


def set_targets(province: AdministrativeUnit, year: int) -> None:
    Target.objects.bulk_create([Target(unit=province, year=year, measure=code, value=value,
                                       comparator=measures.MEASURES[code].comparator)
                                for code, value in TARGET_VALUES.items()], ignore_conflicts=True)


def load_demo_province() -> AdministrativeUnit:
    """Hà Tĩnh as `make setup` loads it (each loader is idempotent), with the targets of 2024."""
    from accounts.demo import load_demo
    from assessment.demo import load_demo_values
    from directives.demo import SEED_DIR, load_demo_notices
    from finance.demo import load_demo_finance

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.provinces().filter(code="42").exists():
        call_command("load_national_map", "--province", "42", stdout=_quiet())
    call_command("load_criteria", stdout=_quiet())
    load_demo()
    load_demo_values()
    notices = load_demo_notices(User.objects.get(username="quantri")) if SEED_DIR.is_dir() else 0
    load_demo_finance()
    try:
        from recognition.demo import load_demo_recognition
    except ImportError:  # an older checkout: the registered communes' sections stay empty
        print("recognition.demo not found: no registrations or dossiers in the demo")
    else:
        load_demo_recognition()
    province = AdministrativeUnit.objects.provinces().get(code="42", valid_to__isnull=True)
    set_targets(province, DEMO_YEAR)
    print(f"demo province loaded in {time.perf_counter() - started:.1f} s ({notices} seed notices)")
    return province


def load_national(registrations: int) -> AdministrativeUnit:
    from forecast_all import build_registrations

    facts = prepare()
    ensure_results(facts["communes"])
    build_registrations(registrations)
    provinces = AdministrativeUnit.objects.valid_on(NATIONAL_DAY).provinces()
    for code in ("01", "42"):
        set_targets(provinces.get(code=code), NATIONAL_YEAR)
    return provinces.get(code="01")


def describe(area: AdministrativeUnit, year: int, day: datetime.date) -> None:
    f = figures.office_figures(area, year, day)
    print(f"{area.full_name} {year} as of {day:%d/%m/%Y}: {f.criteria.communes_total} communes, "
          f"{f.criteria.at_standard} at standard, average {f.criteria.average}; "
          f"{f.registered.registered} registered; "
          f"{len(f.disbursement.by_investor)} investors, rate {f.disbursement.total.rate} %; "
          f"{f.tasks.counts.total} tasks ({f.tasks.counts.overdue} overdue); {len(f.targets)} targets")


def check(url: str, response) -> None:
    assert response.status_code == 200, (url, response.status_code)
    if url.startswith("/bao-cao/?"):
        assert b'data-testid="headline"' in response.content, url
    if url.startswith("/bao-cao/du-thao"):
        assert b'data-testid="review-tasks"' in response.content, url


@override_settings(ROOT_URLCONF=_pages.URLCONF, DEBUG=False, ALLOWED_HOSTS=["testserver"])
def bench_pages(user: User, pages: list[tuple[str, str]], repeat: int) -> None:
    client = Client()
    client.force_login(user)
    for _, url in pages:
        check(url, client.get(url))
    _pages.print_table(_pages.measure([_pages.Page(label, client, url) for label, url in pages], repeat), repeat)


def breakdown(area: AdministrativeUnit, year: int, day: datetime.date, repeat: int) -> None:
    """Milliseconds (median) and queries of each part of reports.figures.office_figures."""
    parts = [
        ("criteria: roll-up, weakest criteria, communes below 15",
         lambda: figures.criteria_figures(area, year)),
        ("registered communes (recognition.queries)", lambda: figures.registered_figures(area, year, day)),
        ("gaps by department (roadmap items)", lambda: figures.gaps_by_owner(area, year)),
        ("recognitions (targets.measures)", lambda: figures.recognition_figures(area, year, day)),
        ("disbursement by investor (finance.figures)",
         lambda: figures.disbursement_figures(measures.projects_of(area), year, day)),
        ("tasks of the province's notices", lambda: figures.task_figures(figures.tasks_of(area), day)),
        ("forecast (targets.forecast)", lambda: forecast_for(area, year, day)),
        ("targets' progress, forecast given",
         lambda: progress_for(area, year, day, forecast_for(area, year, day))),
    ]
    print(f"\nwhere the time of {area.full_name}'s figures goes ({repeat} calls each, median)")
    total = 0.0
    for label, part in parts:
        times, queries, _ = timed(part, repeat)
        total += statistics.median(times)
        print(f"  {label:<58}{statistics.median(times):>8.1f} ms{queries:>5} queries")
    print(f"  {'sum (the targets line recomputes the forecast)':<58}{total:>8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=["demo", "national"], default="demo")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--registrations", type=int, default=1_500,
                        help="national data: registrations to build")
    args = parser.parse_args()
    if args.data == "demo":
        province, year, day = load_demo_province(), DEMO_YEAR, DEMO_DAY
        user = User.objects.get(username="vpdp")
    else:
        province, year, day = load_national(args.registrations), NATIONAL_YEAR, NATIONAL_DAY
        user, _ = User.objects.get_or_create(username="bench-admin",
                                             defaults={"is_superuser": True, "is_staff": True})
    districts = AdministrativeUnit.objects.valid_on(day).districts().filter(parent=province)
    district = districts.order_by("code")[0]  # the benchmark needs one
    print(f"database: {database_label()}; user {user.username}")
    describe(province, year, day)
    query = f"nam={year}&ngay={day:%Y-%m-%d}"
    pages = [
        ("bare view (same middleware and session)", "/bare/"),
        ("empty page on base.html", "/bare-page/"),
        (f"dashboard {province.full_name} (province {province.code})",
         f"/bao-cao/?dia_ban={province.pk}&{query}"),
        (f"dashboard {district.full_name} (district {district.code})",
         f"/bao-cao/?dia_ban={district.pk}&{query}"),
    ]
    if args.data == "national":
        other = AdministrativeUnit.objects.valid_on(day).provinces().get(code="42")
        pages.append((f"dashboard {other.full_name} (province 42)", f"/bao-cao/?dia_ban={other.pk}&{query}"))
    else:
        pages.append(("draft of the next notice (review screen)", f"/bao-cao/du-thao-thong-bao/?{query}"))
    bench_pages(user, pages, args.repeat)
    breakdown(province, year, day, max(5, args.repeat // 3))


if __name__ == "__main__":
    main()
