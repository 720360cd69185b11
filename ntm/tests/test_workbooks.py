"""Reading rows of an uploaded workbook: never more than asked for, whatever the file claims."""

import io

import openpyxl
import pytest
from openpyxl.styles import Font

from ntm.problems import Problems
from ntm.workbooks import data_rows, header_cells, open_sheet

LIMIT = 100


def _book(cells: dict[str, object], *, styled: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Dữ liệu"
    for address, value in cells.items():
        sheet[address] = value
    for address in styled:
        sheet[address].font = Font(bold=True)  # a formatted empty cell: the declared dimension reaches it
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rows(content: bytes, width: int = 3) -> list[tuple[int, list]]:
    sheet = open_sheet(content, "Dữ liệu", Problems)
    return list(data_rows(sheet, first=2, width=width, limit=LIMIT, error=Problems))


def test_rows_are_numbered_as_in_excel_padded_to_the_width_and_blank_ones_skipped():
    content = _book({"A1": "Mã", "A2": "18401", "B2": "Kỳ Tân", "A4": 18402, "D4": "ngoài bảng"})
    assert _rows(content) == [(2, ["18401", "Kỳ Tân", None]), (4, [18402, None, None])]


def test_a_declared_dimension_of_a_million_rows_and_every_column_is_not_read():
    content = _book({"A1": "Mã", "A2": "18401"}, styled=("XFD1048576",))
    assert _rows(content) == [(2, ["18401", None, None])]


def test_a_row_past_the_limit_is_refused_with_its_number():
    with pytest.raises(Problems) as caught:
        _rows(_book({"A2": "1", f"B{LIMIT + 1}": "x"}))
    assert str(caught.value.errors[0]) == f"Dòng {LIMIT + 1}: Tệp có quá {LIMIT} dòng; hãy chia thành nhiều tệp."


@pytest.mark.parametrize(("cells", "expected"), [
    ({"A1": "Mã", "B1": "Tên"}, ["Mã", "Tên", None]),
    ({"B1": "Tên", "E1": "ngoài"}, [None, "Tên", None]),
    ({}, [None, None, None]),
])
def test_the_header_row_has_exactly_the_width_asked(cells, expected):
    sheet = open_sheet(_book(cells), "Dữ liệu", Problems)
    assert header_cells(sheet, 1, 3) == expected
