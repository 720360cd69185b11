"""The one Excel writer: what every sheet it writes holds, read back with openpyxl as an office suite reads it."""

import datetime
import io
import unicodedata
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from ntm.excel import (
    EDITABLE_FILL,
    Cell,
    Choices,
    Column,
    Field,
    Kind,
    Note,
    Notes,
    Row,
    Sheet,
    Title,
    number_format,
    sheet_name,
    text_width,
    workbook,
    xlsx_response,
)

LONG_TASK = ("Chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân các xã rà soát, tổng hợp kết quả thực hiện các "
             "tiêu chí xã nông thôn mới, báo cáo Ban Chỉ đạo tỉnh trước ngày 30/11")


def book_of(*sheets) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook(*sheets)))


def sheet_of(*args, **kwargs):
    return book_of(Sheet(*args, **kwargs)).worksheets[0]


@pytest.mark.parametrize(("title", "taken", "name"), [
    ("Tổng hợp", (), "Tổng hợp"),
    ("Giải ngân theo chủ đầu tư", (), "Giải ngân theo chủ đầu tư"),  # 25 characters: kept whole
    ("Nợ đọng xây dựng cơ bản đến ngày 30/09/2024", (), "Nợ đọng xây dựng cơ bản"),  # cut at a word, no "đến"
    ("Giải ngân theo chủ đầu tư năm 2024, số liệu đến ngày 30/09/2024", (), "Giải ngân theo chủ đầu tư"),
    ("Xã đăng ký đạt chuẩn năm 2024 — Tỉnh Hà Tĩnh", (), "Xã đăng ký đạt chuẩn năm 2024"),  # before the dash
    ("Chỉ tiêu nêu trong thông báo kết luận — Tỉnh Hà Tĩnh", (), "Chỉ tiêu nêu trong thông báo"),
    ("Báo cáo [tháng] 09/2024: *tổng hợp*?", (), "Báo cáo tháng 09-2024 tổng hợp"),  # what Excel refuses goes
    ("'Trích dẫn'", (), "Trích dẫn"),  # a name may not begin or end with an apostrophe
    ("Nhiệmvụcủatấtcảcácsởngànhtrongtỉnhnăm2024", (), "Nhiệmvụcủatấtcảcácsởngànhtrongt"),  # one word: cut
    ("", (), "Trang tính"),
    ("Dự án", ("Dự án",), "Dự án (2)"),
    ("Dự án", ("dự án", "DỰ ÁN (2)"), "Dự án (3)"),  # Excel compares names without case
    ("History", (), "History (2)"),  # reserved by Excel
    ("Nợ đọng xây dựng cơ bản đến ngày 30/09/2024", ("Nợ đọng xây dựng cơ bản",), "Nợ đọng xây dựng cơ bản (2)"),
])
def test_sheet_names_are_short_whole_words_and_unique(title, taken, name):
    assert sheet_name(title, taken) == name
    assert len(name) <= 31


def test_two_sheets_of_the_same_title_get_two_names():
    book = book_of(Sheet("Dự án", [Column("Mã")]), Sheet("Dự án", [Column("Mã")]))
    assert book.sheetnames == ["Dự án", "Dự án (2)"]


@pytest.mark.parametrize(("kind", "decimals", "code"), [
    (Kind.INTEGER, None, "#,##0"),
    (Kind.MONEY, None, "#,##0"),
    (Kind.DECIMAL, None, "#,##0.0"),
    (Kind.DECIMAL, 2, "#,##0.00"),
    (Kind.DECIMAL, 0, "#,##0"),
    (Kind.PERCENT, None, "#,##0.0"),
    (Kind.DATE, None, "dd/mm/yyyy"),
    (Kind.YEAR, None, "0"),
    (Kind.NUMBER, None, "General"),
    (Kind.TEXT, None, "@"),
])
def test_each_kind_has_its_format_code(kind, decimals, code):
    assert number_format(kind, decimals) == code


