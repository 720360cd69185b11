"""Figures of the map over time, with the whole country loaded.

- `valid_on(day)` for the whole country: the communes of a day, counted and fetched;
- the map-browser pages (every province on a day, a province, a district) against a bare view served by the
  same stack (middleware, session, authentication), as a ratio measured in the same run.

Run: .venv/bin/python benchmarks/geo_map.py [--repeat N]   (uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import datetime
import os
import statistics
import time

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from django.core.management import call_command
from django.test import Client, override_settings

from geo.models import AdministrativeUnit

DAYS = [datetime.date(2022, 1, 1), datetime.date(2025, 8, 1)]




def timed(function, repeat: int) -> float:
    """Median wall time of `function` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def prepare() -> None:
    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.provinces().exists():
        start = time.perf_counter()
        call_command("load_national_map", stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"national map loaded in {time.perf_counter() - start:.1f} s")
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def bench_valid_on(repeat: int) -> None:
    print(f"{'query':<52}{'rows':>8}{'median ms':>12}")
    for day in DAYS:
        communes = AdministrativeUnit.objects.valid_on(day).communes()
        count = communes.count()
        print(f"{f'valid_on({day}).communes().count()':<52}{count:>8}{timed(communes.count, repeat):>12.1f}")
        print(f"{f'valid_on({day}).communes() fetched':<52}{count:>8}{timed(lambda c=communes: list(c.values_list('pk', 'code', 'name', 'parent_id')), repeat):>12.1f}")
    everything = AdministrativeUnit.objects.valid_on(DAYS[0])
    print(f"{f'valid_on({DAYS[0]}) all levels fetched':<52}{everything.count():>8}{timed(lambda: list(everything.values_list('pk', 'code')), repeat):>12.1f}")


@override_settings(ROOT_URLCONF=_pages.URLCONF, DEBUG=False, ALLOWED_HOSTS=["testserver"])
def bench_pages(repeat: int) -> None:
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    hatinh = AdministrativeUnit.objects.provinces().get(code="42")
    kyanh = AdministrativeUnit.objects.valid_on(DAYS[0]).districts().within(hatinh).get(name="Kỳ Anh", kind="huyen")
    pages = [
        ("bare view (same middleware and session)", "/bare/"),
        ("map root: every province, 2022-01-01", "/dia-ban/?on=2022-01-01"),
        ("map root: every province, 2025-08-01", "/dia-ban/?on=2025-08-01"),
        ("province Hà Tĩnh, 2022-01-01 (13 districts)", f"/dia-ban/{hatinh.pk}/?on=2022-01-01"),
        ("province Hà Tĩnh, 2025-08-01 (communes)", f"/dia-ban/{hatinh.pk}/?on=2025-08-01"),
        ("district Kỳ Anh, 2022-01-01", f"/dia-ban/{kyanh.pk}/?on=2022-01-01"),
        ("search 'ky anh', whole country", "/dia-ban/tim-kiem/?q=ky+anh"),
    ]
    baseline = None
    print(f"\n{'page':<52}{'median ms':>12}{'× bare':>10}")
    for label, url in pages:
        assert client.get(url).status_code == 200, url
        ms = timed(lambda u=url: client.get(u), repeat)
        baseline = baseline or ms
        print(f"{label:<52}{ms:>12.1f}{ms / baseline:>10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    prepare()
    from django.db import connection

    print(f"database: {connection.vendor}; units loaded: {AdministrativeUnit.objects.count():,}\n")
    bench_valid_on(args.repeat)
    bench_pages(args.repeat)


if __name__ == "__main__":
    main()
