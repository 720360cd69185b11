"""URL parameters, read one way: bounded, typed, and a bad value falls back to the default instead of failing."""

import datetime

from django.http import HttpRequest


def int_param(request: HttpRequest, name: str, *, low: int, high: int, default: int) -> int:
    """An integer query parameter within [low, high]; anything else gives `default`."""
    raw = request.GET.get(name, "").strip()
    if not raw.isdigit() or len(raw) > 9:
        return default
    value = int(raw)
    return value if low <= value <= high else default


def month_param(request: HttpRequest, name: str, *, low: datetime.date, high: datetime.date,
                default: datetime.date) -> datetime.date:
    """ "2026-12" → 1/12/2026, within [low, high]; anything else gives `default`."""
    raw = request.GET.get(name, "").strip()
    try:
        month = datetime.datetime.strptime(raw, "%Y-%m").date()  # noqa: DTZ007 — a calendar month, no time
    except ValueError:
        return default
    return month if low <= month <= high else default


def choice_param(request: HttpRequest, name: str, choices: set[str] | frozenset[str], default: str = "") -> str:
    raw = request.GET.get(name, "")
    return raw if raw in choices else default
