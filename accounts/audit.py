"""Writing the audit log. Services call `record` inside their transaction, so a rolled-back change leaves no entry."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import models

from accounts.actions import Action
from accounts.models import AuditEntry


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of `instance` as JSON-safe values (foreign keys by id, dates as ISO text)."""
    return {field: _json_safe(getattr(instance, _attname(instance, field))) for field in fields}


def record(actor, action: Action, target: models.Model, *, unit=None, before=None, after=None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        unit=unit,
        before=before,
        after=after,
    )


def changed_only(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}


def _attname(instance: models.Model, field: str) -> str:
    model_field = instance._meta.get_field(field)
    return getattr(model_field, "attname", field)


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