AWARE = datetime.datetime(2017, 11, 20, 23, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("column", "value", "stored", "code", "data_type"), [
    (Column("Số xã", Kind.INTEGER), 3310, 3310, "#,##0", "n"),
    (Column("Số tiền", Kind.MONEY), Decimal("1250000000"), 1250000000, "#,##0", "n"),
    (Column("Số tiền", Kind.MONEY), Decimal("1250000000.00"), 1250000000, "#,##0", "n"),
    (Column("Bình quân", Kind.DECIMAL), Decimal("15.46"), 15.46, "#,##0.0", "n"),  # shown 15,5; stored exact
    (Column("Tỷ lệ (%)", Kind.PERCENT), Decimal("80.5"), 80.5, "#,##0.0", "n"),
    (Column("Ngày", Kind.DATE), datetime.date(2017, 11, 20), datetime.datetime(2017, 11, 20), "dd/mm/yyyy", "d"),  # noqa: DTZ001
    (Column("Ngày", Kind.DATE), AWARE, datetime.datetime(2017, 11, 20), "dd/mm/yyyy", "d"),  # noqa: DTZ001
    (Column("Năm", Kind.YEAR), 2024, 2024, "0", "n"),
    (Column("Ghi chú"), "=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")", "@", "s"),  # never a formula
    (Column("Ghi chú"), "= 0 nhà tạm", "= 0 nhà tạm", "@", "s"),
    (Column("Mã xã"), 18401, "18401", "@", "s"),  # a number in a text column is its text
    (Column("Mã xã"), "00001", "00001", "@", "s"),  # zeros kept
    (Column("Số xã", Kind.INTEGER), "Chưa có số liệu", "Chưa có số liệu", "@", "s"),
    (Column("Số xã", Kind.INTEGER), None, None, "#,##0", "n"),
    (Column("Khởi công mới"), True, "Có", "@", "s"),
    (Column("Giá trị", Kind.INTEGER), Cell(Decimal("1.67"), Kind.DECIMAL, decimals=2), 1.67, "#,##0.00", "n"),
    (Column("Ghi chú"), "Báo cáo\x00\x07 số 12", "Báo cáo số 12", "@", "s"),  # characters XML refuses dropped
])
def test_each_value_is_written_as_its_column_says(column, value, stored, code, data_type):
    cell = sheet_of("Bảng", [column], [[value]])["A3"]
    assert (cell.value, cell.number_format, cell.data_type) == (stored, code, data_type)


def test_a_vietnamese_letter_measures_as_its_base_however_it_is_encoded():
    name = "Nguyễn Thị Kỳ Ánh"
    assert text_width(unicodedata.normalize("NFD", name)) == text_width(name) == text_width("Nguyen Thi Ky Anh")
    assert text_width("Xã") < text_width("XÃ")  # capitals are wider
    assert text_width("越南") == 4.0  # wide Asian characters count two
    assert text_width("một dòng\nvà một dòng dài hơn") == text_width("và một dòng dài hơn")


@pytest.mark.parametrize(("column", "values", "width"), [
    (Column("TT", Kind.INTEGER), [1, 2, 3], 6),  # never narrower than 6
    (Column("Xã"), ["Xã Kỳ Tân", "Xã Kỳ Lạc"], 11),  # the content, and room on both sides
    (Column("Kế hoạch vốn (đồng)", Kind.MONEY), [Decimal("1250000000")], 15),  # 1.250.000.000 and a wider font
    (Column("Hạn", Kind.DATE), [datetime.date(2022, 8, 31)], 13),  # 20/11/2017
    (Column("Nhiệm vụ"), [LONG_TASK], 50),  # a long text stops at 50 and wraps
    (Column("Nhiệm vụ", width=70), [LONG_TASK], 70),  # or where its column says
    (Column("Ghi chú minh chứng", min_width=40), [None], 40),  # an empty column to type in keeps its room
    (Column("Căn cứ thu hồi theo số tiêu chí không đạt (QĐ 18/2022/QĐ-TTg)"), ["x"], 32),  # title on two lines
    (Column("Tổng mức đầu tư (đồng)", Kind.MONEY), [0], 13),  # title on two lines
])
def test_widths_fit_the_content_within_bounds(column, values, width):
    sheet = sheet_of("Bảng", [column], [[value] for value in values])
    assert sheet.column_dimensions["A"].width == width


