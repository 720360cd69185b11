"""The office uploads a treasury statement: a bad one is refused row by row and writes nothing, the good one
moves the dashboard; the office publishes, and a visitor reads it without signing in."""

import datetime
import io

import openpyxl

from accounts.models import Role
from finance.imports.statement import FIRST_DATA_ROW, SHEET, statement_template
from finance.models import Disbursement, Disclosure
from finance.tests.factories import finance_world
from tests_browser.session import sign_in

PERIOD = "?nam=2023&ngay=2023-12-31"


def statement(tmp_path, name: str, lines: list[tuple[str, str, int]]):
    """A statement filled in the downloadable template: (project code, source label, amount) on 10/10/2023."""
    book = openpyxl.load_workbook(io.BytesIO(statement_template()))
    sheet = book[SHEET]
    sheet["B1"] = "KBNN-MAU-2023-10"
    for offset, (code, source, amount) in enumerate(lines):
        row = FIRST_DATA_ROW + offset
        for column, value in zip("ABDEFG", (offset + 1, code, source, 2023, datetime.date(2023, 10, 10), amount),
                                 strict=True):
            sheet[f"{column}{row}"] = value
    path = tmp_path / name
    book.save(path)
    return path


def test_a_statement_moves_the_dashboard_and_the_public_reads_what_is_published(
        transactional_db, cast, geo_map, agencies, live_server, page, browser, tmp_path):
    world = finance_world(geo_map, agencies)
    sign_in(page, live_server, Role.COORDINATOR)
    page.goto(f"{live_server.url}/von/{PERIOD}")
    assert page.get_by_test_id("rate-total").inner_text() == "36,7 %"
    page.locator("#investor-chart canvas").wait_for()  # the chart is drawn from the app's own ECharts

    page.get_by_role("button", name="Nhập từ Excel").click()
    page.get_by_role("link", name="Bảng kê giải ngân của Kho bạc").click()
    bad = statement(tmp_path, "sai.xlsx", [("DA-KA-02", "Ngân sách tỉnh", 900_000_000), ("DA-XX-99", "Ngân sách tỉnh", 5)])
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(bad)
    page.get_by_test_id("upload").click()
    errors = page.get_by_test_id("import-errors")
    errors.wait_for()
    assert "DA-XX-99" in errors.inner_text()
    assert Disbursement.objects.filter(statement_key="KBNN-MAU-2023-10").count() == 0

    good = statement(tmp_path, "dung.xlsx", [("DA-KA-02", "Ngân sách tỉnh", 900_000_000)])
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(good)
    page.get_by_test_id("upload").click()
    page.get_by_text("Đã nhập bảng kê số KBNN-MAU-2023-10").wait_for()
    assert page.get_by_test_id("rate-total").inner_text() == "66,7 %"  # 2 of 3 billion
    assert "60,0 %" in page.get_by_test_id("rates-investor").inner_text()  # UBND huyện Kỳ Anh: 1.2 of 2 billion
    assert world.slow.plans.get().disbursements.count() == 2

    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))  # publishing asks first
    page.get_by_test_id("publish").click()
    page.get_by_test_id("public-rows").wait_for()
    assert asked == ["Công khai tiến độ giải ngân năm 2023 đến ngày 31/12/2023 của 2 chủ đầu tư cho mọi người xem, "
                     "không cần đăng nhập? Bản công khai giữ nguyên số liệu lúc công bố: không sửa được, chỉ gỡ "
                     "xuống được."]
    assert Disclosure.objects.count() == 1
    visitor = browser.new_context(locale="vi-VN").new_page()
    visitor.goto(f"{live_server.url}/von/cong-khai/")
    visitor.get_by_role("link", name="31/12/2023").click()
    assert "66,7 %" in visitor.get_by_text("đã giải ngân").first.inner_text()
    assert "UBND huyện Kỳ Anh" in visitor.get_by_test_id("public-rows").inner_text()
    visitor.context.close()
