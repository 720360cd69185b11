"""The one error for "a list of problems by row and column": how each problem reads, and how a page lists many."""

import pytest

from ntm.problems import Problem, Problems, at, listing, raise_if_any

READS = [
    (Problem(5, "B (Mã dự án)", "Thiếu mã dự án."), "Dòng 5, cột B (Mã dự án): Thiếu mã dự án."),
    (Problem(7, None, "Dòng này trùng với dòng 3."), "Dòng 7: Dòng này trùng với dòng 3."),
    (Problem(None, "B (Kỳ)", "Kỳ chưa đến."), "cột B (Kỳ): Kỳ chưa đến."),
    (Problem(None, None, "Tệp không phải là tệp Excel (.xlsx) hợp lệ."), "Tệp không phải là tệp Excel (.xlsx) hợp lệ."),
    (at("Chỉ tiêu 2.1", "Giá trị phải là số."), "Chỉ tiêu 2.1: Giá trị phải là số."),
    (at("", "Bạn không có quyền."), "Bạn không có quyền."),
    (Problem(12, None, "Ngưỡng không hợp lệ.", "Bộ tiêu chí"), "Bộ tiêu chí, Dòng 12: Ngưỡng không hợp lệ."),
]


@pytest.mark.parametrize(("problem", "text"), READS, ids=[text for _, text in READS])
def test_a_problem_reads_as_row_column_message_in_vietnamese(problem, text):
    assert str(problem) == text


LISTINGS = [  # problems, limit → shown, total, hidden, last line of the text
    (0, 3, 0, 0, 0, None),
    (2, 3, 2, 2, 0, "Dòng 2: lỗi 2"),
    (3, 3, 3, 3, 0, "Dòng 3: lỗi 3"),
    (4, 3, 3, 4, 1, "… và 1 lỗi khác."),
    (1_204, 4, 4, 1_204, 1_200, "… và 1.200 lỗi khác."),
]


@pytest.mark.parametrize(("count", "limit", "shown", "total", "hidden", "last"), LISTINGS)
def test_a_long_list_is_capped_and_says_how_many_more(count, limit, shown, total, hidden, last):
    error = Problems([Problem(n, None, f"lỗi {n}") for n in range(1, count + 1)])
    page = error.listing(limit)
    assert (len(page["errors"]), page["errors_total"], page["errors_hidden"]) == (shown, total, hidden)
    assert page == listing(error.problems, limit)
    lines = error.text(limit).split("\n") if count else []
    assert (lines[-1] if lines else None) == last
    assert len(lines) == shown + (1 if hidden else 0)


class FileError(Problems):
    """An importer's own kind, caught by its page."""


def test_raise_if_any_sorts_by_row_keeps_the_kind_and_raises_nothing_for_none():
    raise_if_any([], FileError)
    with pytest.raises(FileError) as raised:
        raise_if_any([Problem(9, "A", "c"), Problem(None, None, "tệp"), Problem(2, "B", "a")], FileError)
    assert raised.value.messages == ["tệp", "Dòng 2, cột B: a", "Dòng 9, cột A: c"]
    assert raised.value.errors is raised.value.problems
    assert str(raised.value) == "tệp; Dòng 2, cột B: a; Dòng 9, cột A: c"
