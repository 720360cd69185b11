"""A commune officer types values and submits them, the district verifies, and the province overview changes; on a
phone the entry form is one block per indicator with a live Đạt/Chưa đạt; the reviewer sees each value's evidence
note and who typed it; no assessment or criteria page is wider than the screen, for any role that reaches it."""

import datetime

import pytest

from accounts.models import Role
from assessment import services
from assessment.services import ValueInput
from criteria.models import CriteriaSetRecord
from geo.models import Attribute, UnitAttribute
from tests_browser.session import sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ROAD = "Tỷ lệ đường xã được cứng hóa"


@pytest.fixture
def prepared(transactional_db, cast, geo_map, small_set):
    UnitAttribute.objects.create(unit=geo_map.province, name=Attribute.REGION, value="DHNTB")
    return geo_map


def entry_url(live_server, geo_map):
    return f"{live_server.url}/danh-gia/xa/{geo_map.commune.pk}/nhap/?period=2022-03&bo=test-commune"


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0: nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_values_typed_submitted_and_verified_change_the_overview(prepared, live_server, page, browser):
    geo_map = prepared
    sign_in(page, live_server, Role.COMMUNE_OFFICER)
    page.goto(entry_url(live_server, geo_map))
    block = page.locator("[data-live-block]", has=page.get_by_label(ROAD))
    page.get_by_label(ROAD).fill("65")
    assert block.locator("[data-live-check]").inner_text() == "Chưa đạt"
    page.get_by_label(ROAD).fill("85,5")
    assert block.locator("[data-live-check]").inner_text() == "Đạt"
    block.locator("summary").click()  # the evidence is folded until asked for
    block.get_by_label("Ghi chú minh chứng").fill("Báo cáo số 12/BC-UBND ngày 05/3/2022")
    page.get_by_label("Có quy hoạch").select_option("1")
    page.get_by_label("Đường thôn sạch").select_option("1")
    page.get_by_label("Thu nhập bình quân đầu người").fill("52")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu 4 giá trị").wait_for()
    page.get_by_role("link", name="Xem bảng kết quả").click()
    assert page.get_by_test_id("criteria-met").inner_text() == "3/3"
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Gửi lên huyện (4 chỉ tiêu)").click()
    page.get_by_text("Đã gửi số liệu: 4 giá trị").wait_for()
    assert questions == ["Gửi 4/4 chỉ tiêu lên huyện? Sau khi gửi, xã không sửa được cho đến khi được trả lại."]

    district = browser.new_context(locale="vi-VN", viewport=DESKTOP).new_page()
    sign_in(district, live_server, Role.DISTRICT_OFFICER)
    district.on("dialog", lambda dialog: dialog.accept())
    district.goto(f"{live_server.url}/danh-gia/cho-duyet/")
    district.get_by_test_id("review").get_by_role("link", name="Xã Kỳ Tân").click()
    road = district.get_by_test_id("indicator-2.1")
    assert road.get_by_test_id("evidence-note").inner_text() == "Báo cáo số 12/BC-UBND ngày 05/3/2022"
    assert road.get_by_test_id("entered").inner_text().startswith(f"{Role.COMMUNE_OFFICER.replace('_', ' ').title()}, ")
    district.get_by_role("button", name="Thẩm tra (4 chỉ tiêu)").click()
    district.get_by_text("Đã thẩm tra số liệu: 4 giá trị").wait_for()
    assert "Đã thẩm tra: 4 chỉ tiêu" in district.get_by_test_id("statuses").inner_text()
    district.goto(f"{live_server.url}/danh-gia/dia-ban/{geo_map.district.pk}/?nam=2022&bo=test-commune")
    assert district.get_by_test_id("at-standard").inner_text() == "1/2"


def test_on_a_phone_the_entry_form_is_one_block_per_indicator_with_a_live_check(prepared, live_server, browser):
    geo_map = prepared
    page = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(page, live_server, Role.COMMUNE_OFFICER)
    page.goto(entry_url(live_server, geo_map))
    block = page.locator("[data-live-block]", has=page.get_by_label(ROAD))
    field, check = page.get_by_label(ROAD), block.locator("[data-live-check]")
    name_box, field_box = block.locator("label").first.bounding_box(), field.bounding_box()
    assert field_box["y"] > name_box["y"]  # the name across the screen, the value under it
    assert field_box["x"] + field_box["width"] <= PHONE["width"]
    assert "≥ 70 %" in block.get_by_test_id("threshold").inner_text()
    for typed, shown in (("6", "Chưa đạt"), ("69,9", "Chưa đạt"), ("70", "Đạt"), ("1.500", "Không hợp lệ"), ("", "")):
        field.fill(typed)
        assert check.inner_text() == shown, typed
    note = block.get_by_label("Ghi chú minh chứng")
    assert not note.is_visible()  # evidence folded
    block.locator("summary").click()
    assert note.is_visible()
    assert overflow(page) == 0
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
        .filter(e => !(e.labels && e.labels.length)).map(e => e.name)""")
    assert unlabelled == []


def test_no_assessment_or_criteria_page_is_wider_than_the_screen(prepared, live_server, browser, cast):
    geo_map = prepared
    services.save_values(geo_map.commune, "test-commune", datetime.date(2022, 3, 1),
                         [ValueInput("2.1", "85,5", evidence_note="Báo cáo số 12/BC-UBND ngày 05/3/2022 " * 3),
                          ValueInput("1.1", "1")], by=cast[Role.COMMUNE_OFFICER])
    services.advance(geo_map.commune, "test-commune", 2022, "submit", by=cast[Role.COMMUNE_OFFICER])
    services.return_values(geo_map.commune, "test-commune", 2022, "Thiếu biên bản kiểm tra thực tế", by=cast[Role.DISTRICT_OFFICER])
    commune, district, province = geo_map.commune.pk, geo_map.district.pk, geo_map.province.pk
    scorecard, entry = f"/danh-gia/xa/{commune}/?nam=2022&bo=test-commune", f"/danh-gia/xa/{commune}/nhap/?period=2022-03&bo=test-commune"
    pages = {
        Role.COMMUNE_OFFICER: [scorecard, entry, "/bo-tieu-chi/"],
        Role.DISTRICT_OFFICER: [scorecard, f"/danh-gia/dia-ban/{district}/?nam=2022&bo=test-commune", "/danh-gia/cho-duyet/"],
        Role.COORDINATOR: [scorecard, entry, f"/danh-gia/dia-ban/{province}/?nam=2022&bo=test-commune", "/danh-gia/cho-duyet/",
                           "/danh-gia/tai-len/", "/bo-tieu-chi/", "/bo-tieu-chi/nhap-excel/"],
        Role.LEADER: [scorecard, f"/danh-gia/dia-ban/{province}/?nam=2022&bo=test-commune", "/bo-tieu-chi/"],
        Role.VIEWER: [scorecard, f"/danh-gia/dia-ban/{province}/?nam=2022&bo=test-commune"],
    }
    detail = f"/bo-tieu-chi/{CriteriaSetRecord.objects.get().pk}/"
    wide = []
    for role, urls in pages.items():
        for viewport in (PHONE, DESKTOP):
            page = browser.new_context(locale="vi-VN", viewport=viewport).new_page()
            sign_in(page, live_server, role)
            for url in [*urls, detail]:
                response = page.goto(f"{live_server.url}{url}")
                assert response.status == 200, (role, url)
                if overflow(page) > 0:
                    wide.append((role, viewport["width"], url, overflow(page)))
            page.context.close()
    assert wide == []
