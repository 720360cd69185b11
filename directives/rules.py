"""Pure rules of task tracking: the next date of a monthly task and the counts the Government Office reports."""

import calendar
import datetime
import re
from dataclasses import dataclass


def monthly_due(year: int, month: int, day_of_month: int | None) -> datetime.date:
    """The due date in a month: the given day, or the month's last day when none is given or the month is short."""
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day_of_month or last, last))


def next_monthly_due(current: datetime.date, day_of_month: int | None) -> datetime.date:
    """The occurrence after `current` of a task due "trước ngày N hằng tháng"."""
    year, month = (current.year + 1, 1) if current.month == 12 else (current.year, current.month + 1)
    return monthly_due(year, month, day_of_month)


def first_monthly_due(issued: datetime.date, day_of_month: int | None) -> datetime.date:
    """The first occurrence on or after the notice's date."""
    this_month = monthly_due(issued.year, issued.month, day_of_month)
    return this_month if this_month >= issued else next_monthly_due(this_month, day_of_month)


@dataclass(frozen=True)
class TaskFacts:
    status: str  # open, in_progress, done, cancelled
    due_date: datetime.date | None
    completed_on: datetime.date | None


@dataclass(frozen=True)
class TaskCounts:
    """As the Government Office counts them: of the tasks already due, how many were done on time, late, or are overdue."""

    total: int
    due: int
    done_on_time: int
    done_late: int
    overdue: int
    not_yet_due: int
    without_deadline: int


def count_tasks(tasks: list[TaskFacts], today: datetime.date) -> TaskCounts:
    active = [t for t in tasks if t.status != "cancelled"]
    dated = [t for t in active if t.due_date is not None]
    due = [t for t in dated if t.due_date is not None and t.due_date < today or t.status == "done"]
    on_time = [t for t in dated if t.status == "done" and t.completed_on is not None and t.due_date is not None and t.completed_on <= t.due_date]
    late = [t for t in dated if t.status == "done" and t.completed_on is not None and t.due_date is not None and t.completed_on > t.due_date]
    overdue = [t for t in dated if t.status in ("open", "in_progress") and t.due_date is not None and t.due_date < today]
    waiting = [t for t in dated if t.status in ("open", "in_progress") and t.due_date is not None and t.due_date >= today]
    return TaskCounts(total=len(active), due=len(due), done_on_time=len(on_time), done_late=len(late), overdue=len(overdue),
                      not_yet_due=len(waiting), without_deadline=len(active) - len(dated))


_CRITERION = re.compile(r"(?:tiêu chí|TC)\s*(?:số\s*)?(\d{1,2})(?!\s*tiêu chí|\d|\s*/)", re.IGNORECASE)


def criteria_named(text: str) -> list[str]:
    """Criterion numbers a task names ("tiêu chí số 17", "TC 13"); counts like "dưới 10 tiêu chí" are not names."""
    return sorted({m.group(1) for m in _CRITERION.finditer(text) if 1 <= int(m.group(1)) <= 19}, key=int)
