"""December 2026, no districts: a commune officer finds the work in "Việc cần làm", enters and sends the year's
figures to the province; the office finds them in its own list, verifies and appraises them; the leader has
nothing waiting; the officer of a merged commune is sent to its successor."""

import datetime

import pytest
import time_machine

from accounts.models import Agency, AgencyKind, Role
from conftest import make_user
from geo.models import Attribute, UnitAttribute
from tests_browser.session import sign_in

TODAY = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)




@pytest.fixture
def december_2026(transactional_db, cast, geo_map, small_set):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="DHNTB")
    committee = Agency.objects.create(name="UBND xã Kỳ Anh Mới", kind=AgencyKind.PEOPLES_COMMITTEE, unit=geo_map.new_commune)
    make_user("xa_moi", Role.COMMUNE_OFFICER, committee, geo_map.new_commune)
    with time_machine.travel(TODAY, tick=True):
        yield geo_map


def test_a_commune_sends_its_figures_to_the_province_and_the_office_verifies_and_appraises(december_2026, live_server, browser):
    commune = browser.new_context(locale="vi-VN").new_page()
    sign_in(commune, live_server, "xa_moi", accept_dialogs=True)
    inbox = commune.get_by_test_id("inbox")
    assert "Nhập số liệu năm 2026 — Xã Kỳ Anh Mới" in inbox.inner_text()
    inbox.get_by_role("link", name="Nhập số liệu năm 2026").click()
    assert commune.get_by_label("Kỳ báo cáo (tháng)").input_value() == "2026-12"
    commune.get_by_label("Có quy hoạch").select_option("1")
    commune.get_by_label("Tỷ lệ đường xã được cứng hóa").fill("85,5")
    commune.get_by_label("Đường thôn sạch").select_option("1")
    commune.get_by_label("Thu nhập bình quân đầu người").fill("52")
    commune.get_by_role("button", name="Lưu").click()
    commune.get_by_text("Đã lưu 4 giá trị").wait_for()
    commune.get_by_role("link", name="Xem bảng kết quả").click()
    commune.get_by_role("button", name="Gửi lên tỉnh (4 chỉ tiêu)").click()
    commune.get_by_text("Đã gửi số liệu: 4 giá trị").wait_for()

    office = browser.new_context(locale="vi-VN").new_page()
    sign_in(office, live_server, Role.COORDINATOR, accept_dialogs=True)
    assert office.get_by_test_id("nav-inbox").inner_text().strip().endswith("1")
    office.get_by_test_id("inbox").get_by_role("link", name="Thẩm tra số liệu — Xã Kỳ Anh Mới, năm 2026").click()
    office.get_by_role("button", name="Thẩm tra (4 chỉ tiêu)").click()
    office.get_by_text("Đã thẩm tra số liệu: 4 giá trị").wait_for()
    office.get_by_role("button", name="Thẩm định (4 chỉ tiêu)").click()
    office.get_by_text("Đã thẩm định số liệu: 4 giá trị").wait_for()
    assert "Đã thẩm định: 4 chỉ tiêu" in office.get_by_test_id("statuses").inner_text()
    office.goto(f"{live_server.url}/")
    assert office.get_by_test_id("inbox-empty").inner_text() == "Không có việc chờ."

    leader = browser.new_context(locale="vi-VN").new_page()
    sign_in(leader, live_server, Role.LEADER)
    assert leader.get_by_test_id("inbox-empty").inner_text() == "Không có việc chờ."
    assert leader.get_by_role("button", name="Thẩm tra").count() == 0


def test_the_officer_of_a_merged_commune_is_sent_to_its_successor(december_2026, live_server, page):
    sign_in(page, live_server, Role.COMMUNE_OFFICER)
    page.goto(f"{live_server.url}/danh-gia/xa/{december_2026.commune.pk}/nhap/?period=2026-12")
    message = page.get_by_test_id("not-in-year").inner_text()
    assert "Xã Kỳ Tân không còn là đơn vị hành chính từ ngày 01/07/2025 (nay thuộc Xã Kỳ Anh Mới)" in message
