"""Reads of notices and tasks, scoped: the office reads its province's; an agency's officers read their agency's."""

import datetime

from django.db.models import Q

from accounts import scope
from accounts.models import Agency
from accounts.rules import Permission, role_allows
from directives import rules
from directives.models import Notice, Task
from geo.models import AdministrativeUnit, Level
from ntm.text import sort_key


def visible_notices(user):
    if scope.is_admin(user):
        return Notice.objects.all()
    provinces = scope.units_for(user, Permission.VIEW_TASKS)
    agencies = _agencies(user)
    return Notice.objects.filter(
        Q(province__in=provinces) | Q(tasks__lead_agency__in=agencies) | Q(tasks__support_agencies__in=agencies)
    ).distinct()


def visible_tasks(user):
    if scope.is_admin(user):
        return Task.objects.all()
    provinces = scope.units_for(user, Permission.VIEW_TASKS)
    agencies = _agencies(user)
    return Task.objects.filter(
        Q(notice__province__in=provinces) | Q(lead_agency__in=agencies) | Q(support_agencies__in=agencies)
    ).distinct()


def own_agencies(user) -> list[int]:
    """The agencies for which the user reports on tasks."""
    return _agencies(user)


def _agencies(user) -> list[int]:
    return [m.agency_id for m in scope.active_memberships(user) if role_allows(m.role, Permission.REPORT_TASKS)]


BOARD_TABS = {
    "open": ("Đang mở", lambda tasks, today: tasks.active()),
    "week": ("Đến hạn trong 7 ngày", lambda tasks, today: tasks.due_within(today, 7)),
    "overdue": ("Quá hạn", lambda tasks, today: tasks.overdue(today)),
    "done": ("Đã hoàn thành", lambda tasks, today: tasks.filter(status="done")),
}


def board(tasks, tab: str, today: datetime.date):
    select = BOARD_TABS.get(tab, BOARD_TABS["open"])[1]
    return select(tasks, today).select_related("notice", "lead_agency__unit").order_by("due_date", "pk")


def counts(tasks, today: datetime.date) -> rules.TaskCounts:
    facts = [rules.TaskFacts(s, d, c) for s, d, c in tasks.values_list("status", "due_date", "completed_on")]
    return rules.count_tasks(facts, today)


def counts_by(tasks, field: str, today: datetime.date) -> dict:
    """Counts per notice or per lead agency: {key: TaskCounts}."""
    grouped: dict = {}
    for key, status, due, done in tasks.values_list(field, "status", "due_date", "completed_on"):
        grouped.setdefault(key, []).append(rules.TaskFacts(status, due, done))
    return {key: rules.count_tasks(facts, today) for key, facts in grouped.items()}


def lead_agencies(tasks) -> list[Agency]:
    """The agencies leading the given tasks, for the board's filter."""
    return sorted(Agency.objects.filter(pk__in=tasks.values("lead_agency_id")), key=lambda a: sort_key(a.name))


def lead_districts(tasks) -> list[AdministrativeUnit]:
    """The districts whose agencies lead some of the tasks ("UBND huyện Kỳ Anh" → Huyện Kỳ Anh)."""
    units = AdministrativeUnit.objects.filter(pk__in=tasks.values("lead_agency__unit_id"), level=Level.DISTRICT)
    return sorted(units, key=lambda u: sort_key(u.name))