def test_long_text_wraps_and_its_row_is_as_tall_as_its_lines():
    sheet = sheet_of("Nhiệm vụ quá hạn", [Column("TT", Kind.INTEGER), Column("Nhiệm vụ")], [[1, LONG_TASK], [2, "Ngắn"]])
    assert (sheet["B3"].alignment.wrap_text, sheet["B3"].alignment.vertical) == (True, "top")
    assert sheet.row_dimensions[3].height == 4 * 15 + 1  # 160 characters on a column of 50
    assert sheet.row_dimensions[4].height is None  # one line: the default height
    assert sheet["A3"].alignment.wrap_text is not True  # numbers never wrap


def test_the_title_heads_the_sheet_and_the_column_titles_are_frozen_filtered_and_printed_on_every_page():
    sheet = sheet_of("Nợ đọng xây dựng cơ bản đến ngày 30/09/2024",
                     [Column("Xã"), Column("Số công trình", Kind.INTEGER), Column("Nợ còn lại (đồng)", Kind.MONEY)],
                     [["Xã Kỳ Lạc", 1, Decimal(450_000_000)], ["Xã Kỳ Tân", 2, Decimal(0)]])
    assert sheet.title == "Nợ đọng xây dựng cơ bản"
    assert (sheet["A1"].value, sheet["A1"].font.b, sheet["A1"].font.sz) == ("Nợ đọng xây dựng cơ bản đến ngày 30/09/2024", True, 13)
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:C1"]  # the title spans the table, wrapped
    assert [c.value for c in sheet[2]] == ["Xã", "Số công trình", "Nợ còn lại (đồng)"]
    assert (sheet["A2"].font.b, sheet["A2"].alignment.wrap_text) == (True, True)
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:C4"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.dimensions == "A1:C4"


def test_every_sheet_prints_on_a4_fitted_to_the_width_with_its_title_and_page_numbers():
    sheet = sheet_of("Vốn & nợ đọng", [Column("Xã"), Column("Nợ (đồng)", Kind.MONEY)], [["Xã Kỳ Tân", 1]])
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "portrait", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.oddHeader.center.text == "Vốn && nợ đọng"  # "&" alone would start a code
    assert sheet.oddFooter.center.text == "Trang &P/&N"
    assert sheet.print_options.horizontalCentered is True


@pytest.mark.parametrize(("columns", "orientation"), [
    ([Column("Xã"), Column("Nhiệm vụ", width=60)], "portrait"),  # 71 units: upright
    ([Column("Xã"), Column("Nhiệm vụ", width=60), Column("Cơ quan chủ trì", width=40)], "landscape"),  # 111 units
])
def test_a_wide_table_prints_landscape(columns, orientation):
    rows = [["Xã Kỳ Tân", LONG_TASK, "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Tĩnh, phòng Kế hoạch"]]
    assert sheet_of("Bảng", columns, rows).page_setup.orientation == orientation


def test_a_template_head_puts_the_column_titles_where_its_reader_looks():
    sheet = sheet_of("Bảng kê", [Column("Mã dự án"), Column("Ngày", Kind.DATE), Column("Số tiền (đồng)", Kind.MONEY)],
                     [], head=(Field("Số bảng kê:"), Field("Ngày lập:", kind=Kind.DATE), Note(), Note("Xem hướng dẫn.")),
                     input_rows=500)
    assert [sheet.cell(row, 1).value for row in range(1, 6)] == ["Số bảng kê:", "Ngày lập:", None, "Xem hướng dẫn.", "Mã dự án"]
    assert (sheet["A1"].font.b, sheet["B1"].number_format, sheet["B2"].number_format) == (True, "@", "dd/mm/yyyy")
    assert sheet["A4"].font.i is True
    assert (sheet.freeze_panes, sheet.print_title_rows, sheet.auto_filter.ref) == ("A6", "$5:$5", "A5:C5")
    # what is typed later takes the column's format
    assert [sheet.column_dimensions[c].number_format for c in "ABC"] == ["@", "dd/mm/yyyy", "#,##0"]


