"""The daily e-mail: each user's own "Việc cần làm", the same list as their home page."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail

from accounts.models import User
from inbox.items import Item, inbox


@dataclass(frozen=True)
class Reminder:
    recipient: str
    subject: str
    body: str


def _line(item: Item) -> str:
    return f"- {'[GẤP] ' if item.urgent else ''}{item.title}: {item.detail}"


def build_reminders(today: datetime.date, site_url: str = "") -> list[Reminder]:
    """One e-mail per active user with an address and something waiting; none for an empty list."""
    reminders = []
    users = User.objects.filter(is_active=True, memberships__is_active=True).exclude(email="").distinct().order_by("pk")
    for user in users:
        items = inbox(user, today)
        if not items:
            continue
        urgent = sum(1 for item in items if item.urgent)
        subject = f"[NTM] Việc cần làm ngày {today:%d/%m/%Y}: {len(items)} việc" + (f", {urgent} gấp" if urgent else "")
        lines = [_line(item) + (f"\n  {site_url.rstrip('/')}{item.url}" if site_url else "") for item in items]
        reminders.append(Reminder(user.email, subject, "\n".join([f"Kính gửi {user}:", "", *lines])))
    return reminders


def send_reminders(today: datetime.date, site_url: str = "") -> int:
    reminders = build_reminders(today, site_url)
    for reminder in reminders:
        send_mail(reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [reminder.recipient])
    return len(reminders)
