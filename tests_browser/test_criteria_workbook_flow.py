"""On a phone (390 px), a coordinator downloads the Excel template of the national set, uploads it with a bad
threshold and sees the problems row by row with nothing written, then uploads it corrected and lands on the new draft."""

import datetime
import io

import openpyxl
import pytest

from accounts.models import AuditEntry, Role
from criteria.models import CriteriaSetRecord
from criteria.tests.workbook_files import GROUP_SET
from tests_browser.session import sign_in


@pytest.fixture
def national_set(transactional_db, cast, geo_map):
    return CriteriaSetRecord.objects.create(
        code="test-group", version="2026-02-15", name="Bộ tiêu chí thử nghiệm theo nhóm xã", level="commune",
        tier="standard", legal_basis="Quyết định thử nghiệm 2026", valid_from=datetime.date(2026, 2, 15), definition=GROUP_SET)


def _filled(template: bytes, bad_cell: str | None) -> bytes:
    """The downloaded template filled as the province's decision says (rows 9, 11, 12, 14 are the indicators)."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["Bộ tiêu chí"]
    sheet["B1"], sheet["B2"], sheet["B3"] = "Bộ tiêu chí xã NTM của tỉnh", "Quyết định 05/2026/QĐ-UBND ngày 01/3/2026", "01/03/2026"
    cells = {9: ("Đạt", "Đạt", "Đạt"), 11: ("≥ 90%", "≥ 80%", "≥ 70%"), 12: ("≤ 1,5%", "≤ 3%", "≤ 6%"), 14: ("≥ 85", "≥ 72", "≥ 58")}
    for row, values in cells.items():
        for column, value in zip("GHI", values, strict=True):
            sheet[f"{column}{row}"] = value
    if bad_cell:
        sheet[bad_cell] = "khoảng 85"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_coordinator_imports_the_set_from_excel_on_a_phone(national_set, live_server, browser, tmp_path):
    context = browser.new_context(locale="vi-VN", accept_downloads=True, viewport={"width": 390, "height": 844})
    page = sign_in(context.new_page(), live_server, Role.COORDINATOR)

    page.goto(f"{live_server.url}/bo-tieu-chi/{national_set.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel").click()
    with open(download.value.path(), "rb") as saved:  # Playwright saves it without the .xlsx extension
        template = saved.read()
    (tmp_path / "sai.xlsx").write_bytes(_filled(template, bad_cell="H11"))
    (tmp_path / "dung.xlsx").write_bytes(_filled(template, bad_cell=None))
    before = (CriteriaSetRecord.objects.count(), AuditEntry.objects.count())

    page.get_by_role("link", name="Nhập từ Excel").click()
    assert page.get_by_label("Bộ tiêu chí").input_value() == "test-group"
    page.get_by_label("Tệp Excel theo mẫu (.xlsx, tối đa 2 MB)").set_input_files(str(tmp_path / "sai.xlsx"))
    page.get_by_role("button", name="Nhập").click()
    errors = page.get_by_test_id("import-errors")
    errors.wait_for()
    assert errors.locator("tbody tr").count() == 1
    assert errors.locator("tbody tr td").all_inner_texts() == [
        "11", "H (Xã nhóm 2)",
        "Ngưỡng 'khoảng 85' không đọc được. Viết như phụ lục: ≥ 90%, ≤ 3, 100%, Đạt, Có, Không, hoặc - khi chưa có ngưỡng."]
    assert page.get_by_label("Bộ tiêu chí").input_value() == "test-group"
    assert (CriteriaSetRecord.objects.count(), AuditEntry.objects.count()) == before
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_label("Tệp Excel theo mẫu (.xlsx, tối đa 2 MB)").set_input_files(str(tmp_path / "dung.xlsx"))
    page.get_by_role("button", name="Nhập").click()
    page.get_by_text("Đã nhập bản dự thảo của Tỉnh Mẫu từ tệp Excel: 3 tiêu chí, 4 chỉ tiêu, hiệu lực từ 01/03/2026.").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Bộ tiêu chí xã NTM của tỉnh"
    thresholds = page.get_by_test_id("thresholds")
    assert thresholds.locator("tr", has_text="2.2").locator("td").all_inner_texts()[2:] == ["≤ 1,5 %", "≤ 3 %", "≤ 6 %"]
    assert page.get_by_role("link", name="Ban hành và đánh giá lại").is_visible()  # to assessment's publish page
    draft = CriteriaSetRecord.objects.get(province__isnull=False)
    assert (draft.status, CriteriaSetRecord.objects.count(), AuditEntry.objects.count()) == ("draft", before[0] + 1, before[1] + 1)
    context.close()
