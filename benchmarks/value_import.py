"""Time and memory of a 10,000-value workbook upload against the real `commune-2021-2025` set.

Loads the map of one province (Hà Tĩnh, 42, with its 2025 merge group) and the national criteria sets into a
throwaway database, makes a coordinator of the province, then:

1. builds the province's template for a month (every commune × every indicator);
2. fills the value cells of the first communes until it holds `--values` values (openpyxl, not timed);
3. reads and imports it (all new values), then imports it again (nothing changes), then imports it with every
   value changed (all updates).

Prints wall times, queries, and peak memory: tracemalloc's peak of Python allocations per step, and the
process's maximum resident set (resource.getrusage) at the end. Printed, not asserted.

Run: .venv/bin/python benchmarks/value_import.py [--province 42] [--values 10000] [--period 2024-06]
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import datetime
import io
import resource
import sys
import time
import tracemalloc

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import openpyxl
from django.core.management import call_command
from django.db import connection

from accounts.models import Agency, AgencyKind, Membership, Role, User
from assessment import value_import
from assessment.models import CommuneResult, IndicatorValue
from assessment.value_workbook import FIRST_DATA_ROW, SHEET, read_value_file
from criteria.definitions import Indicator, ValueType
from criteria.queries import set_for_year
from geo.models import AdministrativeUnit

SET_CODE = "commune-2021-2025"


def prepare(province_code: str, period: datetime.date):
    call_command("migrate", verbosity=0)
    if IndicatorValue.objects.exists():
        sys.exit("The database already holds values; run against an empty one (unset DATABASE_URL).")
    start = time.perf_counter()
    call_command("load_national_map", "--province", province_code, stdout=io.StringIO())
    call_command("load_criteria", stdout=io.StringIO())
    print(f"setup (map of province {province_code}, criteria sets): {time.perf_counter() - start:.1f} s, {connection.vendor}, "
          f"max resident set so far {_max_rss_mib():.0f} MiB (the map's source packages)")
    province = AdministrativeUnit.objects.valid_on(period).provinces().get(code=province_code)
    agency = Agency.objects.create(name="Văn phòng Điều phối NTM tỉnh", kind=AgencyKind.COORDINATION_OFFICE, unit=province)
    user = User.objects.create_user(username="dieu-phoi", password=None, full_name="Điều phối viên")
    Membership.objects.create(user=user, agency=agency, role=Role.COORDINATOR, scope_unit=province)
    return province, user


def measured(label: str, function, *, trace: bool):
    """Runs `function` once; prints wall time, queries and (with `trace`) tracemalloc's peak; returns its result."""
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    if trace:
        tracemalloc.start()
    with connection.execute_wrapper(count):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
    peak = f"   peak {tracemalloc.get_traced_memory()[1] / 2**20:6.1f} MiB" if trace else ""
    tracemalloc.stop()
    print(f"{label:<44} {elapsed:7.2f} s {queries:7d} queries{peak}")
    return result


def filled(template: bytes, count: int, variant: int, indicators: dict[str, Indicator]) -> bytes:
    """The template with its first `count` value cells filled; `variant` shifts every value, so that many differ."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book[SHEET]
    codes = sheet.iter_rows(min_row=FIRST_DATA_ROW, min_col=4, max_col=4, values_only=True)
    for number, (code,) in zip(range(FIRST_DATA_ROW, FIRST_DATA_ROW + count), codes, strict=False):
        sheet.cell(number, 7, _value(indicators[code], number + variant))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _value(indicator: Indicator, seed: int) -> object:
    """A plausible value of the indicator's type, written as people write it."""
    if indicator.value_type == ValueType.BOOL:
        return "Đạt" if seed % 5 else "Không đạt"
    if indicator.value_type == ValueType.CATEGORY:
        return indicator.choices[seed % len(indicator.choices)]
    if indicator.value_type == ValueType.PERCENT:
        return f"{60 + seed % 40},{seed % 10}"
    return 40 + seed % 30


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", default="42")
    parser.add_argument("--values", type=int, default=10_000)
    parser.add_argument("--period", default="2024-06")
    parser.add_argument("--tracemalloc", action="store_true", help="peak Python allocations per step (slows every step 2–3×)")
    args = parser.parse_args()
    trace = args.tracemalloc
    period = datetime.datetime.strptime(args.period, "%Y-%m").date()  # noqa: DTZ007 — a month, not an instant
    province, user = prepare(args.province, period)
    _, criteria_set = set_for_year(SET_CODE, period.year, province)
    indicators = {indicator.code: indicator for indicator in criteria_set.indicators()}
    communes = value_import.communes_during(AdministrativeUnit.objects.within_or_self(province), period)
    print(f"{len(communes)} communes of {province.full_name} in {period:%m/%Y} × {len(criteria_set.indicators())} indicators")

    template = measured("build the template (whole province)", lambda: value_import.template_for(province, SET_CODE, period), trace=trace)
    content = filled(template, args.values, 0, indicators)
    print(f"  template {len(template) / 1024:.0f} KiB; filled with {args.values} values: {len(content) / 1024:.0f} KiB")
    sheet = measured("read the workbook", lambda: read_value_file(content), trace=trace)
    result = measured("import: every value new", lambda: value_import.import_values(sheet, by=user), trace=trace)
    print(f"  {result}")
    again = measured("read + import the same file again", lambda: value_import.import_values(read_value_file(content), by=user), trace=trace)
    print(f"  {again}")
    changed = filled(value_import.template_for(province, SET_CODE, period), args.values, 7, indicators)  # downloaded anew: versions
    result = measured("read + import a new download, values changed", lambda: value_import.import_values(read_value_file(changed), by=user), trace=trace)
    print(f"  {result}")
    print(f"rows: {IndicatorValue.objects.count()} values, {CommuneResult.objects.count()} results")
    print(f"max resident set of the process: {_max_rss_mib():.0f} MiB")


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


if __name__ == "__main__":
    main()
