"""Time and memory of importing a 20,000-line State Treasury statement of disbursements (finance.imports).

Builds, with bulk_create, one province with 2,000 projects, each with a 2024 capital plan of central
investment capital and every other one also of provincial capital; then fills the statement template
(`statement_template()`, openpyxl, not timed) with `--rows` lines (default 20,000) paying those plans on days
of 2024, as the treasury's file would. Then:

1. reads it (`read_statement`);
2. imports it (`import_statement`): every line a new disbursement;
3. reads and imports the same file again: it was imported already, so nothing may be written (asserted).

Each step is timed without tracing, with its queries; the peak of Python allocations (tracemalloc) of steps
1 and 2 is taken in a second, traced run (tracing slows a step 2–3×), the import's under another statement
number in a transaction rolled back. Prints the process's maximum resident set (resource.getrusage) after each
step.

Run: .venv/bin/python benchmarks/finance_statement_import.py [--rows 20000]
     scripts/with-postgres.sh .venv/bin/python benchmarks/finance_statement_import.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import dataclasses
import datetime
import io
import random
import resource
import sys
import time
import tracemalloc
from decimal import Decimal

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import openpyxl
from _assessment_data import database_label
from django.core.management import call_command
from django.db import connection, transaction
from finance_dashboard import build_investors, build_province

from accounts.models import User
from finance.imports import statement
from finance.imports.statement import import_statement, read_statement
from finance.models import CapitalPlan, Disbursement, PlanChange, Project, SourceKind
from geo.models import AdministrativeUnit

YEAR = 2024
PROJECTS = 2_000
SOURCES = (SourceKind.CENTRAL_INVESTMENT, SourceKind.PROVINCIAL)
STATEMENT_KEY = f"KBNN-HT-{YEAR}-09-0001"
BATCH = 5_000
MILLION = 1_000_000


# --- the data --------------------------------------------------------------------------------------------


def build() -> tuple[AdministrativeUnit, User, list[tuple[Project, SourceKind]]]:
    """The province, its projects and their plans; the officer who imports. Returns the (project, source)
    pairs a statement may pay."""
    call_command("migrate", verbosity=0)
    if Project.objects.exists():
        sys.exit("The database already holds projects; run against an empty one (unset DATABASE_URL).")
    start = time.perf_counter()
    province, districts, communes = build_province()
    investors = build_investors(province, districts, communes)
    projects = Project.objects.bulk_create([
        Project(province=province, code=f"DA-{YEAR}-{number:05d}", name=f"Dự án số {number}: đường liên thôn",
                investor=investors[number % len(investors)])
        for number in range(1, PROJECTS + 1)
    ], batch_size=BATCH)
    paid = [(project, source) for number, project in enumerate(projects)
            for source in SOURCES[: 1 + number % 2]]  # one source, or two for every other project
    plans = CapitalPlan.objects.bulk_create([
        CapitalPlan(project=project, year=YEAR, source=source) for project, source in paid
    ], batch_size=BATCH)
    PlanChange.objects.bulk_create([
        # from the first day of the year and ample: a line beyond its plan would be refused (rules.overrun)
        PlanChange(plan=plan, effective=datetime.date(YEAR, 1, 1), amount=Decimal(500_000 * MILLION),
                   decision="QĐ 125/QĐ-UBND") for plan in plans
    ], batch_size=BATCH)
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    officer = User.objects.create_user(username="ke-toan", password=None, full_name="Kế toán Văn phòng NTM")
    print(f"data built in {time.perf_counter() - start:.1f} s: {len(projects):,} projects, "
          f"{len(plans):,} plans of {YEAR}; database: {database_label()}")
    return province, officer, paid


def statement_workbook(paid: list[tuple[Project, SourceKind]], rows: int) -> bytes:
    """The template filled as the treasury's file: header block, then `rows` payments of random plans."""
    rng = random.Random(YEAR)  # noqa: S311 — reproducible sample data
    book = openpyxl.load_workbook(io.BytesIO(statement.statement_template()))
    sheet = book[statement.SHEET]
    sheet["B1"], sheet["B2"] = STATEMENT_KEY, "Kho bạc Nhà nước Hà Tĩnh"
    sheet["B3"] = datetime.date(YEAR, 10, 5)
    labels = dict(SourceKind.choices)
    first_day = datetime.date(YEAR, 1, 1)
    for index in range(rows):
        project, source = paid[rng.randrange(len(paid))]
        paid_on = first_day + datetime.timedelta(days=rng.randrange(366))
        amount = rng.randrange(10, 5_000) * MILLION + rng.randrange(1_000) * 1_000
        note = "Thanh toán khối lượng hoàn thành" if index % 3 else "Tạm ứng hợp đồng"
        values = (index + 1, project.code, project.name, labels[source], YEAR, paid_on, amount, note)
        for column, value in enumerate(values, start=1):
            sheet.cell(row=statement.FIRST_DATA_ROW + index, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the measures ----------------------------------------------------------------------------------------


def timed(label: str, function):
    """Runs `function` once; prints wall time, queries and the maximum resident set so far; returns what it
    returns."""
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
    print(f"{label:<46} {elapsed:7.2f} s {queries:6d} queries   max RSS so far {max_rss_mib():5.0f} MiB")
    return result


def traced(label: str, function) -> None:
    """Runs `function` under tracemalloc; prints the peak of Python allocations and the (slower) time."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        function()
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(f"  {label:<44} peak {peak / 2**20:6.1f} MiB of Python allocations (traced run: {elapsed:.2f} s)")


def rolled_back(function):
    """`function` inside a transaction that is rolled back: it writes, and nothing stays."""
    def run():
        with transaction.atomic():
            result = function()
            transaction.set_rollback(True)
        return result
    return run


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    province, officer, paid = build()
    start = time.perf_counter()
    content = statement_workbook(paid, args.rows)
    print(f"statement of {args.rows:,} lines written (openpyxl) in {time.perf_counter() - start:.1f} s: "
          f"{len(content) / 1024:,.0f} KiB; max RSS so far {max_rss_mib():.0f} MiB\n")

    sheet = timed("read_statement", lambda: read_statement(content))
    traced("read_statement", lambda: read_statement(content))
    result = timed("import_statement: every line new",
                   lambda: import_statement(sheet, province=province, by=officer))
    print(f"  {result}")
    assert result.written == args.rows, result
    other = dataclasses.replace(sheet, key=f"{sheet.key}-B")
    traced("import_statement (rolled back)",
           rolled_back(lambda: import_statement(other, province=province, by=officer)))

    stored = Disbursement.objects.count()
    again = timed("read_statement again", lambda: read_statement(content))
    result = timed("import_statement again: already imported",
                   lambda: import_statement(again, province=province, by=officer))
    print(f"  {result}")
    assert result.already_imported and result.written == 0, result
    assert Disbursement.objects.count() == stored, "the re-import wrote disbursements"
    print(f"\n{stored:,} disbursements stored; max resident set of the process: {max_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
