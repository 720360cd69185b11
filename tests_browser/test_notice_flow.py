"""The office pastes a notice, reviews it (header fields filled, rows added and removed, deadline kinds switched),
confirms; an agency officer reports progress; the board changes, and remembers "của cơ quan tôi"."""

import datetime
from pathlib import Path

from accounts.models import Agency, Membership, Role, User
from conftest import PASSWORD
from directives.models import DeadlineKind, Notice, TaskStatus
from tests_browser.overflow import overflow
from tests_browser.session import sign_in

NOTICE = Path(__file__).resolve().parents[1] / "directives" / "corpus" / "seeds" / "texts" / "002_d483ae834fe83acd.txt"
PHONE = {"width": 390, "height": 844}
HEADER = (
    "UBND TỈNH MẪU\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG ĐIỀU PHỐI NTM TỈNH\t\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 31/KH-VPĐP\t\tMẫu, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nThực hiện Chương trình MTQG xây dựng nông thôn mới\n"
    "năm 2024\n\nNgày 01/3/2024, Ban Chỉ đạo họp. Trưởng Ban Chỉ đạo kết luận như sau:\n\n"
    "1. Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các sở, ngành liên quan rà soát tiêu chí trong "
    "năm 2024.\n\n2. Hội Sinh vật cảnh tỉnh tổ chức triển lãm trước ngày 30/4/2024.\n\n"
    "3. Các đơn vị liên quan báo cáo kết quả hằng tháng."
)


def _paste(page, live_server, text: str) -> None:
    page.goto(f"{live_server.url}/nhiem-vu/thong-bao/nhap/")
    page.get_by_label("Dán toàn văn thông báo").fill(text)
    page.get_by_role("button", name="Đọc và rà soát").click()
    page.get_by_test_id("highlighted-text").wait_for()


def _visible_rows(page):
    return page.locator("[data-testid=task-row]:visible")


def test_a_header_fills_the_fields_rows_are_added_and_removed_and_the_deadline_shows_its_input(
        transactional_db, cast, geo_map, live_server, page):
    sign_in(page, live_server, Role.COORDINATOR, accept_dialogs=True)
    _paste(page, live_server, HEADER)
    assert page.get_by_label("Loại văn bản").input_value() == "plan"
    assert page.get_by_label("Số, ký hiệu").input_value() == "31/KH-VPĐP"
    assert page.get_by_label("Ngày ban hành").input_value() == "05/03/2024"
    assert page.get_by_label("Cơ quan ban hành").input_value() == "Văn phòng Điều phối NTM tỉnh"
    assert page.get_by_label("Trích yếu").input_value() == "Thực hiện Chương trình MTQG xây dựng nông thôn mới năm 2024"
    proposal = page.get_by_label("Thêm “Hội Sinh vật cảnh tỉnh”")
    assert not proposal.is_checked()  # never ticked beforehand
    assert page.get_by_test_id("not-agencies").inner_text().count("các sở, ngành liên quan") == 1
    # the script hides the blank rows' "Bỏ" boxes behind buttons and each deadline's other inputs
    assert _visible_rows(page).count() == 5 and page.get_by_label("Bỏ nhiệm vụ này").first.is_hidden()
    first = _visible_rows(page).nth(0)
    assert first.get_by_label("Thời hạn").input_value() == DeadlineKind.YEAR_END
    assert first.get_by_label("Ngày hạn").is_hidden() and first.get_by_text("Cuối năm: hạn là ngày 31/12").is_visible()
    page.get_by_role("button", name="Bỏ nhiệm vụ 2").click()  # the exhibition is not ours to follow
    assert _visible_rows(page).count() == 4
    third = page.locator("[data-testid=task-row]").nth(2)
    third.get_by_label("Cơ quan chủ trì").fill("Văn phòng Điều phối NTM tỉnh")  # "Các đơn vị liên quan" is no agency
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    added = page.locator("[data-testid=task-row]").last
    assert _visible_rows(page).count() == 5
    added.get_by_label("Cơ quan chủ trì").fill("UBND xã Kỳ Tân")
    added.get_by_label("Nội dung").fill("Hoàn thiện hồ sơ đề nghị công nhận")
    kind = added.get_by_label("Thời hạn")
    kind.select_option(DeadlineKind.DATE)
    assert added.get_by_label("Ngày hạn").is_visible() and added.get_by_label("Tháng (mm/yyyy)").is_hidden()
    kind.select_option(DeadlineKind.RECURRING_MONTHLY)
    assert added.get_by_label("Ngày trong tháng (để trống: cuối tháng)").is_visible() and added.get_by_label("Ngày hạn").is_hidden()
    kind.select_option(DeadlineKind.MONTH)
    added.get_by_label("Tháng (mm/yyyy)").fill("6/2024")
    assert added.get_by_label("Ngày hạn").is_hidden()
    page.set_viewport_size(PHONE)
    assert overflow(page) is None
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Xác nhận và lưu").click()
    page.get_by_text("Đã tạo Kế hoạch 31/KH-VPĐP").wait_for()
    notice = Notice.objects.get()
    assert [(t.lead_agency.name, t.due_date) for t in notice.tasks.order_by("pk")] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", datetime.date(2024, 12, 31)),
        ("Văn phòng Điều phối NTM tỉnh", datetime.date(2024, 3, 31)),
        ("UBND xã Kỳ Tân", datetime.date(2024, 6, 30))]
    assert not Agency.objects.filter(name="Hội Sinh vật cảnh tỉnh").exists()


