"""The treasury statement: template, reading, and the all-or-nothing, import-once writing of disbursements."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEntry
from finance import stamps
from finance.imports import statement
from finance.imports.common import FinanceFileError
from finance.imports.statement import SHEET, StatementResult, import_statement, read_statement
from finance.models import Disbursement, Project

KEY = "KBNN-HT-2023-05"
CENTRAL = "Ngân sách Trung ương — đầu tư phát triển"
EXCEL_DATE = datetime.datetime(2023, 3, 10)  # noqa: DTZ001 — a date cell, as openpyxl reads it: naive
GOOD = [
    [1, "DA-01", "Đường trục xã Kỳ Tân", CENTRAL, 2023, EXCEL_DATE, 300_000_000, "Tạm ứng"],
    [2, "DA-01", "Đường trục xã Kỳ Tân", "central_investment", "2023", "20/11/2023", "650.000.000 đ", ""],
    [3, "DA-02", "Trường mầm non", "ngan sach tinh", 2023, datetime.date(2023, 5, 2), "45.500.000", None],
]


@pytest.fixture
def statement_file(filled):
    def make(rows: list[list], key: object = KEY, first_row: int = 6) -> bytes:
        header = {"B1": key, "B2": "Kho bạc Nhà nước Hà Tĩnh", "B3": "31/05/2023"}
        return filled(statement.statement_template(), SHEET, first_row, rows, header)
    return make


def imported(content: bytes, province, by) -> StatementResult:
    return import_statement(read_statement(content), province=province, by=by)


def refused(content: bytes, province, by) -> list[str]:
    with pytest.raises(FinanceFileError) as caught:
        imported(content, province, by)
    return [str(error) for error in caught.value.errors]


def written() -> tuple[int, int]:
    return Disbursement.objects.count(), AuditEntry.objects.count()


def test_the_template_has_the_header_the_columns_and_a_guide_that_explains_the_key_and_re_imports():
    workbook = openpyxl.load_workbook(io.BytesIO(statement.statement_template()))
    assert workbook.sheetnames == [SHEET, "Nguồn vốn", "Hướng dẫn"]
    rows = list(workbook[SHEET].iter_rows(max_row=5, values_only=True))
    assert [row[0] for row in rows[:3]] == ["Số bảng kê:", "Kho bạc:", "Ngày lập:"]
    assert rows[4] == statement.TITLES
    guide = " ".join(row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True))
    assert "Số bảng kê" in guide and "không dòng nào được ghi" in guide and "không làm thay đổi gì" in guide


def test_reading_keeps_each_line_with_its_excel_row_and_skips_blank_rows(statement_file):
    sheet = read_statement(statement_file([GOOD[0], [None] * 8, GOOD[1]]))
    assert (sheet.key, sheet.treasury, sheet.issued) == (KEY, "Kho bạc Nhà nước Hà Tĩnh", datetime.date(2023, 5, 31))
    assert [(line.line, line.project_code, line.source, line.year, line.day, line.amount) for line in sheet.lines] == [
        (6, "DA-01", "central_investment", 2023, datetime.date(2023, 3, 10), Decimal(300_000_000)),
        (8, "DA-01", "central_investment", 2023, datetime.date(2023, 11, 20), Decimal(650_000_000)),
    ]


def test_a_good_statement_becomes_disbursements_with_one_audit_entry(statement_file, road, school, officer, geo_map):
    result = imported(statement_file(GOOD), geo_map.province, officer)
    assert result == StatementResult(KEY, written=3, total=Decimal(995_500_000), projects=2, already_imported=False)
    rows = Disbursement.objects.order_by("line").values_list(
        "plan__project__code", "plan__source", "day", "amount", "statement_key", "line", "created_by")
    assert list(rows) == [
        ("DA-01", "central_investment", datetime.date(2023, 3, 10), Decimal(300_000_000), KEY, 6, officer.pk),
        ("DA-01", "central_investment", datetime.date(2023, 11, 20), Decimal(650_000_000), KEY, 7, officer.pk),
        ("DA-02", "provincial", datetime.date(2023, 5, 2), Decimal(45_500_000), KEY, 8, officer.pk),
    ]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.unit, entry.after) == (
        "import_statement", officer, geo_map.province, {"statement_key": KEY, "lines": 3, "total": "995500000",
                                                        "treasury": "Kho bạc Nhà nước Hà Tĩnh", "issued": "2023-05-31"})


def test_the_number_of_queries_does_not_grow_with_the_lines(statement_file, road, school, officer, geo_map):
    def queries(key: str, lines: int) -> int:
        rows = [[n, "DA-01", "", CENTRAL, 2023, "10/03/2023", 1000 + n, ""] for n in range(lines)]
        sheet = read_statement(statement_file(rows, key=key))
        with CaptureQueriesContext(connection) as captured:
            import_statement(sheet, province=geo_map.province, by=officer)
        return len(captured.captured_queries)

    stamps.bump(geo_map.province.pk)  # the province's figures stamp exists (the first write ever creates it)
    # 100 lines stay within one INSERT batch, even on SQLite (999 parameters: 166 disbursements)
    assert queries("KB-3", 3) == queries("KB-100", 100)
    assert Disbursement.objects.count() == 103


def test_importing_the_same_statement_again_writes_nothing_and_says_so(statement_file, road, school, officer, geo_map):
    imported(statement_file(GOOD), geo_map.province, officer)
    before = written()
    again = imported(statement_file(GOOD), geo_map.province, officer)
    assert again == StatementResult(KEY, written=0, total=Decimal(995_500_000), projects=2, already_imported=True)
    assert written() == before


def test_the_same_number_with_other_content_is_refused(statement_file, road, school, officer, geo_map):
    imported(statement_file(GOOD), geo_map.province, officer)
    before = written()
    corrected = [*GOOD[:2], [3, "DA-02", "", "ngan sach tinh", 2023, datetime.date(2023, 5, 2), 46_000_000, ""]]
    assert refused(statement_file(corrected), geo_map.province, officer) == [
        f"Dòng 1, cột B (Số bảng kê): Bảng kê số {KEY} đã được nhập trước đây với nội dung khác. Bảng kê điều chỉnh phải có số mới."
    ]
    assert written() == before
    assert list(Disbursement.objects.filter(line=8).values_list("amount", flat=True)) == [Decimal(45_500_000)]


BAD_LINES = [
    pytest.param(["DA-99", CENTRAL, 2023, "10/03/2023", 5], "Dòng 7, cột B (Mã dự án): Mã dự án 'DA-99' không có trong danh mục dự án của Tỉnh Mẫu.", id="unknown project"),
    pytest.param(["DA-01", CENTRAL, 2023, "10/03/2023", -5], "Dòng 7, cột G (Số tiền (đồng)): '-5': số tiền (đồng) không được nhỏ hơn 0.", id="negative amount"),
    pytest.param(["DA-01", CENTRAL, 2023, "10/03/2023", "-5.000"], "Dòng 7, cột G (Số tiền (đồng)): '-5.000': số tiền (đồng) không được nhỏ hơn 0.", id="negative text"),
    pytest.param(["DA-01", CENTRAL, 2023, "10/03/2023", 0], "Dòng 7, cột G (Số tiền (đồng)): Số tiền giải ngân phải lớn hơn 0.", id="zero amount"),
    pytest.param(["DA-01", CENTRAL, 2023, "10/03/2023", 1500.5], "Dòng 7, cột G (Số tiền (đồng)): '1500.5': số tiền (đồng) phải là số nguyên.", id="fraction"),
    pytest.param(["DA-01", CENTRAL, 2023, "10/03/2023", "1,250,000"], "Dòng 7, cột G (Số tiền (đồng)): '1,250,000' không phải là số. Ghi số đồng, ví dụ 1.250.000.000.", id="comma grouping"),
    pytest.param(["DA-01", CENTRAL, 2023, "10/03/2023", "nhiều"], "Dòng 7, cột G (Số tiền (đồng)): 'nhiều' không phải là số. Ghi số đồng, ví dụ 1.250.000.000.", id="amount not a number"),
    pytest.param(["DA-01", CENTRAL, 2023, "05/01/2024", 5], "Dòng 7, cột F (Ngày giải ngân): Ngày giải ngân 05/01/2024 không thuộc năm kế hoạch 2023.", id="date outside the year"),
    pytest.param(["DA-01", CENTRAL, 2023, "31/02/2023", 5], "Dòng 7, cột F (Ngày giải ngân): Ngày '31/02/2023' không đúng dạng ngày/tháng/năm, ví dụ 20/11/2017.", id="no such date"),
    pytest.param(["DA-01", "Ngân sách tỉnh", 2023, "10/03/2023", 5], "Dòng 7, cột D (Nguồn vốn): Dự án DA-01 chưa có kế hoạch vốn năm 2023 nguồn 'Ngân sách tỉnh'.", id="no plan of that source"),
    pytest.param(["DA-01", CENTRAL, 2022, "10/03/2022", 5], "Dòng 7, cột D (Nguồn vốn): Dự án DA-01 chưa có kế hoạch vốn năm 2022 nguồn 'Ngân sách Trung ương — đầu tư phát triển'.", id="no plan of that year"),
    pytest.param(["DA-01", CENTRAL, "năm nay", "10/03/2023", 5], "Dòng 7, cột E (Năm kế hoạch): Năm 'năm nay' không hợp lệ; ghi bốn chữ số, ví dụ 2023.", id="bad year"),
    pytest.param(["", CENTRAL, 2023, "10/03/2023", 5], "Dòng 7, cột B (Mã dự án): Thiếu mã dự án.", id="no project code"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_a_bad_line_is_named_by_row_and_column_and_nothing_is_written(statement_file, road, school, officer, geo_map, line, message):
    code, source, year, day, amount = line
    rows = [GOOD[0], [2, code, "", source, year, day, amount, ""]]
    assert refused(statement_file(rows), geo_map.province, officer) == [message]
    assert written() == (0, 0)


def test_an_unknown_source_lists_the_sources(statement_file, road, officer, geo_map):
    [message] = refused(statement_file([[1, "DA-01", "", "Ngân sách thôn", 2023, "10/03/2023", 5, ""]]), geo_map.province, officer)
    assert message.startswith("Dòng 6, cột D (Nguồn vốn): Nguồn vốn 'Ngân sách thôn' không có trong danh mục. Ghi một trong: ")
    assert "Vốn ODA" in message


def test_every_problem_of_the_file_is_listed(statement_file, road, officer, geo_map):
    """The file's shape first (cells that cannot be read), then, for a readable file, every line against the data."""
    unreadable = [[1, "DA-01", "", "Ngân sách thôn", 2023, "10/03/2023", 5, ""], GOOD[0], [3, "", "", CENTRAL, 2023, "hôm qua", -1, ""]]
    assert [message.split(":")[0] for message in refused(statement_file(unreadable), geo_map.province, officer)] == [
        "Dòng 6, cột D (Nguồn vốn)", "Dòng 8, cột B (Mã dự án)", "Dòng 8, cột F (Ngày giải ngân)", "Dòng 8, cột G (Số tiền (đồng))",
    ]
    readable = [[1, "DA-98", "", CENTRAL, 2023, "10/03/2023", 5, ""], GOOD[0], [3, "DA-01", "", "provincial", 2023, "10/03/2024", 7, ""]]
    assert refused(statement_file(readable), geo_map.province, officer) == [
        "Dòng 6, cột B (Mã dự án): Mã dự án 'DA-98' không có trong danh mục dự án của Tỉnh Mẫu.",
        "Dòng 8, cột D (Nguồn vốn): Dự án DA-01 chưa có kế hoạch vốn năm 2023 nguồn 'Ngân sách tỉnh'.",
        "Dòng 8, cột F (Ngày giải ngân): Ngày giải ngân 10/03/2024 không thuộc năm kế hoạch 2023.",
    ]
    assert written() == (0, 0)


