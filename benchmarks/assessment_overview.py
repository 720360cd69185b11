"""Figures of the province overview page (/danh-gia/dia-ban/<pk>/) with a whole country's results loaded.

The data are those of benchmarks/assessment_evaluate.py (8,000 communes × every indicator of
commune-2021-2025, 2022, evaluated with `evaluate_everything`). The page is requested by an administrator,
interleaved with a bare view served by the same stack (middleware, session, authentication): median, p95
and the ratio of medians (aims: ratio ≤ 3, p95 ≤ 150 ms). With --profile, profiled requests of the first
page print the top functions by cumulative time to stderr.

Run: .venv/bin/python benchmarks/assessment_overview.py [--repeat N] [--province CODE] [--profile]
     scripts/with-postgres.sh .venv/bin/python benchmarks/assessment_overview.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from _assessment_data import DAY, SET_CODE, YEAR, database_label, prepare
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from assessment import evaluation
from assessment.models import CommuneResult
from geo.models import AdministrativeUnit

AIM_RATIO = 3.0
AIM_P95_MS = 150.0




def ensure_results(communes) -> None:
    if CommuneResult.objects.filter(set_code=SET_CODE, year=YEAR).count() == communes.count():
        return
    start = time.perf_counter()
    count = evaluation.evaluate_everything(SET_CODE, YEAR, communes=communes)
    print(f"{count:,} communes evaluated (evaluate_everything) in {time.perf_counter() - start:.1f} s")


def admin_user():
    from accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    return user


@override_settings(ROOT_URLCONF=_pages.URLCONF, DEBUG=False, ALLOWED_HOSTS=["testserver"])
def bench_pages(repeat: int, province_code: str, profile: bool) -> None:
    client = Client()
    client.force_login(admin_user())
    provinces = AdministrativeUnit.objects.valid_on(DAY).provinces()
    province = provinces.get(code=province_code)
    second = provinces.get(code="38" if province_code != "38" else "01")
    district = (AdministrativeUnit.objects.valid_on(DAY).districts().filter(parent=province)
                .order_by("code")[0])  # the benchmark needs one
    query = f"?nam={YEAR}&bo={SET_CODE}"
    pages = [
        ("bare view (same middleware and session)", "/bare/"),
        ("empty page on base.html", "/bare-page/"),
        (f"overview {province.full_name} (province {province.code})", f"/danh-gia/dia-ban/{province.pk}/{query}"),
        (f"overview {second.full_name} (province {second.code})", f"/danh-gia/dia-ban/{second.pk}/{query}"),
        (f"overview {district.full_name} (district {district.code})", f"/danh-gia/dia-ban/{district.pk}/{query}"),
    ]
    if connection.vendor == "postgresql":
        # Results just bulk-written have no planner statistics yet: a few requests as they come, then ANALYZE
        # (what autovacuum does within a minute or so) for the steady state measured below.
        client.get(pages[2][1])
        stale = []
        for _ in range(20):
            start = time.perf_counter()
            client.get(pages[2][1])
            stale.append((time.perf_counter() - start) * 1000)
        print(f"{pages[2][0]} before ANALYZE: median {statistics.median(stale):.1f} ms over 20 requests")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    communes = AdministrativeUnit.objects.valid_on(DAY).communes()
    for unit in (province, second):
        results = CommuneResult.objects.filter(unit__in=communes.within(unit), set_code=SET_CODE, year=YEAR)
        print(f"{unit.full_name} (code {unit.code}, pk {unit.pk}): {communes.within(unit).count()} communes on {DAY}, "
              f"{results.count()} with results, {results.filter(criteria_met__lt=15).count()} of them listed below 15; "
              f"{AdministrativeUnit.objects.valid_on(DAY).districts().filter(parent=unit).count()} districts")

    facts = {}
    for _, url in pages:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if url.startswith("/danh-gia/"):
            assert b'data-testid="headline"' in response.content, url  # a roll-up was found and shown
        facts[url] = (len(queries.captured_queries), sum(float(q["time"]) for q in queries.captured_queries),
                      len(response.content))

    samples = _pages.interleaved(client, [url for _, url in pages], repeat)
    baseline = statistics.median(samples["/bare/"])
    print(f"\n{repeat} requests each, interleaved; queries and SQL time of one request "
          f"(SQL time: as logged, 1 ms resolution)")
    _pages.print_sql_table(pages, samples, facts, baseline, 58)
    url = pages[2][1]
    median, p95 = statistics.median(samples[url]), _pages.percentile(samples[url], 0.95)
    print(f"\n{pages[2][0]}: ratio {median / baseline:.1f} (aim ≤ {AIM_RATIO:g}), p95 {p95:.1f} ms (aim ≤ {AIM_P95_MS:g} ms)")

    breakdown(client, pages[2][0], url, total_ms=median)

    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            client.get(url)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        print(f"\n=== 20 profiled requests of {url}: top 10 by cumulative time ===", file=sys.stderr)
        stats.sort_stats("cumulative").print_stats(10)
        print("=== the project's own functions, top 10 by cumulative time ===", file=sys.stderr)
        stats.sort_stats("cumulative").print_stats(PROJECT_CODE, 10)
        print("=== top 15 by own time ===", file=sys.stderr)
        stats.sort_stats("tottime").print_stats(15)


PROJECT_CODE = r"^(?!.*(site-packages|/lib/python3)).*/(accounts|assessment|criteria|geo|ntm)/"

# What views.overview calls, looked up at call time through these modules, so they can be wrapped and timed.
STEPS = [
    ("scope", "get_unit_for_user", "scope.get_unit_for_user (the area)"),
    ("views", "set_for_year", "set_for_year (the set version)"),
    ("queries", "rollup", "queries.rollup"),
    ("queries", "area_rows", "queries.area_rows (districts and their roll-ups)"),
    ("queries", "criterion_rows", "queries.criterion_rows"),
    ("queries", "lagging", "queries.lagging (the weakest communes below 15)"),
    ("views", "render", "render overview.html (incl. context processors)"),
]


def breakdown(client, label: str, url: str, total_ms: float, requests: int = 30) -> None:
    """Mean time per request in each step of views.overview; the rest is the stack (middleware, session, auth)."""
    from accounts import scope
    from assessment import queries, views

    modules = {"scope": scope, "queries": queries, "views": views}
    spent: dict[str, float] = dict.fromkeys((name for _, name, _ in STEPS), 0.0)
    originals = []

    def wrap(name, original):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start
        return timed

    for module, name, _ in STEPS:
        original = getattr(modules[module], name)
        originals.append((modules[module], name, original))
        setattr(modules[module], name, wrap(name, original))
    try:
        start = time.perf_counter()
        for _ in range(requests):
            client.get(url)
        whole = (time.perf_counter() - start) * 1000 / requests
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    print(f"\nwhere the time of {label} goes ({requests} requests, mean ms per request; median above {total_ms:.1f})")
    for _, name, text in STEPS:
        ms = spent[name] * 1000 / requests
        print(f"  {text:<56}{ms:>8.1f}{100 * ms / whole:>6.0f}%")
    rest = whole - sum(spent.values()) * 1000 / requests
    print(f"  {'the rest: middleware, session, auth, view body':<56}{rest:>8.1f}{100 * rest / whole:>6.0f}%")
    print(f"  {'whole request':<56}{whole:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--province", default="01", help="GSO code of the province on the 2022 map (01 Hà Nội)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    facts = prepare()
    ensure_results(facts["communes"])
    print(f"database: {database_label()}; set {SET_CODE}@{facts['record'].version}, year {YEAR}; "
          f"communes with values: {facts['communes'].count():,}; values: {facts['values']:,}\n")
    bench_pages(args.repeat, args.province, args.profile)


if __name__ == "__main__":
    main()
