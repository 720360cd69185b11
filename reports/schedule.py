"""Which month a report covers, the day its figures are taken on, and when the next monthly report is due.
Pure functions, no ORM.

The day of the month a province's report is due is the province's setting (programme.queries.report_day_of_month);
Hà Tĩnh's "trước ngày 18 hàng tháng" is its default there."""

import calendar
import datetime
import re
from dataclasses import dataclass

from directives.rules import monthly_due, next_monthly_due

_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")  # ASCII digits only: "²" is not a month


def report_title(month: datetime.date) -> str:
    """The title under "BÁO CÁO", shared by the Word report and the workbook."""
    return f"Tình hình thực hiện Chương trình MTQG xây dựng nông thôn mới tháng {month:%m/%Y}"


class BadPeriod(ValueError):
    """A month that cannot be reported on; the message is for the user."""


def parse_month(text: str) -> datetime.date:
    """ "2024-09" → 1/9/2024."""
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
        shown = text if len(text) <= 20 else f"{text[:20]}…"
        raise BadPeriod(f"Tháng “{shown}” không hợp lệ: cần viết dạng NNNN-TT, ví dụ 2024-09.")
    return datetime.date(int(found.group(1)), int(found.group(2)), 1)


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def report_day(month: datetime.date, today: datetime.date) -> datetime.date:
    """The day the month's figures are taken on: its last day, or today while the month is running."""
    if month > today:
        raise BadPeriod(f"Tháng {month:%m/%Y} chưa đến: chưa thể báo cáo.")
    return min(month_end(month), today)


@dataclass(frozen=True)
class ReportDue:
    month: datetime.date  # the month the report covers (its first day)
    due: datetime.date  # the report is due before this day
    days_left: int


def next_report(day_of_month: int | None, today: datetime.date) -> ReportDue | None:
    """The next monthly report still to send, due before `day_of_month`: this month's until its day, then next
    month's. None for a province that sets no day."""
    if day_of_month is None:
        return None
    due = monthly_due(today.year, today.month, day_of_month)
    if today >= due:  # "trước ngày 18": on the 18th it is already late, the next one is what is due
        due = next_monthly_due(due, day_of_month)
    return ReportDue(due.replace(day=1), due, (due - today).days)
