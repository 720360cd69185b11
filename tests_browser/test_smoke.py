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


def test_no_page_breaks_the_content_security_policy(transactional_db, cast, geo_map, small_set, live_server, page: Page):
    """Scripts come from the app's own files only: a page that still had an inline script or handler would be
    refused by the browser, and say so on the console."""
    from accounts.models import Role
    from tests_browser.session import sign_in

    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    sign_in(page, live_server, Role.COORDINATOR)
    for url in ("/", f"/danh-gia/dia-ban/{geo_map.province.pk}/", f"/danh-gia/xa/{geo_map.commune.pk}/?nam=2022",
                "/bao-cao/", f"/giai-doan/tinh/{geo_map.province.pk}/", "/chi-tieu/", "/von/", "/bo-tieu-chi/"):
        response = page.goto(live_server.url + url)
        assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert refused == []
