"""Cached finance figures, keyed by the province's FinanceStamp: every service that writes what they are made from
(projects and their communes, plans, plan changes, payments, debts) calls `bump` in its own transaction — no signals,
so the flow reads where it happens — and a cached figure is never older than the data it was made from."""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import F

from finance.models import FinanceStamp

KEEP_SECONDS = 6 * 3600  # a figure nobody asks for again leaves the cache by itself


def bump(province_id: int | None) -> None:
    if province_id is None:
        return
    if not FinanceStamp.objects.filter(province_id=province_id).update(version=F("version") + 1):
        FinanceStamp.objects.get_or_create(province_id=province_id, defaults={"version": 1})


def version(province_id: int) -> int:
    return FinanceStamp.objects.filter(province_id=province_id).values_list("version", flat=True).first() or 0


def cached[T](province_id: int, parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave for the same parts since the province's last change."""
    digest = hashlib.sha256(repr((province_id, version(province_id), parts)).encode()).hexdigest()
    found = cache.get(f"finance:{digest}")
    if found is None:
        found = compute()
        cache.set(f"finance:{digest}", found, KEEP_SECONDS)
    return found
