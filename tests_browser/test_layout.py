"""The layout every page shares: the user's name on one line in the menu at office and phone widths (cut with "…",
the full text in its title), a skip link to the content for keyboards, and the app's own icon."""

import pytest
from playwright.sync_api import Page

from accounts.models import Agency, Role
from tests_browser.session import sign_in

LONG_NAME = "Nguyễn Thị Phương Thảo Hoàng Long"
LONG_AGENCY = "Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh"


@pytest.fixture
def long_named(transactional_db, cast, geo_map):
    user = cast[Role.COORDINATOR]
    user.full_name = LONG_NAME
    user.save()
    Agency.objects.filter(memberships__user=user).update(name=LONG_AGENCY)
    return user


@pytest.mark.parametrize("width", [1440, 1280, 1200, 1024, 768, 390])
def test_the_users_name_keeps_one_line_and_the_menu_fits(long_named, live_server, page: Page, width):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, Role.COORDINATOR)
    if width < 1200:  # the folded menu
        page.locator(".navbar-toggler").click()
    button = page.get_by_test_id("current-user")
    button.wait_for()
    name = button.locator(".fw-semibold")
    line = name.evaluate("element => parseFloat(getComputedStyle(element).lineHeight)")
    assert name.bounding_box()["height"] <= line * 1.2, f"the name wraps at {width} px"
    assert LONG_NAME in button.get_attribute("title") and LONG_AGENCY in button.get_attribute("title")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), f"the page is wider than {width} px"
    if width >= 1200:
        assert page.locator("header").bounding_box()["height"] <= 64, f"the menu takes two lines at {width} px"


def test_the_skip_link_takes_the_keyboard_to_the_content(transactional_db, cast, geo_map, live_server, page: Page):
    sign_in(page, live_server, Role.COMMUNE_OFFICER)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible() and skip.bounding_box()["width"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    assert page.evaluate("location.hash") == "#noi-dung"


def test_the_app_has_its_own_icon(live_server, page: Page):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in response.text()
