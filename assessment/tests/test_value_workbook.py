"""The values workbook without a database: what the template holds, and how a filled one reads back."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from assessment.value_workbook import (
    COLUMNS,
    GUIDE_SHEET,
    SHEET,
    SheetHeader,
    TemplateRow,
    ValueFileError,
    ValueRow,
    read_value_file,
    template_workbook,
)

HEADER = SheetHeader("test-commune", "2021-01-01", datetime.date(2022, 3, 1), "Huyện Kỳ Anh", "Bộ tiêu chí thử nghiệm",
                     datetime.date(2021, 1, 1))
ROWS = [
    TemplateRow("18401", "Xã Kỳ Tân", "1. Quy hoạch", "1.1", "Có quy hoạch", "Đạt", True, "", 1, is_bool=True),
    TemplateRow("18401", "Xã Kỳ Tân", "2. Giao thông", "2.1", "Tỷ lệ đường xã được cứng hóa", "≥ 70 %", Decimal("85.5"), "Báo cáo số 12", 3),
    TemplateRow("18401", "Xã Kỳ Tân", "2. Giao thông", "2.2", "Đường thôn sạch", "Đạt", None, "", 0, is_bool=True),
]


def template() -> bytes:
    return template_workbook(HEADER, ROWS)


def edited(content: bytes, cells: dict[str, object], sheet: str = SHEET) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    for ref, value in cells.items():
        book[sheet][ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def errors_of(content: bytes) -> list[str]:
    with pytest.raises(ValueFileError) as caught:
        read_value_file(content)
    return [str(e) for e in caught.value.errors]


def test_the_template_has_the_header_block_the_columns_and_a_guide():
    book = openpyxl.load_workbook(io.BytesIO(template()))
    sheet = book[SHEET]
    assert [tuple(row) for row in sheet.iter_rows(min_row=1, max_row=4, max_col=2, values_only=True)] == [
        ("Bộ tiêu chí:", HEADER.set_name), ("Phiên bản:", "áp dụng từ 01/01/2021"), ("Kỳ:", "03/2022"),
        ("Địa bàn:", "Huyện Kỳ Anh"),
    ]
    assert (sheet["I1"].value, sheet["I2"].value) == ("test-commune", "2021-01-01")  # in the hidden column only
    assert next(sheet.iter_rows(min_row=6, max_row=6, values_only=True)) == COLUMNS
    assert [row for row in sheet.iter_rows(min_row=7, values_only=True)] == [
        ("18401", "Xã Kỳ Tân", "1. Quy hoạch", "1.1", "Có quy hoạch", "Đạt", "Đạt", None, 1),
        ("18401", "Xã Kỳ Tân", "2. Giao thông", "2.1", "Tỷ lệ đường xã được cứng hóa", "≥ 70 %", 85.5, "Báo cáo số 12", 3),
        ("18401", "Xã Kỳ Tân", "2. Giao thông", "2.2", "Đường thôn sạch", "Đạt", None, None, 0),
    ]
    assert sheet.column_dimensions["I"].hidden is True
    assert sheet["G7"].fill.fgColor.rgb == sheet["H9"].fill.fgColor.rgb == "00FFF2CC"
    assert sheet["F7"].fill.fgColor.rgb != "00FFF2CC"
    assert GUIDE_SHEET in book.sheetnames
    assert book[GUIDE_SHEET]["A2"].value.startswith("Chỉ điền cột G (Giá trị)")


def test_a_template_made_before_the_hidden_keys_is_still_read():
    content = edited(template(), {"B1": "test-commune", "I1": None, "B2": "2021-01-01", "I2": None})
    header = read_value_file(content).header
    assert (header.set_code, header.set_version) == ("test-commune", "2021-01-01")


def test_a_filled_template_reads_back_its_rows_with_a_value():
    content = edited(template(), {"G7": "Không đạt", "G9": 1, "H9": "Biên bản 3/2022", "G8": 90.25})
    sheet = read_value_file(content)
    assert sheet.header == SheetHeader("test-commune", "2021-01-01", datetime.date(2022, 3, 1), "Huyện Kỳ Anh")
    assert sheet.rows == [
        ValueRow(7, "18401", "1.1", "Không đạt", None, 1),
        ValueRow(8, "18401", "2.1", "90,25", "Báo cáo số 12", 3),
        ValueRow(9, "18401", "2.2", "1", "Biên bản 3/2022", 0),
    ]
    assert sheet.blank == 0


def test_blank_value_cells_are_skipped_and_counted():
    sheet = read_value_file(edited(template(), {"G7": "  "}))
    assert [row.row for row in sheet.rows] == [8]
    assert sheet.blank == 2


def test_a_period_that_excel_turned_into_a_date_still_reads():
    sheet = read_value_file(edited(template(), {"B3": datetime.date(2022, 3, 1), "G9": "Đạt"}))
    assert sheet.header.period == datetime.date(2022, 3, 1)


def test_every_error_of_the_rows_is_listed_at_once():
    content = edited(template(), {"A7": "", "D8": "", "G8": "80", "I8": "abc", "G9": "Đạt", "A9": "18401", "D9": "1.1"})
    assert errors_of(content) == [
        "Dòng 7, cột A (Mã xã): Thiếu mã xã.",
        "Dòng 8, cột D (Mã chỉ tiêu): Thiếu mã chỉ tiêu.",
        "Dòng 8, cột I (Phiên bản): Phiên bản 'abc' không phải số; cột này không được sửa. Hãy tải lại tệp mẫu.",
    ]


BAD_FILES = [
    pytest.param(b"%PDF-1.4 not a workbook", "Tệp không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu tải về từ hệ thống.", id="not-excel"),
    pytest.param("Mã xã;Giá trị\n18401;80\n".encode(), "Tệp không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu tải về từ hệ thống.", id="csv"),
    pytest.param("Sheet1", "Không tìm thấy trang tính 'Số liệu' (tệp có: 'Sheet1', 'Hướng dẫn'). Hãy dùng tệp mẫu tải về từ hệ thống.", id="wrong-sheet"),
    pytest.param({"A3": "Tháng:"}, "Dòng 1: Phần đầu tệp không đúng mẫu: cột A dòng 1–4 phải là 'Bộ tiêu chí:', 'Phiên bản:', 'Kỳ:', 'Địa bàn:'. Hãy dùng tệp mẫu tải về từ hệ thống.", id="header-block"),
    pytest.param({"G6": "Số liệu"}, "Dòng 6: Tiêu đề cột không đúng mẫu. Cần đúng thứ tự: Mã xã, Tên xã, Tiêu chí, Mã chỉ tiêu, Nội dung chỉ tiêu, Ngưỡng áp dụng, Giá trị, Ghi chú minh chứng, Phiên bản.", id="columns"),
    pytest.param({"B3": "13/2022"}, "Dòng 3, cột B (Kỳ): Kỳ '13/2022' không đúng dạng MM/YYYY (ví dụ 03/2022).", id="bad-period"),
    pytest.param({"I1": None, "B1": None}, "Dòng 1, cột B (Bộ tiêu chí): Thiếu thông tin bộ tiêu chí ở phần đầu tệp. Hãy dùng tệp mẫu tải về từ hệ thống.", id="no-set-code"),
    pytest.param({"A8": "18401", "D8": "1.1"}, "Dòng 8, cột D (Mã chỉ tiêu): Chỉ tiêu 1.1 của xã 18401 trùng với dòng 7.", id="duplicate"),
    pytest.param({"A8": "18401x"}, "Dòng 8, cột A (Mã xã): Mã xã '18401x' phải là dãy chữ số.", id="commune-code-not-digits"),
    pytest.param({"G7": None, "G8": None}, "Tệp không có giá trị nào để ghi: mọi ô cột G (Giá trị) đều trống.", id="no-value"),
]


@pytest.mark.parametrize(("change", "message"), BAD_FILES)
def test_a_malformed_file_is_refused_with_its_row_and_column(change, message):
    if isinstance(change, bytes):
        content = change
    elif isinstance(change, str):
        book = openpyxl.load_workbook(io.BytesIO(template()))
        book[SHEET].title = change
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    else:
        content = edited(template(), change)
    assert errors_of(content) == [message]