def test_projects_are_matched_in_the_importing_province_only(statement_file, road, officer, geo_map):
    assert Project.objects.filter(code="DA-01").count() == 1
    assert refused(statement_file([GOOD[0]]), geo_map.other_province, officer) == [
        "Dòng 6, cột B (Mã dự án): Mã dự án 'DA-01' không có trong danh mục dự án của Tỉnh Khác."
    ]
    assert written() == (0, 0)


@pytest.mark.parametrize(("key", "message"), [
    (None, "Dòng 1, cột B (Số bảng kê): Thiếu số bảng kê."),
    ("   ", "Dòng 1, cột B (Số bảng kê): Thiếu số bảng kê."),
    ("K" * 121, "Dòng 1, cột B (Số bảng kê): Số bảng kê dài quá 120 ký tự."),
])
def test_a_statement_needs_its_number(statement_file, road, officer, geo_map, key, message):
    assert refused(statement_file([GOOD[0]], key=key), geo_map.province, officer) == [message]
    assert written() == (0, 0)


def test_another_workbook_is_refused_naming_the_sheets_it_has(road, officer, geo_map):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.create_sheet("Giải ngân")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused(buffer.getvalue(), geo_map.province, officer) == [
        "Không tìm thấy trang tính 'Bảng kê giải ngân' (tệp có: 'Sheet1', 'Giải ngân'). Hãy dùng tệp mẫu tải về từ hệ thống."
    ]


def test_a_file_that_is_not_excel_is_refused(officer, geo_map):
    assert refused(b"STT;Ma du an;So tien\n1;DA-01;5\n", geo_map.province, officer) == [
        "Tệp không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu tải về từ hệ thống."
    ]


def test_columns_moved_around_are_refused(filled, officer, geo_map):
    content = filled(statement.statement_template(), SHEET, 5, [["STT", "Số tiền (đồng)", "Mã dự án"]], {"B1": KEY})
    [message] = refused(content, geo_map.province, officer)
    assert message.startswith("Dòng 5: Tiêu đề cột không đúng mẫu. Cần đúng thứ tự: STT, Mã dự án, Tên dự án,")


def test_a_statement_without_lines_is_refused(statement_file, officer, geo_map):
    assert refused(statement_file([]), geo_map.province, officer) == ["Dòng 6: Bảng kê không có khoản giải ngân nào."]


def test_a_statement_longer_than_the_limit_is_refused(statement_file, road, officer, geo_map, monkeypatch):
    monkeypatch.setattr(statement, "MAX_ROWS", 7)
    assert refused(statement_file(GOOD), geo_map.province, officer) == ["Dòng 8: Tệp có quá 7 dòng; hãy chia thành nhiều tệp."]
