"""Sums of đồng that cannot overflow, on either database.

PostgreSQL sums numeric columns exactly at any size. SQLite sums integers in 64 bits and fails past 9.2 × 10^18
("integer overflow"): ten payments of 999,999,999,999,999,999 đồng once took every finance page of a province
down. On SQLite each amount is split at 10^9 and both parts are summed (integer division and remainder, exact for
negative amounts too): every part is below 10^9 in size, so no sum of parts reaches 2^63 before 9 × 10^9 rows, and
Python puts the two sums back together exactly. The split reads only the amount, so a sum still reads the covering
index alone."""

from decimal import Decimal

from django.db import connections
from django.db.models import Func, IntegerField, QuerySet, Sum

SPLIT = 1_000_000_000


class _High(Func):
    """The amount divided by 10^9, truncated (SQLite divides integers as integers)."""

    template = f"(%(expressions)s / {SPLIT})"
    output_field = IntegerField()


class _Low(Func):
    """The amount's remainder by 10^9 (of the amount's sign, as in C)."""

    template = f"(%(expressions)s %%%% {SPLIT})"
    output_field = IntegerField()


def sums_by(rows: QuerySet, key: str, field: str = "amount") -> dict:
    """`field` summed per value of `key` over `rows`, exactly: {key value: Decimal}."""
    grouped = rows.order_by().values(key)
    if connections[rows.db].vendor != "sqlite":
        return {value: Decimal(total) for value, total in grouped.annotate(total=Sum(field)).values_list(key, "total")}
    parts = grouped.annotate(high=Sum(_High(field)), low=Sum(_Low(field))).values_list(key, "high", "low")
    return {value: Decimal(str(high)) * SPLIT + Decimal(str(low)) for value, high, low in parts}


def total(rows: QuerySet, field: str = "amount") -> Decimal:
    """`field` summed over all of `rows`, exactly (0 when there are none)."""
    if connections[rows.db].vendor != "sqlite":
        return Decimal(rows.order_by().aggregate(total=Sum(field))["total"] or 0)
    parts = rows.order_by().aggregate(high=Sum(_High(field)), low=Sum(_Low(field)))
    return Decimal(str(parts["high"] or 0)) * SPLIT + Decimal(str(parts["low"] or 0))
