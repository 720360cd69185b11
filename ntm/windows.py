"""One way to ask "which rows hold on this day": a row holds from its start field up to its end field, the end
excluded unless the model says otherwise; a null start means "since always", a null end "still open".

    Sponsorship.objects.filter(holding(day, start="start", end="end", end_included=True))
    AdministrativeUnit.objects.filter(overlapping(first, last, start="valid_from", end="valid_to"))

Models name their window once, in a queryset method (`ConstructionDebt.objects.open_on(day)`,
`AdministrativeUnit.objects.valid_on(day)`), built on these two conditions; nothing else writes the pair of
`__isnull` / `__gt` filters by hand."""

import datetime

from django.db.models import Q


def holding(day: datetime.date, *, start: str | None = None, end: str | None = None, end_included: bool = False,
            open_start: bool = True) -> Q:
    """Rows whose window holds `day`: start ≤ day (or no start) and day < end (≤ when `end_included`, or no end).
    `open_start=False` for a start field that is never null (no `IS NULL` branch for the planner to carry)."""
    condition = Q()
    if start is not None:
        begun = Q(**{f"{start}__lte": day})
        condition &= (Q(**{f"{start}__isnull": True}) | begun) if open_start else begun
    if end is not None:
        condition &= Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__{'gte' if end_included else 'gt'}": day})
    return condition


def overlapping(first: datetime.date, last: datetime.date, *, start: str, end: str) -> Q:
    """Rows whose window [start, end) meets at least one day of first..last (both included)."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": last})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": first}))
