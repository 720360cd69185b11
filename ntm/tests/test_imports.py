"""The import skeleton: every row's problems collected by row and column, then all or nothing."""

import pytest

from accounts.models import AuditEntry
from ntm.imports import BadCell, RowProblems, run_import
from ntm.problems import Problem, Problems

COLUMNS = ["A (Mã xã)", "B (Số tiền)"]


def amount(cell: object) -> int:
    if not str(cell or "").isdecimal():
        raise BadCell(f"'{cell}' không phải là số.")
    return int(str(cell))


CELLS = [  # row, cells → what is read, the problems recorded
    (2, ["18401", "500"], 500, []),
    (3, ["18401", "năm trăm"], None, ["Dòng 3, cột B (Số tiền): 'năm trăm' không phải là số."]),
    (4, ["18401", None], None, ["Dòng 4, cột B (Số tiền): 'None' không phải là số."]),
]


@pytest.mark.parametrize(("row", "cells", "read", "problems"), CELLS)
def test_a_cell_is_read_or_its_problem_is_recorded_at_its_row_and_column(row, cells, read, problems):
    found = RowProblems(COLUMNS)
    assert found.read(row, cells, 1, amount) == read
    assert [str(p) for p in found.problems] == problems
    assert len(found) == len(problems)


def test_a_problem_is_placed_by_the_columns_position_or_a_label_as_written():
    found = RowProblems(COLUMNS)
    found.add(5, 0, "Thiếu mã xã.")
    found.add(1, "B1 (Số bảng kê)", "Thiếu số bảng kê.")
    found.add(None, None, "Tệp không có dòng nào.")
    assert [str(p) for p in found.problems] == ["Dòng 5, cột A (Mã xã): Thiếu mã xã.",
                                                "Dòng 1, cột B1 (Số bảng kê): Thiếu số bảng kê.",
                                                "Tệp không có dòng nào."]


class SheetError(Problems):
    pass


def _write(plan: list[str]) -> int:
    for name in plan:
        AuditEntry.objects.create(action="test.import", target_type="t", target_id=name, target_repr=name)
    return len(plan)


RUNS = [  # problems found by the check → written, the error's messages in file order
    ([], 2, None),
    ([Problem(9, "B", "sai")], 0, ["Dòng 9, cột B: sai"]),
    ([Problem(9, "B", "sai"), Problem(None, None, "tệp"), Problem(3, "A", "thiếu")], 0,
     ["tệp", "Dòng 3, cột A: thiếu", "Dòng 9, cột B: sai"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("problems", "written", "messages"), RUNS)
def test_an_import_writes_all_its_rows_or_none_and_lists_every_problem(problems, written, messages):
    def check():
        AuditEntry.objects.create(action="test.lock", target_type="t", target_id="0", target_repr="read")  # undone too
        return ["a", "b"], problems

    if messages is None:
        assert run_import(check, _write, error=SheetError) == 2
        assert AuditEntry.objects.filter(action="test.import").count() == written
        return
    with pytest.raises(SheetError) as raised:
        run_import(check, _write, error=SheetError)
    assert raised.value.messages == messages
    assert AuditEntry.objects.count() == 0