def test_a_head_without_a_title_starts_with_the_column_titles():
    sheet = sheet_of("Danh sách thôn", [Column("Mã xã")], [["18401"]], head=())
    assert [row for row in sheet.iter_rows(values_only=True)] == [("Mã xã",), ("18401",)]
    assert (sheet.freeze_panes, sheet.print_title_rows) == ("A2", "$1:$1")
    assert sheet.oddHeader.center.text == "Danh sách thôn"  # the title is still on the printed page


def test_columns_kept_in_view_hidden_and_shaded_for_input():
    sheet = sheet_of("Số liệu", [Column("Mã xã"), Column("Tên xã"), Column("Giá trị", Kind.NUMBER, editable=True),
                                 Column("Phiên bản", Kind.NUMBER, hidden=True)], [["18401", "Xã Kỳ Tân", 85.5, 3]],
                     frozen_columns=2)
    assert sheet.freeze_panes == "C3"
    assert sheet.column_dimensions["D"].hidden is True
    assert sheet["C3"].fill.fgColor.rgb == "00" + EDITABLE_FILL.fgColor.rgb[2:]
    assert sheet["B3"].fill.fill_type is None


def test_a_group_row_is_bold_on_a_light_fill():
    sheet = sheet_of("Bộ tiêu chí", [Column("TT"), Column("Tên")], [Row(["1", "Quy hoạch"], emphasis=True), ["", "1.1"]])
    assert (sheet["B3"].font.b, sheet["B3"].fill.fill_type) == (True, "solid")
    assert (sheet["B4"].font.b, sheet["B4"].fill.fill_type) == (False, None)


def test_drop_downs_cover_a_column_down_to_the_rows_to_type_or_single_cells():
    yes_no = Choices(("Đạt", "Không đạt"))
    sheet = sheet_of("Số liệu", [Column("Nhóm", choices=Choices(("1", "2", "3"), strict=True)), Column("Giá trị")],
                     [["1", Cell("Đạt", choices=yes_no)], ["2", 85], ["3", Cell(None, choices=yes_no)]], input_rows=200)
    found = {(v.formula1, str(v.sqref), v.showErrorMessage) for v in sheet.data_validations.dataValidation}
    assert found == {('"1,2,3"', "A3:A200", True), ('"Đạt,Không đạt"', "B3 B5", False)}


def test_blank_rows_to_type_in_carry_their_columns_formats():
    sheet = sheet_of("Bộ tiêu chí", [Column("TT"), Column("Ngày", Kind.DATE)], [], blank_rows=3)
    assert [(sheet.cell(row, 1).number_format, sheet.cell(row, 2).number_format) for row in (3, 5)] == [
        ("@", "dd/mm/yyyy"), ("@", "dd/mm/yyyy")]
    assert sheet.dimensions == "A1:B5"


def test_the_dimension_is_declared_at_the_top_of_the_sheet():
    content = workbook(Sheet("Bảng", [Column("Xã"), Column("Số", Kind.INTEGER)], [["Xã Kỳ Tân", 1]] * 3))
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert xml.index(b'<dimension ref="A1:B5"/>') < xml.index(b"<sheetData>")


def test_a_guide_is_one_wide_wrapped_column_printed_upright():
    sheet = book_of(Notes("Hướng dẫn", ["Dòng một.", "=Dòng hai"], title="Hướng dẫn nhập")).worksheets[0]
    assert [row for row in sheet.iter_rows(values_only=True)] == [("Dòng một.",), ("=Dòng hai",)]
    assert (sheet["A2"].data_type, sheet["A1"].alignment.wrap_text, sheet.column_dimensions["A"].width) == ("s", True, 110)
    assert (sheet.page_setup.orientation, sheet.oddHeader.center.text, sheet.oddFooter.center.text) == (
        "portrait", "Hướng dẫn nhập", "Trang &P/&N")


def test_a_title_line_in_a_head_spans_the_table():
    sheet = sheet_of("Nhóm xã", [Column("Mã xã"), Column("Nhóm")], [], head=(Title("Nhóm xã — Tỉnh Mẫu"), Field("Căn cứ")))
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:B1"]
    assert sheet.row_dimensions[1].height is not None


def test_the_download_is_named_and_typed():
    response = xlsx_response("no-dong", Sheet("Nợ đọng", [Column("Xã")], [["Xã Kỳ Tân"]]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="no-dong.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["Nợ đọng"]
