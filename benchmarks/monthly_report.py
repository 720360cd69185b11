"""Figures of the monthly report (báo cáo tiến độ tháng) of one province: the time to produce the Word file
and the workbook, end to end through `manage.py monthly_report` and part by part (the figures, then each
document).

Data: the demo province as benchmarks/office_dashboard.py loads it (Hà Tĩnh 2021–2024: values, notices,
capital, registrations and dossiers, one target per measure for 2024); the report of
--period (default 2024-09). With --data national, Hà Nội's report of 09/2022 on the national data of
benchmarks/forecast_all.py instead.

Run: .venv/bin/python benchmarks/monthly_report.py [--data demo|national] [--period 2024-09] [--repeat 10]
     scripts/with-postgres.sh .venv/bin/python benchmarks/monthly_report.py
(uses a throwaway SQLite database unless DATABASE_URL is set)
"""

import argparse
import io
import statistics
import tempfile
from functools import partial
from pathlib import Path

import _django  # noqa: F401 — sets Django up on a throwaway database, before any model import
import _pages
from _assessment_data import database_label
from _timing import timed
from django.core.management import call_command
from office_dashboard import load_demo_province, load_national

from reports import schedule
from reports.figures import office_figures
from reports.monthly_excel import monthly_xlsx
from reports.monthly_word import monthly_docx


def line(label: str, samples: list[float], queries: int | None = None, size: int | None = None) -> None:
    extra = f"{queries:>9}" if queries is not None else f"{'':>9}"
    extra += f"{size / 1024:>8.0f}" if size else ""
    print(f"{label:<52}{statistics.median(samples):>10.1f}{_pages.percentile(samples, 0.95):>8.1f}{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=["demo", "national"], default="demo")
    parser.add_argument("--period", default=None,
                        help="YYYY-MM; 2024-09 for the demo, 2022-09 for national data")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    province = load_demo_province() if args.data == "demo" else load_national(1_500)
    period = args.period or ("2024-09" if args.data == "demo" else "2022-09")
    month = schedule.parse_month(period)
    day = schedule.month_end(month)
    print(f"database: {database_label()}; {province.full_name} (code {province.code}), "
          f"report of {month:%m/%Y}")

    print(f"\n{f'{args.repeat} runs each':<52}{'median ms':>10}{'p95 ms':>8}{'queries':>9}{'KB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for extension in ("docx", "xlsx"):
            out = Path(folder) / f"bao-cao.{extension}"
            command = ["monthly_report", "--province", province.code, "--period", period, "--out", str(out)]
            samples, queries, _ = timed(partial(call_command, *command, stdout=io.StringIO()), args.repeat)
            line(f"manage.py monthly_report … --out bao-cao.{extension}", samples, queries,
                 out.stat().st_size)
    samples, queries, figures = timed(lambda: office_figures(province, month.year, day), args.repeat)
    line("  of which: the figures (reports.figures)", samples, queries)
    samples, queries, word = timed(lambda: monthly_docx(figures, month), args.repeat)
    line("  of which: the Word file from the figures", samples, queries, len(word))
    samples, queries, book = timed(lambda: monthly_xlsx(figures, month), args.repeat)
    line("  of which: the workbook from the figures", samples, queries, len(book))
    criteria, registered = figures.criteria, figures.registered
    print(f"\nthe report quotes: {criteria.at_standard}/{criteria.communes_total} communes at standard, "
          f"average {criteria.average}; {registered.meeting_all}/{registered.registered} registered at all "
          f"criteria; rate {figures.disbursement.total.rate} %; {figures.tasks.counts.overdue} overdue "
          f"tasks; "
          f"{len(figures.targets)} targets")


if __name__ == "__main__":
    main()
