"""URL parameters, read one way: ASCII digits only, bounded, typed; a bad value gives the default (or None), never
an error page. Views read ids, years, months, days and choices through these functions."""

import datetime
import re

from django.http import Http404, HttpRequest

from ntm.dates import parse_day

_DIGITS = re.compile(r"[0-9]{1,9}")  # not str.isdigit(): it accepts "²", which int() refuses
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
MAX_ID = 2**31 - 1


def int_param(request: HttpRequest, name: str, *, low: int, high: int, default: int) -> int:
    """An integer query parameter within [low, high]; anything else gives `default`."""
    raw = request.GET.get(name, "").strip()
    if not _DIGITS.fullmatch(raw):
        return default
    value = int(raw)
    return value if low <= value <= high else default


def id_param(request: HttpRequest, name: str) -> int | None:
    """A record's id from the query string, or None when absent or not an id."""
    raw = request.GET.get(name, "").strip()
    return int(raw) if _DIGITS.fullmatch(raw) and 0 < int(raw) <= MAX_ID else None


def required_id(raw: str) -> int:
    """An id given in a form or a path as text: 404 when it is not one (as for a record that does not exist)."""
    raw = (raw or "").strip()
    if not _DIGITS.fullmatch(raw) or not 0 < int(raw) <= MAX_ID:
        raise Http404
    return int(raw)


def month_param(request: HttpRequest, name: str, *, low: datetime.date, high: datetime.date,
                default: datetime.date) -> datetime.date:
    """ "2026-12" → 1/12/2026, within [low, high]; anything else gives `default`."""
    found = _MONTH.fullmatch(request.GET.get(name, "").strip())
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < datetime.MINYEAR:
        return default  # "0000-01": no year 0 in a date
    month = datetime.date(int(found.group(1)), int(found.group(2)), 1)
    return month if low <= month <= high else default


def date_param(request: HttpRequest, name: str, *, low: datetime.date, high: datetime.date,
               default: datetime.date) -> datetime.date:
    """ "03/12/2026" (as the date input writes it) or "2026-12-03" within [low, high]; anything else gives
    `default`."""
    day = parse_day(request.GET.get(name, ""))
    return day if day is not None and low <= day <= high else default


def choice_param(request: HttpRequest, name: str, choices: set[str] | frozenset[str], default: str = "") -> str:
    raw = request.GET.get(name, "")
    return raw if raw in choices else default