def test_import_review_confirm_report_and_the_board_changes(transactional_db, cast, geo_map, live_server, page, browser):
    sign_in(page, live_server, Role.COORDINATOR, accept_dialogs=True)
    _paste(page, live_server, NOTICE.read_text(encoding="utf-8"))
    quoted = page.get_by_test_id("highlighted-text").locator("sup.badge").count()
    assert quoted == _visible_rows(page).count() - 2  # two blank rows wait at the end
    page.locator("[name=task-0-summary]").fill("Nội dung đã sửa khi rà soát")
    page.get_by_role("button", name="Xác nhận và lưu").click()
    page.get_by_test_id("review-errors").wait_for()  # the draft has no date: nothing is created until it is given
    assert Notice.objects.count() == 0
    page.get_by_label("Ngày ban hành").fill("25/02/2022")
    for box in page.get_by_test_id("unknown-agencies").locator("input[type=checkbox]").all():
        box.check()  # the office accepts each proposed agency
    for note in page.get_by_test_id("lead-note").all():  # a collective lead: the office picks who follows it up
        row = note.locator("xpath=ancestor::*[@data-formset-row][1]")
        if "chọn cơ quan chủ trì trong danh mục" in note.inner_text():
            row.get_by_label("Cơ quan chủ trì").fill("Văn phòng Điều phối NTM tỉnh")
    page.get_by_role("button", name="Xác nhận và lưu").click()
    page.get_by_text("Đã tạo Thông báo").wait_for()
    notice = Notice.objects.get()
    first = notice.tasks.order_by("pk").first()
    assert first.summary == "Nội dung đã sửa khi rà soát"

    officer = User.objects.create_user("canbo.ubnd", password=PASSWORD, full_name="Cán bộ UBND")
    Membership.objects.create(user=officer, agency=first.lead_agency, role=Role.DEPARTMENT_OFFICER, scope_unit=geo_map.province)
    agency_page = browser.new_context(locale="vi-VN").new_page()
    sign_in(agency_page, live_server, "canbo.ubnd", accept_dialogs=True)
    agency_page.goto(f"{live_server.url}/nhiem-vu/?cua_toi=1")
    agency_page.get_by_role("link", name="Nội dung đã sửa khi rà soát").click()
    agency_page.get_by_label("Nội dung báo cáo").fill("Đã triển khai xong")
    agency_page.get_by_label("Trạng thái").select_option(TaskStatus.DONE)
    assert "Báo cáo nhiệm vụ đã hoàn thành?" in agency_page.locator("form[data-confirm-status]").get_attribute("data-confirm")
    agency_page.get_by_role("button", name="Gửi báo cáo").click()
    agency_page.get_by_text("Đã ghi báo cáo tiến độ.").wait_for()
    assert agency_page.get_by_test_id("status").inner_text().startswith("Hoàn thành")
    agency_page.goto(f"{live_server.url}/nhiem-vu/?tab=done")  # "của cơ quan tôi" is remembered
    assert agency_page.get_by_role("link", name="Nội dung đã sửa khi rà soát").count() == 1
    assert Agency.objects.filter(unit=geo_map.province).count() > 3


def test_the_board_remembers_the_own_agency_filter(transactional_db, cast, geo_map, agencies, live_server, page):
    from directives import services
    from directives.services import NoticeDraft, TaskDraft

    services.create_notice(NoticeDraft(number="9/TB-BCĐ", date=datetime.date(2026, 11, 20), full_text="Kết luận.", tasks=(
        TaskDraft(lead="Văn phòng Điều phối NTM tỉnh", summary="Tổng hợp tiến độ của các xã"),
        TaskDraft(lead="Sở Nông nghiệp và Phát triển nông thôn", summary="Hướng dẫn tiêu chí môi trường"),
    )), geo_map.province, by=cast[Role.COORDINATOR])
    sign_in(page, live_server, Role.DEPARTMENT_OFFICER)
    page.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    board = page.get_by_test_id("board")
    assert board.get_by_text("Tổng hợp tiến độ của các xã").is_visible()  # the whole area first
    page.get_by_role("link", name="Của cơ quan tôi").click()
    page.wait_for_url(lambda url: "cua_toi=1" in url)
    assert board.get_by_text("Tổng hợp tiến độ của các xã").count() == 0
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    page.get_by_test_id("mine-toggle").wait_for()
    assert page.get_by_role("link", name="Của cơ quan tôi").get_attribute("aria-current") == "true"
    assert board.get_by_text("Hướng dẫn tiêu chí môi trường").is_visible()
    assert board.get_by_text("Tổng hợp tiến độ của các xã").count() == 0
    page.set_viewport_size(PHONE)
    assert overflow(page) is None
