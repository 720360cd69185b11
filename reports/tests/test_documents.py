"""The monthly report as Word (the state's layout, the computed figures in its sentences) and as Excel (one
sheet per table, numbers kept as numbers)."""

import datetime
import io

import openpyxl
from docx import Document

from reports.figures import office_figures
from reports.monthly_excel import monthly_xlsx
from reports.monthly_word import monthly_docx
from reports.tests.conftest import DAY, YEAR

MONTH = datetime.date(YEAR, 9, 1)
SHEETS = ["Tổng hợp", "Xã đăng ký", "Giải ngân theo chủ đầu tư", "Nhiệm vụ quá hạn", "Chỉ tiêu năm"]


def word_text(world) -> tuple[str, list[list[str]]]:
    document = Document(io.BytesIO(monthly_docx(office_figures(world.map.province, YEAR, DAY), MONTH)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


def test_the_word_report_has_the_state_layout_and_the_month(world):
    text, cells = word_text(world)
    assert cells[0] == ["UBND TỈNH MẪU\nVĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI",
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]
    assert cells[1] == ["Số:        /BC-VPĐP", "Mẫu, ngày 30 tháng 09 năm 2022"]
    assert "BÁO CÁO\nTình hình thực hiện Chương trình MTQG xây dựng nông thôn mới tháng 09/2022" in text
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. NHIỆM VỤ TRỌNG TÂM THÁNG 10/2022"):
        assert heading in text
    assert cells[-1][0].startswith("Nơi nhận:") and cells[-1][1].startswith("CHÁNH VĂN PHÒNG")


def test_the_word_report_quotes_the_computed_figures(world):
    text, cells = word_text(world)
    assert "Có 1/3 xã đạt chuẩn nông thôn mới (đạt đủ 3 tiêu chí); bình quân đạt 1,67 tiêu chí/xã." in text
    assert "có 01/02 xã đạt 3 tiêu chí, bình quân 2,50 tiêu chí/xã" in text
    assert "1 xã còn nợ đọng xây dựng cơ bản (450 triệu đồng)" in text
    assert "đã công nhận 1 xã đạt chuẩn nông thôn mới" in text and "lũy kế toàn tỉnh có 2 xã" in text
    assert "2 vườn mẫu nông thôn mới (lũy kế 3)" in text
    assert ("Tổng kế hoạch vốn năm 2022: 3 tỷ đồng; đã giải ngân đến ngày 30/09/2022: 1 tỷ đồng, "
            "đạt 33,3 %") in text
    assert ("giao 7 nhiệm vụ; 5 nhiệm vụ đã đến hạn, trong đó hoàn thành đúng hạn 1, hoàn thành quá hạn 1, "
            "quá hạn chưa hoàn thành 3; 1 nhiệm vụ chưa đến hạn") in text
    assert "- Tiêu chí số 2 (Giao thông; Sở Giao thông vận tải phụ trách): 1/3 xã đạt (33,3 %)." in text
    assert "Còn 1 xã dưới 1 tiêu chí (Xã Đức Lạng); 0 xã đạt 1 tiêu chí." in text  # the bands of three criteria
    assert "1 chủ đầu tư giải ngân dưới mức 60 %: UBND huyện Kỳ Anh (15,0 %)." in text
    assert "1. Sở Giao thông vận tải: chủ trì hướng dẫn, hỗ trợ" in text
    assert ["2", "UBND huyện Kỳ Anh", "2.000", "300", "15,0 %"] in cells
    assert ["Bình quân số tiêu chí đạt trên mỗi xã", "2,5", "1,67", "66,8 %", "—", "Chậm tiến độ"] in cells


def test_the_workbook_has_a_sheet_per_table_with_numbers_as_numbers(world):
    content = monthly_xlsx(office_figures(world.map.province, YEAR, DAY), MONTH)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == SHEETS
    summary = {row[1]: row[2] for row in book["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary["Bình quân số tiêu chí đạt"] == 1.67
    assert summary["Số xã đạt chuẩn nông thôn mới"] == 1
    assert summary["Kế hoạch vốn năm 2022"] == 3_000_000_000
    assert summary["Tỷ lệ giải ngân"] == 33.3
    assert summary["Quá hạn chưa hoàn thành"] == 3
    average = next(row for row in book["Tổng hợp"].iter_rows(min_row=3)
                   if row[1].value == "Bình quân số tiêu chí đạt")
    assert average[2].number_format == "#,##0.00"
    registered = list(book["Xã đăng ký"].iter_rows(min_row=3, values_only=True))
    assert registered[1][:8] == ("Xã Kỳ Lạc", "Huyện Kỳ Anh", "Đạt chuẩn", 2, 3, 1, 1, 450_000_000)
    investors = list(book["Giải ngân theo chủ đầu tư"].iter_rows(min_row=3, values_only=True))
    assert investors == [(1, "Sở Nông nghiệp và Phát triển nông thôn", 1_000_000_000, 700_000_000, 70.0,
                          None),
                         (2, "UBND huyện Kỳ Anh", 2_000_000_000, 300_000_000, 15.0, "x")]
    overdue = list(book["Nhiệm vụ quá hạn"].iter_rows(min_row=3, values_only=True))
    assert [(row[0], row[4].date(), row[5]) for row in overdue] == [
        (1, datetime.date(2022, 8, 31), 30), (2, datetime.date(2022, 9, 15), 15),
        (3, datetime.date(2022, 9, 20), 10)]
    targets = list(book["Chỉ tiêu năm"].iter_rows(min_row=3, values_only=True))
    assert targets[0][3:7] == (2, 1, 50.0, 1)


def test_the_word_report_of_an_illustrative_province_says_so_once(world):
    from programme.services import mark_illustrative

    assert "Số liệu minh họa" not in word_text(world)[0]
    mark_illustrative(world.map.province)
    text, cells = word_text(world)
    assert text.count("Số liệu minh họa") == 1 and not any("minh họa" in cell for row in cells for cell in row)
