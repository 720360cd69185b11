"""Optimistic locking, one way: a record people edit carries a `version`; a form sends back the version it showed;
the service, having locked the row (`select_for_update`), calls `check_version` and then `bump` before saving.

`seen` 0 means "the page showed it empty": a row that exists now was written by someone else meanwhile. `seen`
None (a form that lost its version field) is stale: a caller that asks no check does not call.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import F, Model
from django.utils import timezone

STALE = "Bản ghi đã được người khác sửa sau khi bạn mở nó. Hãy tải lại trang và nhập lại thay đổi."


class StaleVersion(Exception):
    """Someone else saved the record after this user opened it; `message` says so in Vietnamese, and who and when
    when the audit log knows."""

    message = STALE

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)


def is_stale(current: Any, seen: int | None) -> bool:
    """True when the version the user saw is not the one stored now. `current` None: nothing stored (never was, or
    deleted since); `seen` 0: the user saw nothing stored; `seen` None: not known, so stale."""
    return (current.version if current is not None else 0) != seen


def check_version(current: Any, seen: int | None, *, message: str | Callable[[Any], str] | None = None) -> None:
    """Raises StaleVersion if `current` (a locked row, or None for none) is not at version `seen`. The message is
    `message` (or `message(current)`), else the house one followed by who changed the record last and when."""
    if not is_stale(current, seen):
        return
    if callable(message):
        raise StaleVersion(message(current))
    if message is not None:
        raise StaleVersion(message)
    last = last_change(current) if isinstance(current, Model) else ""
    raise StaleVersion(f"{STALE} {last}" if last else None)


def bump(current: Any) -> list[str]:
    """The next version on the object (saved by the caller); the field to name in `update_fields`."""
    current.version += 1
    return ["version"]


def update_if_unchanged(model: type[Model], pk: int, seen: int, **values: Any) -> None:
    """Writes `values` and the next version in one UPDATE, only if the row is still at version `seen` (for a service
    that does not load the row first); StaleVersion otherwise."""
    if not model._default_manager.filter(pk=pk, version=seen).update(version=F("version") + 1, **values):
        last = last_change(model(pk=pk))
        raise StaleVersion(f"{STALE} {last}" if last else None)


def last_change(instance: Model) -> str:
    """ "(Lần sửa gần nhất: Nguyễn Văn An, lúc 14:05 ngày 03/12/2026.)" from the audit log; "" if it has no entry."""
    from accounts.models import AuditEntry  # accounts builds on ntm, not the reverse: read when needed

    entry = (AuditEntry.objects.filter(target_type=instance._meta.label_lower, target_id=str(instance.pk))
             .select_related("actor").order_by("-at", "-pk").first())
    if entry is None:
        return ""
    who = str(entry.actor) if entry.actor is not None else "hệ thống"
    when = timezone.localtime(entry.at)
    return f"(Lần sửa gần nhất: {who}, lúc {when:%H:%M} ngày {when:%d/%m/%Y}.)"
