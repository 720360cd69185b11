"""Signing in as a user does: through the form, then waiting for the header that names them."""

from conftest import PASSWORD


def sign_in(page, live_server, username: str, *, accept_dialogs: bool = False):
    """Signs `username` in on `page`; with `accept_dialogs`, every confirmation the page asks is answered yes."""
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_test_id("current-user").wait_for(state="attached")  # inside the folded menu on a phone
    if accept_dialogs:
        page.on("dialog", lambda dialog: dialog.accept())
    return page
