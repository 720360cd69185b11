import datetime
from decimal import Decimal

import pytest

from finance.rules import (
    Overrun,
    Payment,
    PlanChange,
    RateRow,
    disbursed_as_of,
    move_candidates,
    overrun,
    plan_as_of,
    rank,
    rate,
    room,
)

D = datetime.date
B = Decimal


PLAN = [PlanChange(D(2023, 1, 15), B(1000)), PlanChange(D(2023, 6, 30), B(-300)), PlanChange(D(2023, 10, 1), B(100))]


@pytest.mark.parametrize(("day", "expected"), [
    (D(2023, 1, 14), B(0)),  # before the plan is issued
    (D(2023, 1, 15), B(1000)),
    (D(2023, 6, 30), B(700)),  # an adjustment lowers the plan
    (D(2023, 12, 31), B(800)),
])
def test_the_plan_in_force_on_a_day(day, expected):
    assert plan_as_of(PLAN, day) == expected


def test_a_plan_is_never_negative():
    assert plan_as_of([PlanChange(D(2023, 1, 1), B(100)), PlanChange(D(2023, 2, 1), B(-250))], D(2023, 3, 1)) == B(0)


PAYMENTS = [Payment(D(2022, 12, 30), B(50)), Payment(D(2023, 3, 1), B(200)), Payment(D(2023, 8, 31), B(300))]


@pytest.mark.parametrize(("day", "expected"), [
    (D(2023, 2, 28), B(0)),  # the 2022 payment does not count against the 2023 plan
    (D(2023, 8, 30), B(200)),  # a partial year
    (D(2023, 8, 31), B(500)),
])
def test_disbursed_by_a_day_of_the_plan_year(day, expected):
    assert disbursed_as_of(PAYMENTS, 2023, day) == expected


@pytest.mark.parametrize(("plan", "disbursed", "expected"), [
    (B(800), B(500), B("62.5")),
    (B(3), B(2), B("66.7")),  # rounded half up to one decimal
    (B(400), B(500), B("125.0")),  # disbursed above plan is shown as it is
    (B(0), B(100), None),  # no plan: no rate
    (B(1000), B(0), B("0.0")),
])
def test_the_rate(plan, disbursed, expected):
    assert rate(plan, disbursed) == expected


def test_the_ranking_puts_rows_without_plan_last_and_marks_the_line():
    rows = [RateRow("Huyện A", B(100), B(50)), RateRow("Huyện B", B(100), B(80)), RateRow("Huyện C", B(0), B(10)),
            RateRow("Huyện D", B(200), B(160)), RateRow("Huyện E", B(100), B(60))]
    ranked = rank(rows)
    assert [(r.position, r.row.key, r.below_line) for r in ranked] == [
        (1, "Huyện D", False), (2, "Huyện B", False), (3, "Huyện E", False), (4, "Huyện A", True), (None, "Huyện C", False)]


def test_another_line_can_be_set():
    assert [r.below_line for r in rank([RateRow("X", B(100), B(65))], line=B(70))] == [True]


def test_slow_projects_are_candidates_for_moving_capital_with_the_total():
    rows = [RateRow("DA1", B(1000), B(100)), RateRow("DA2", B(500), B(400)), RateRow("DA3", B(300), B(0)), RateRow("DA4", B(0), B(0))]
    candidates, total = move_candidates(rows, B(60))
    assert [(c.key, c.rate, c.movable) for c in candidates] == [("DA3", B("0.0"), B(300)), ("DA1", B("10.0"), B(900))]
    assert total == B(1200)


# 1000 from 15/1, cut by 300 from 30/6, raised by 100 from 1/10 (PLAN); 200 paid on 1/3 and 300 on 31/8 of 2023.
PAID_2023 = [Payment(D(2023, 3, 1), B(200)), Payment(D(2023, 8, 31), B(300))]


@pytest.mark.parametrize(("day", "expected"), [
    (D(2023, 1, 10), B(0)),  # before the plan is issued nothing may be paid
    (D(2023, 2, 1), B(200)),  # 1000 then, but from 30/6 the plan is 700 and 500 will have been paid by 31/8
    (D(2023, 7, 1), B(200)),  # 700 − 500 (the payment of 31/8 is still to come but counts by then)
    (D(2023, 9, 1), B(200)),
    (D(2023, 10, 1), B(300)),  # raised by 100
])
def test_what_may_still_be_paid_on_a_day(day, expected):
    assert room(PLAN, PAID_2023, day) == expected


def test_a_plan_paid_beyond_leaves_no_room():
    assert room([PlanChange(D(2023, 1, 1), B(100))], [Payment(D(2023, 2, 1), B(150))], D(2023, 3, 1)) == B(0)


@pytest.mark.parametrize(("new", "expected"), [
    ([Payment(D(2023, 9, 1), B(200))], None),  # exactly what remains
    ([Payment(D(2023, 9, 1), B(201))], Overrun(D(2023, 9, 1), B(700), B(701), B(200))),
    # early in the year there was room, but the cut of 30/6 and the payment of 31/8 leave it uncovered
    ([Payment(D(2023, 2, 1), B(250))], Overrun(D(2023, 8, 31), B(700), B(750), B(200))),
    ([Payment(D(2023, 10, 5), B(150)), Payment(D(2023, 10, 6), B(150))], None),  # 300 of the 300 left
    ([Payment(D(2023, 10, 5), B(150)), Payment(D(2023, 10, 6), B(151))],
     Overrun(D(2023, 10, 6), B(800), B(801), B(300))),  # the second one goes over
    ([], None),
])
def test_the_first_day_new_payments_go_beyond_the_plan(new, expected):
    assert overrun(PLAN, PAID_2023, new) == expected


def test_the_check_is_linear_on_a_statement_of_many_lines():
    plan = [PlanChange(D(2023, 1, 1), B(10) ** 15)]
    lines = [Payment(D(2023, 1, 1) + datetime.timedelta(days=n % 365), B(1)) for n in range(100_000)]
    assert overrun(plan, [], lines) is None
