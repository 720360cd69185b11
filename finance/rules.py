"""Pure rules of capital and disbursement: the plan in force on a day, what was disbursed by then, the rate against
a line (60 % by default), rankings, and the capital that could move from slow projects. No ORM."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

DEFAULT_LINE = Decimal(60)  # "tỷ lệ giải ngân đạt 60 % trở lên"
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PlanChange:
    """The initial plan or an adjustment (positive or negative), effective from a day, by a decision."""

    effective: datetime.date
    amount: Decimal


@dataclass(frozen=True)
class Payment:
    day: datetime.date
    amount: Decimal


def plan_as_of(changes: list[PlanChange], day: datetime.date) -> Decimal:
    """The plan in force on `day`: every change effective by then; an adjustment may lower it, never below zero."""
    return max(Decimal(0), sum((c.amount for c in changes if c.effective <= day), Decimal(0)))


def disbursed_as_of(payments: list[Payment], year: int, day: datetime.date) -> Decimal:
    """Disbursed against the year's plan by `day`: payments of that year only, up to the day."""
    return sum((p.amount for p in payments if p.day.year == year and p.day <= day), Decimal(0))


def rate(plan: Decimal, disbursed: Decimal) -> Decimal | None:
    """Tỷ lệ giải ngân in % with one decimal; None when there is no plan (a rate of nothing means nothing).

    Above 100 % is kept as it is (more paid than planned is a fact the office must see, not a rounding)."""
    if plan <= 0:
        return None
    return (disbursed * HUNDRED / plan).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RateRow:
    key: str  # an investor, a source, a district…
    plan: Decimal
    disbursed: Decimal

    @cached_property  # rankings and filters read it several times per row
    def rate(self) -> Decimal | None:
        return rate(self.plan, self.disbursed)


@dataclass(frozen=True)
class Ranked:
    position: int | None  # None for rows without a plan
    row: RateRow
    below_line: bool


def rank(rows: list[RateRow], line: Decimal = DEFAULT_LINE) -> list[Ranked]:
    """Highest rate first; equal rates by larger amount disbursed, then by key; rows without a plan last, unranked."""
    with_plan = sorted((r for r in rows if r.rate is not None), key=lambda r: (-(r.rate or 0), -r.disbursed, r.key))
    without = sorted((r for r in rows if r.rate is None), key=lambda r: r.key)
    ranked = [Ranked(i, r, (r.rate or 0) < line) for i, r in enumerate(with_plan, start=1)]
    return ranked + [Ranked(None, r, False) for r in without]


@dataclass(frozen=True)
class MoveCandidate:
    key: str
    rate: Decimal
    movable: Decimal  # plan not yet disbursed


def move_candidates(rows: list[RateRow], line: Decimal) -> tuple[list[MoveCandidate], Decimal]:
    """Projects under the line (candidates for moving capital, "điều chuyển vốn"), weakest first, and the total."""
    candidates = [
        MoveCandidate(r.key, r.rate, r.plan - r.disbursed)
        for r in rows if r.rate is not None and r.rate < line and r.plan > r.disbursed
    ]
    candidates.sort(key=lambda c: (c.rate, -c.movable, c.key))
    return candidates, sum((c.movable for c in candidates), Decimal(0))
