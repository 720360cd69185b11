"""Reads of notices and tasks, scoped: the office reads its province's; an agency's officers read their agency's."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q

from accounts import scope
from accounts.actions import Action
from accounts.models import Agency, AuditEntry, Membership, Role
from accounts.rules import Permission, role_allows
from directives import rules
from directives.models import ACTIVE, Notice, Task, TaskStatus
from geo.models import AdministrativeUnit, Level
from ntm.text import sort_key


def visible_notices(user):
    if scope.is_admin(user):
        return Notice.objects.all()
    return Notice.objects.filter(_in_area(user, "tasks__")).distinct()


def visible_tasks(user):
    """The tasks of the user's area: of the notices of its province, led or supported by its agency, or naming one
    of its communes ("UBND xã Kỳ Hoa hoàn thiện hồ sơ …" is the commune's work though another agency leads it)."""
    if scope.is_admin(user):
        return Task.objects.all()
    return Task.objects.filter(_in_area(user, "")).distinct()


def _in_area(user, task: str) -> Q:
    """The user's area as a condition on tasks (`task` is the path from the model filtered to its tasks).

    The same as filtering by scope.units_for(VIEW_TASKS), written for speed: a notice belongs to a province, so only
    scope units that are provinces can hold it; a task's communes lie within a district or commune scope unit (those
    within a province's are already its notices'). No join for an empty list (a user of no agency)."""
    roots = scope.scope_roots(user, Permission.VIEW_TASKS)
    provinces = [r.pk for r in roots if r.level == Level.PROVINCE]
    smaller = [r.pk for r in roots if r.level != Level.PROVINCE]
    agencies = _agencies(user)
    notice = "province_id__in" if task else "notice__province_id__in"
    area = Q(**{notice: provinces}) if provinces else Q(pk__in=[])
    if agencies:
        area |= Q(**{f"{task}lead_agency__in": agencies}) | Q(**{f"{task}support_agencies__in": agencies})
    if smaller:
        area |= Q(**{f"{task}communes__in": smaller}) | Q(**{f"{task}communes__parent__in": smaller})
    return area


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


ROW_FIELDS = ("summary", "status", "due_date", "completed_on", "deadline_kind", "notice__kind", "notice__number",
              "notice__date", "lead_agency__name", "lead_agency__short_name")  # what a row shows (_task_row.html)


def board(tasks, tab: str, today: datetime.date):
    select = BOARD_TABS.get(tab, BOARD_TABS["open"])[1]
    return rows(select(tasks, today)).order_by("due_date", "pk")


def rows(tasks):
    """Tasks with what a board row shows, without the notices' full texts."""
    return tasks.select_related("notice", "lead_agency").only(*ROW_FIELDS)


def _counted(tasks):
    """The tasks once each (a board's queryset joins supporting agencies and communes), cancelled ones left out."""
    return Task.objects.filter(pk__in=tasks.values("pk")).exclude(status=TaskStatus.CANCELLED)


def _count_columns(today: datetime.date) -> dict:
    """rules.count_tasks as SQL: the same counts in one aggregate query (tested equal on a table of tasks)."""
    dated, done = Q(due_date__isnull=False), Q(status=TaskStatus.DONE)
    return {
        "total": Count("pk"),
        "due": Count("pk", filter=dated & (Q(due_date__lt=today) | done)),
        "on_time": Count("pk", filter=dated & done & Q(completed_on__isnull=False, completed_on__lte=F("due_date"))),
        "late": Count("pk", filter=dated & done & Q(completed_on__gt=F("due_date"))),
        "overdue": Count("pk", filter=Q(status__in=ACTIVE, due_date__lt=today)),
        "waiting": Count("pk", filter=Q(status__in=ACTIVE, due_date__gte=today)),
        "undated": Count("pk", filter=Q(due_date__isnull=True)),
    }


def _task_counts(row: dict) -> rules.TaskCounts:
    return rules.TaskCounts(total=row["total"], due=row["due"], done_on_time=row["on_time"], done_late=row["late"],
                            overdue=row["overdue"], not_yet_due=row["waiting"], without_deadline=row["undated"])


def counts(tasks, today: datetime.date) -> rules.TaskCounts:
    return _task_counts(_counted(tasks).aggregate(**_count_columns(today)))


def counts_by(tasks, field: str, today: datetime.date) -> dict:
    """Counts per notice or per lead agency: {key: TaskCounts}."""
    rows = _counted(tasks).values(field).annotate(**_count_columns(today))
    return {row[field]: _task_counts(row) for row in rows}


def lead_agencies(tasks) -> list[Agency]:
    """The confirmed agencies leading the given tasks, for the board's filter."""
    return sorted(confirmed(Agency.objects.filter(pk__in=tasks.values("lead_agency_id"))), key=lambda a: sort_key(a.name))


def confirmed(agencies) -> list[Agency]:
    """Agencies the office has confirmed: active, and named as one body (rules.agency_name_problem), or staffed, or
    created or changed in the agency administration. Words an earlier import turned into agencies ("để", "một số sở
    ngành") stay out of lists to choose from; their tasks stay on the board."""
    agencies = list(agencies)
    ids = [a.pk for a in agencies]
    staffed = set(Membership.objects.active().filter(agency_id__in=ids).values_list("agency_id", flat=True))
    administered = set(AuditEntry.objects.filter(
        target_type="accounts.agency", action__in=(Action.AGENCY_CREATE, Action.AGENCY_UPDATE), target_id__in=[str(i) for i in ids],
    ).values_list("target_id", flat=True))
    return [a for a in agencies if a.is_active and (
        rules.may_propose_agency(a.name) or a.pk in staffed or str(a.pk) in administered)]


@dataclass(frozen=True)
class AgencyCounts:
    agency_id: int | None  # None: the agencies not confirmed, together
    name: str
    counts: rules.TaskCounts


OTHERS = "Nhóm, cơ quan khác nêu trong văn bản"


def counts_by_lead_agency(tasks, today: datetime.date, *, confirmed_only: bool = False) -> list[AgencyCounts]:
    """The Government Office's counts (rules.count_tasks) per lead agency in one aggregate query, most overdue first.
    Cancelled tasks are not counted. With `confirmed_only`, the agencies not confirmed (words an earlier import turned
    into agencies) are counted together on one last row."""
    rows = _counted(tasks).values("lead_agency_id", "lead_agency__name", "lead_agency__short_name").annotate(
        **_count_columns(today))
    found = [AgencyCounts(r["lead_agency_id"], r["lead_agency__short_name"] or r["lead_agency__name"], _task_counts(r))
             for r in rows]
    others: list[AgencyCounts] = []
    if confirmed_only:
        kept = {a.pk for a in confirmed(Agency.objects.filter(pk__in=[a.agency_id for a in found]))}
        others = [a for a in found if a.agency_id not in kept]
        found = [a for a in found if a.agency_id in kept]
    found.sort(key=lambda a: (-a.counts.overdue, -a.counts.due, -a.counts.total, sort_key(a.name)))
    if others:
        found.append(AgencyCounts(None, OTHERS, _sum(a.counts for a in others)))
    return found


def _sum(counts) -> rules.TaskCounts:
    counts = list(counts)
    return rules.TaskCounts(**{f: sum(getattr(c, f) for c in counts) for f in rules.TaskCounts.__dataclass_fields__})


def is_leader(user) -> bool:
    """A leader's board opens on the counts by agency."""
    return any(m.role == Role.LEADER for m in scope.active_memberships(user))


LONG_OVERDUE_DAYS = 365  # tasks overdue longer than a year are folded under one heading on the board


def long_overdue_since(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=LONG_OVERDUE_DAYS)


def lead_districts(tasks) -> list[AdministrativeUnit]:
    """The districts whose agencies lead some of the tasks ("UBND huyện Kỳ Anh" → Huyện Kỳ Anh)."""
    units = AdministrativeUnit.objects.filter(pk__in=tasks.values("lead_agency__unit_id"), level=Level.DISTRICT)
    return sorted(units, key=lambda u: sort_key(u.name))
