import datetime

import pytest

from directives.rules import TaskFacts, count_tasks, first_monthly_due, next_monthly_due

D = datetime.date


@pytest.mark.parametrize(("current", "day", "expected"), [
    (D(2017, 11, 18), 18, D(2017, 12, 18)),
    (D(2017, 12, 18), 18, D(2018, 1, 18)),
    (D(2018, 1, 31), 31, D(2018, 2, 28)),
    (D(2020, 1, 31), 31, D(2020, 2, 29)),
    (D(2018, 2, 28), 31, D(2018, 3, 31)),
    (D(2018, 4, 30), None, D(2018, 5, 31)),
])
def test_the_next_monthly_occurrence(current, day, expected):
    assert next_monthly_due(current, day) == expected


@pytest.mark.parametrize(("issued", "day", "expected"), [
    (D(2017, 11, 3), 18, D(2017, 11, 18)),
    (D(2017, 11, 20), 18, D(2017, 12, 18)),
    (D(2017, 11, 18), 18, D(2017, 11, 18)),
])
def test_the_first_monthly_occurrence_is_on_or_after_the_notice(issued, day, expected):
    assert first_monthly_due(issued, day) == expected


def test_counts_as_the_government_office_reports_them():
    today = D(2018, 1, 15)
    tasks = [
        TaskFacts("done", D(2017, 12, 31), D(2017, 12, 20)),  # on time
        TaskFacts("done", D(2017, 12, 31), D(2018, 1, 5)),  # late
        TaskFacts("open", D(2017, 12, 31), None),  # overdue
        TaskFacts("in_progress", D(2018, 2, 28), None),  # not yet due
        TaskFacts("open", None, None),  # no deadline
        TaskFacts("cancelled", D(2017, 12, 1), None),  # not counted
    ]
    counts = count_tasks(tasks, today)
    assert (counts.total, counts.due, counts.done_on_time, counts.done_late, counts.overdue, counts.not_yet_due,
            counts.without_deadline) == (5, 3, 1, 1, 1, 1, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("hoàn thành tiêu chí số 17 về môi trường và tiêu chí 13", ["13", "17"]),
    ("tập trung chỉ đạo TC 5 trường học", ["5"]),
    ("không còn xã dưới 10 tiêu chí", []),
    ("đạt 19 tiêu chí", []),
])
def test_criteria_named_in_a_task(text, expected):
    from directives.rules import criteria_named

    assert criteria_named(text) == expected
