"""The office pastes a notice, edits a task in the review, confirms; an agency officer reports progress; the board changes."""

from pathlib import Path

import pytest

from accounts.models import Agency, Membership, Role, User
from conftest import PASSWORD
from directives.models import Notice, TaskStatus
from tests_browser.session import sign_in

NOTICE = Path(__file__).resolve().parents[1].parent / "shared" / "notices" / "002_d483ae834fe83acd.txt"




@pytest.mark.skipif(not NOTICE.is_file(), reason="the shared notices are not beside the repository")
def test_import_review_confirm_report_and_the_board_changes(transactional_db, cast, geo_map, live_server, page, browser):
    sign_in(page, live_server, Role.COORDINATOR)
    page.goto(f"{live_server.url}/nhiem-vu/thong-bao/nhap/")
    page.get_by_label("Dán toàn văn thông báo").fill(NOTICE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Đọc và rà soát").click()
    highlighted = page.get_by_test_id("highlighted-text")
    highlighted.wait_for()
    assert highlighted.locator("sup.badge").count() == page.get_by_test_id("review-tasks").locator("tbody tr").count()
    page.locator("[name=task-0-summary]").fill("Nội dung đã sửa khi rà soát")
    page.get_by_role("button", name="Xác nhận và lưu").click()
    page.get_by_test_id("review-errors").wait_for()  # the draft has no date: nothing is created until it is given
    assert Notice.objects.count() == 0
    page.get_by_label("Ngày ban hành").fill("25/02/2022")
    page.get_by_role("button", name="Xác nhận và lưu").click()
    page.get_by_text("Đã tạo Thông báo").wait_for()
    notice = Notice.objects.get()
    first = notice.tasks.order_by("pk").first()
    assert first.summary == "Nội dung đã sửa khi rà soát"

    officer = User.objects.create_user("canbo.ubnd", password=PASSWORD, full_name="Cán bộ UBND")
    Membership.objects.create(user=officer, agency=first.lead_agency, role=Role.DEPARTMENT_OFFICER, scope_unit=geo_map.province)
    agency_page = browser.new_context(locale="vi-VN").new_page()
    sign_in(agency_page, live_server, "canbo.ubnd")
    agency_page.goto(f"{live_server.url}/nhiem-vu/?cua_toi=1")
    agency_page.get_by_role("link", name="Nội dung đã sửa khi rà soát").click()
    agency_page.get_by_label("Nội dung báo cáo").fill("Đã triển khai xong")
    agency_page.get_by_label("Trạng thái").select_option(TaskStatus.DONE)
    agency_page.get_by_role("button", name="Gửi báo cáo").click()
    agency_page.get_by_text("Đã ghi báo cáo tiến độ.").wait_for()
    assert agency_page.get_by_test_id("status").inner_text().startswith("Hoàn thành")
    agency_page.goto(f"{live_server.url}/nhiem-vu/?cua_toi=1&tab=done")
    assert agency_page.get_by_role("link", name="Nội dung đã sửa khi rà soát").count() == 1
    assert Agency.objects.filter(unit=geo_map.province).count() > 3
