"""The next month's work read off the figures: gaps by department, overdue tasks carried on, slow
investors."""

import dataclasses
import datetime

import pytest

from directives.models import DeadlineKind
from reports.figures import office_figures
from reports.next_steps import gap_deadline, next_month_end, next_steps, overdue_steps
from reports.tests.conftest import DAY, YEAR

D = datetime.date


@pytest.mark.parametrize(("earliest", "day", "deadline"), [
    (D(2022, 10, 15), D(2022, 9, 30), D(2022, 10, 15)),  # the roadmap's own date
    (D(2022, 12, 31), D(2022, 9, 30), D(2022, 11, 30)),  # no later than 30/11: December is for appraisal
    (None, D(2022, 9, 30), D(2022, 11, 30)),
    (D(2022, 8, 31), D(2022, 9, 30), D(2022, 10, 31)),  # already past: the next month's end
    (D(2022, 12, 31), D(2022, 12, 5), D(2023, 1, 31)),
])
def test_a_gaps_deadline(earliest, day, deadline):
    assert gap_deadline(earliest, 2022, day) == deadline


def test_the_next_months_end():
    assert next_month_end(D(2022, 1, 31)) == D(2022, 2, 28)
    assert next_month_end(D(2022, 12, 1)) == D(2023, 1, 31)


def test_the_steps_of_the_small_world(world):
    steps = next_steps(office_figures(world.map.province, YEAR, DAY))
    assert [(s.lead, s.deadline_kind, s.due_date) for s in steps] == [
        ("Sở Giao thông vận tải", DeadlineKind.DATE, D(2022, 10, 31)),
        ("Văn phòng Điều phối NTM tỉnh", DeadlineKind.MONTH, D(2022, 10, 31)),
        ("UBND huyện Kỳ Anh", DeadlineKind.MONTH, D(2022, 10, 31)),
        ("UBND xã Kỳ Tân", DeadlineKind.MONTH, D(2022, 10, 31)),
        ("UBND huyện Kỳ Anh", DeadlineKind.MONTH, D(2022, 10, 31)),
    ]
    assert steps[0].sentence == ("Sở Giao thông vận tải: chủ trì hướng dẫn, hỗ trợ các xã đăng ký đạt chuẩn "
                                 "năm 2022 hoàn thành các chỉ tiêu còn thiếu thuộc tiêu chí số 2: xã Kỳ Lạc "
                                 "(2.1), trước ngày 31/10/2022.")
    assert ("“Tổng hợp kết quả rà soát các xã” (Thông báo 05/TB-BCĐ ngày 01/03/2022, hạn 31/08/2022, đã quá "
            "hạn 30 ngày), trong tháng 10/2022.") in steps[1].sentence
    assert "đạt 15,0 %, dưới mức yêu cầu 60 %" in steps[4].sentence


def test_tasks_a_year_overdue_are_put_up_for_review_by_agency(world):
    figures = office_figures(world.map.province, YEAR, DAY)
    old = [dataclasses.replace(row, days_late=400) for row in figures.tasks.overdue]
    steps = overdue_steps(dataclasses.replace(figures, tasks=dataclasses.replace(figures.tasks, overdue=tuple(old))))
    assert len(steps) == len({row.lead for row in old})
    assert all("rà soát" in s.summary and "quá hạn trên 12 tháng" in s.summary for s in steps)
    assert not any("tiếp tục thực hiện" in s.summary for s in steps)
