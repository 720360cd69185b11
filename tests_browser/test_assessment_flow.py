"""A commune officer types values and submits them, the district verifies, and the province overview changes."""

import pytest

from accounts.models import Role
from geo.models import Attribute, UnitAttribute
from tests_browser.session import sign_in


@pytest.fixture
def prepared(transactional_db, cast, geo_map, small_set):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="DHNTB")
    return geo_map


def test_values_typed_submitted_and_verified_change_the_overview(prepared, live_server, page, browser):
    geo_map = prepared
    sign_in(page, live_server, Role.COMMUNE_OFFICER)
    page.goto(f"{live_server.url}/danh-gia/xa/{geo_map.commune.pk}/nhap/?period=2022-03&bo=test-commune")
    row = page.locator("tr.value-row", has=page.get_by_label("Tỷ lệ đường xã được cứng hóa"))
    page.get_by_label("Tỷ lệ đường xã được cứng hóa").fill("65")
    assert row.locator(".live-check").inner_text() == "Chưa đạt"
    page.get_by_label("Tỷ lệ đường xã được cứng hóa").fill("85,5")
    assert row.locator(".live-check").inner_text() == "Đạt"
    page.get_by_label("Có quy hoạch").select_option("1")
    page.get_by_label("Đường thôn sạch").select_option("1")
    page.get_by_label("Thu nhập bình quân đầu người").fill("52")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu 4 giá trị").wait_for()
    page.get_by_role("link", name="Xem bảng kết quả").click()
    assert page.get_by_test_id("criteria-met").inner_text() == "3/3"
    page.on("dialog", lambda dialog: dialog.accept())  # "Gửi 4/4 chỉ tiêu lên huyện? …"
    page.get_by_role("button", name="Gửi lên huyện (4)").click()
    page.get_by_text("Đã gửi số liệu: 4 giá trị").wait_for()

    district = browser.new_context(locale="vi-VN").new_page()
    sign_in(district, live_server, Role.DISTRICT_OFFICER)
    district.on("dialog", lambda dialog: dialog.accept())
    district.goto(f"{live_server.url}/danh-gia/cho-duyet/")
    district.get_by_test_id("review").get_by_role("link", name="Xã Kỳ Tân").click()
    district.get_by_role("button", name="Thẩm tra (4)").click()
    district.get_by_text("Đã thẩm tra số liệu: 4 giá trị").wait_for()
    assert "Đã thẩm tra: 4" in district.get_by_test_id("statuses").inner_text()
    district.goto(f"{live_server.url}/danh-gia/dia-ban/{geo_map.district.pk}/?nam=2022&bo=test-commune")
    assert district.get_by_test_id("at-standard").inner_text() == "1/2"
