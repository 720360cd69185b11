"""Smoke tests: the app answers a real browser."""

from playwright.sync_api import Page, expect

BOOTSTRAP_CSS = "/static/vendor/bootstrap/css/bootstrap.min.css"


def test_login_page_shows_its_heading(live_server, page: Page):
    response = page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_bootstrap_is_served_by_the_app_itself(live_server, page: Page):
    response = page.request.get(live_server.url + BOOTSTRAP_CSS)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "Bootstrap" in response.text()[:500]
