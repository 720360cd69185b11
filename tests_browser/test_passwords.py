"""Passwords in a real browser, on a phone: a person whose password the office set is taken to the change page at
once, chooses their own, and finds "Đổi mật khẩu" in the user menu afterwards; the forgotten-password page is
reached from the sign-in page."""

from playwright.sync_api import Page, expect

from conftest import PASSWORD

NEW = "Mat-khau-rieng-cua-toi-2026"


def test_a_flagged_user_changes_the_password_first_then_finds_it_in_the_menu(transactional_db, cast, live_server,
                                                                              page: Page):
    from accounts.models import Role

    person = cast[Role.COMMUNE_OFFICER]
    person.must_change_password = True
    person.save(update_fields=["must_change_password"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(person.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("must-change-password")).to_be_visible()
    page.get_by_label("Mật khẩu hiện tại").fill(PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=True).fill(NEW)
    page.get_by_label("Nhập lại mật khẩu mới").fill(NEW)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.get_by_text("Đã đổi mật khẩu.")).to_be_visible()
    page.get_by_role("button", name="Mở menu").click()  # the menu is folded on a phone
    expect(page.locator("#main-nav.show")).to_be_visible()  # unfolded: a click during the slide can be lost
    page.get_by_test_id("current-user").click()
    expect(page.get_by_role("link", name="Đổi mật khẩu")).to_be_visible()
    person.refresh_from_db()
    assert not person.must_change_password and person.check_password(NEW)


def test_the_forgotten_password_page_is_one_click_from_sign_in(transactional_db, live_server, page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    page.get_by_label("Thư điện tử của tài khoản").fill("khong.co.ai@example.vn")
    page.get_by_role("button", name="Gửi đường dẫn đặt lại mật khẩu").click()
    expect(page.get_by_test_id("reset-requested")).to_be_visible()
