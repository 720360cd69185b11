"""The daily reminders: each agency gets its tasks due within N days and its overdue tasks; each province's
coordination office gets a digest. Sent through Django's mail backends (the console backend in the demo)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail

from accounts.models import Membership, Role
from directives.models import Task


@dataclass(frozen=True)
class Reminder:
    recipients: tuple[str, ...]
    subject: str
    body: str


def _line(task: Task, today: datetime.date) -> str:
    due = f"hạn {task.due_date:%d/%m/%Y}" if task.due_date else "không thời hạn"
    late = f" — QUÁ HẠN {(today - task.due_date).days} ngày" if task.is_overdue(today) and task.due_date else ""
    return f"- [{task.notice.number or 'TB'}] {task.summary[:160]} ({due}{late})"


def _emails(memberships) -> tuple[str, ...]:
    return tuple(sorted({m.user.email for m in memberships if m.user.email}))


def build_reminders(today: datetime.date, days: int) -> list[Reminder]:
    tasks = list(
        (Task.objects.overdue(today) | Task.objects.due_within(today, days))
        .select_related("notice__province", "lead_agency").order_by("due_date", "pk")
    )
    by_agency: dict[int, list[Task]] = defaultdict(list)
    by_province: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_agency[task.lead_agency_id].append(task)
        by_province[task.notice.province_id].append(task)
    members = Membership.objects.active().select_related("user", "agency")
    reminders = []
    for agency_id, own in by_agency.items():
        recipients = _emails(members.filter(agency_id=agency_id))
        if recipients:
            overdue = sum(1 for t in own if t.is_overdue(today))
            reminders.append(Reminder(recipients, f"[NTM] {own[0].lead_agency}: {overdue} nhiệm vụ quá hạn, {len(own) - overdue} sắp đến hạn",
                                      "\n".join(_line(t, today) for t in own)))
    for province_id, own in by_province.items():
        recipients = _emails(members.filter(role=Role.COORDINATOR, scope_unit_id=province_id))
        if recipients:
            overdue = [t for t in own if t.is_overdue(today)]
            body = "\n".join([f"Quá hạn ({len(overdue)}):", *(_line(t, today) + f" — {t.lead_agency}" for t in overdue),
                              f"Sắp đến hạn trong {days} ngày ({len(own) - len(overdue)}):",
                              *(_line(t, today) + f" — {t.lead_agency}" for t in own if not t.is_overdue(today))])
            reminders.append(Reminder(recipients, f"[NTM] Tổng hợp nhiệm vụ ngày {today:%d/%m/%Y}", body))
    return reminders


def send_reminders(today: datetime.date, days: int) -> int:
    reminders = build_reminders(today, days)
    for reminder in reminders:
        send_mail(reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, list(reminder.recipients))
    return len(reminders)
