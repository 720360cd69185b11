"""Pure rules of capital and disbursement: the plan in force on a day, what was disbursed by then, the rate against
a line (60 % by default), rankings, and the capital that could move from slow projects. No ORM."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from ntm.numbers import DONG, Bounds

DEFAULT_LINE = Decimal(60)  # "tỷ lệ giải ngân đạt 60 % trở lên"
HUNDRED = Decimal(100)

# What the figures typed or imported may be. An amount is at most 10^15 đồng (ntm.numbers.DONG); no sum of them can
# overflow, whatever their number (`finance.sums`).
assert DONG.high is not None
MAX_AMOUNT = DONG.high
PAYMENT = Bounds(Decimal(1), MAX_AMOUNT, integer=True, what="số tiền (đồng)")
AMOUNT = Bounds(Decimal(0), MAX_AMOUNT, integer=True, what="số tiền (đồng)")
PLAN_CHANGE = Bounds(-MAX_AMOUNT, MAX_AMOUNT, integer=True, what="số tiền (đồng)")  # a cut is negative
TONNES = Bounds(Decimal(0), Decimal(1_000_000), what="số tấn xi măng")  # a commune gets hundreds, not millions
ROAD_KM = Bounds(Decimal(0), Decimal(10_000), what="số km đường")
FIRST_DAY, LAST_DAY = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)  # any day the program may record


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


@dataclass(frozen=True)
class Overrun:
    """More paid than planned: by `day`, `paid` against a plan in force of `plan`; `room` is what could still have
    been paid from the first new payment's day on, before the new payments."""

    day: datetime.date
    plan: Decimal
    paid: Decimal
    room: Decimal


def room(changes: list[PlanChange], payments: list[Payment], day: datetime.date) -> Decimal:
    """What may still be paid against a plan on `day`: the least, over that day and every later day on which the
    plan changes or a payment is made, of the plan in force minus what was paid by then (never below zero).

    A later day counts because a payment made today is still paid then: it may not leave a later cut uncovered."""
    return max(Decimal(0), min((plan - paid for _, plan, paid in _standing(changes, payments, day)), default=Decimal(0)))


def overrun(changes: list[PlanChange], payments: list[Payment], new: list[Payment]) -> Overrun | None:
    """The first day, from the earliest new payment's on, when the payments (the new ones with them) exceed the
    plan in force; None when they never do."""
    if not new:
        return None
    first = min(payment.day for payment in new)
    for day, plan, paid in _standing(changes, [*payments, *new], first):
        if paid > plan:
            return Overrun(day, plan, paid, room(changes, payments, first))
    return None


def _standing(changes: list[PlanChange], payments: list[Payment],
              start: datetime.date) -> Iterator[tuple[datetime.date, Decimal, Decimal]]:
    """(day, plan in force, paid by then) on `start` and on each later day a change takes effect or a payment is
    made: one pass over the sorted rows, so that a statement of thousands of lines is checked in linear time."""
    days = sorted({start} | {c.effective for c in changes if c.effective > start} | {p.day for p in payments if p.day > start})
    ordered_changes = sorted(changes, key=lambda change: change.effective)
    ordered_payments = sorted(payments, key=lambda payment: payment.day)
    planned = paid = Decimal(0)
    next_change = next_payment = 0
    for day in days:
        while next_change < len(ordered_changes) and ordered_changes[next_change].effective <= day:
            planned += ordered_changes[next_change].amount
            next_change += 1
        while next_payment < len(ordered_payments) and ordered_payments[next_payment].day <= day:
            paid += ordered_payments[next_payment].amount
            next_payment += 1
        yield day, max(Decimal(0), planned), paid


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
