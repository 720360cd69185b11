"""Error pages as users meet them with DEBUG off (as `make run` serves): Vietnamese, in the layout, with a way back;
the 500 page static, so that it shows even when the database or the templates are what failed."""

import html

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template
from django.test import Client
from django.urls import include, path

from accounts.models import Role


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a hostile request")


def failing(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [
    path("cam/", forbidden), path("ngo/", suspicious), path("loi/", failing), path("", include("ntm.urls")),
]


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def signed_in(client, cast):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    return client


def test_debug_is_off_here_as_in_make_run(settings):
    assert settings.DEBUG is False  # pytest-django's default: the pages below are the ones `make run` shows


def test_a_missing_page_says_so_in_vietnamese_in_the_layout(signed_in):
    response = signed_in.get("/khong-co-trang-nay/")
    page = text(response)
    assert response.status_code == 404
    assert "<title>Không tìm thấy trang — Nông thôn mới</title>" in page and "<h1" in page
    assert 'data-testid="nav-inbox"' in page  # the menu: the user is still at home in the app
    assert 'href="/"' in page and "Về trang chủ" in page
    assert "Not Found" not in page and "Page not found" not in page


def test_an_out_of_scope_record_reads_the_same_as_a_missing_one(signed_in, geo_map):
    response = signed_in.get(f"/dia-ban/{geo_map.other_province_commune.pk}/")
    assert response.status_code == 404 and "Không tìm thấy trang" in text(response)


def test_a_missing_page_signed_out_is_in_vietnamese_too(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Không tìm thấy trang" in text(response)


@pytest.mark.urls(__name__)
def test_a_forbidden_page_says_what_to_do(signed_in):
    response = signed_in.get("/cam/")
    page = text(response)
    assert response.status_code == 403
    assert "không được dùng chức năng này" in page and "Văn phòng Điều phối" in page and "Về trang chủ" in page
    assert "403 Forbidden" not in page


def test_a_stale_form_says_to_reload(cast, db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.post("/tai-khoan/mat-khau/doi/", {"old_password": "x"})
    page = text(response)
    assert response.status_code == 403
    assert "Trang đã cũ" in page and "tải lại trang" in page and "CSRF verification" not in page


@pytest.mark.urls(__name__)
def test_a_bad_request_is_in_vietnamese(signed_in):
    response = signed_in.get("/ngo/")
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in text(response)


@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_static_page(cast, db):
    client = Client(raise_request_exception=False)
    client.force_login(cast[Role.COMMUNE_OFFICER])
    response = client.get("/loi/")
    page = text(response)
    assert response.status_code == 500
    assert "Hệ thống đang gặp lỗi" in page and 'href="/"' in page and "Về trang chủ" in page
    assert "a bug" not in page and "Traceback" not in page


def test_the_500_page_needs_no_database_no_request_and_no_url_resolution(settings):
    """No `db` fixture here: any query would fail the test."""
    settings.ROOT_URLCONF = "ntm.tests.no_such_urlconf"  # even a broken URL configuration does not stop it
    page = get_template("500.html").render()
    assert "Hệ thống đang gặp lỗi" in page and "{%" not in page
