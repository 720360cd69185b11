"""The link checker itself: what it collects from a page, what it sends, and that what it sends leaves nothing."""

import pytest
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.http.response import Http404
from django.urls import include, path
from django.views.decorators.http import require_GET, require_POST

from accounts.models import AuditEntry, Role
from ntm.tests.visible_links import PageParser, Visit, app_path, check_page, links_of, refused

PAGE = """
<a href="/ok/">ok</a> <a href="/ok/#top">same, with a fragment</a> <a href="cung-cap/">relative</a>
<a href="/khong-co/">missing</a> <a href="/cam/">forbidden</a> <a href="https://example.org/">outside</a>
<a href="#main">skip</a> <a href="mailto:a@b.vn">mail</a> <a href="javascript:void(0)">js</a> <a>no href</a>
<form method="get" action="/ok/"><input name="q" value="Kỳ"><select name="nam"><option value="2025">
  <option value="2026" selected></select><button>Lọc</button></form>
<form method="post" action="/ghi/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
  <input type="checkbox" name="tick" checked><input type="checkbox" name="untick"><textarea name="note">
Ghi chú</textarea><input type="file" name="tep"><input name="off" value="x" disabled>
  <button name="action" value="submit">Gửi</button></form>
<form method="post" action="/chi-doc/"><button>Xóa</button></form>
<form method="post" action="/tai-khoan/dang-xuat/"><button>Đăng xuất</button></form>
<form method="post" action="/thoat/"><button>Thoát</button></form>
"""


@require_GET
def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE)


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404


def forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden()


@require_POST
def write(request: HttpRequest) -> HttpResponse:
    AuditEntry.objects.create(action="test.write", target_type="x", target_id="1", target_repr=repr(sorted(request.POST.lists())))
    return HttpResponseRedirect("/ok/")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect("/ok/")


urlpatterns = [
    path("trang/", page), path("ok/", ok), path("trang/cung-cap/", ok), path("khong-co/", missing),
    path("cam/", forbidden), path("ghi/", write), path("chi-doc/", require_GET(ok)), path("thoat/", sign_out),
    path("", include("ntm.urls")),  # the error pages' layout names the app's pages
]


def test_the_parser_collects_links_and_the_values_each_form_would_send():
    parser = PageParser()
    parser.feed(PAGE)
    assert parser.links[:3] == ["/ok/", "/ok/#top", "cung-cap/"]
    search, writer = parser.forms[:2]
    assert (search.method, search.fields) == ("get", [("q", "Kỳ"), ("nam", "2026")])
    assert writer.fields == [("csrfmiddlewaretoken", "t"), ("tick", "on"), ("note", "Ghi chú")]
    assert writer.buttons == [("action", "submit", None)]


@pytest.mark.parametrize(("href", "expected"), [
    ("/ok/", "/ok/"), ("/ok/?a=1#x", "/ok/?a=1"), ("cung-cap/", "/trang/cung-cap/"), ("?nam=2026", "/trang/?nam=2026"),
    ("http://testserver/ok/", "/ok/"), ("https://example.org/", None), ("#main", None), ("mailto:a@b.vn", None),
    ("javascript:void(0)", None), ("", None),
])
def test_app_path(href, expected):
    assert app_path("/trang/", href) == expected


@pytest.mark.urls(__name__)
def test_check_page_lists_every_target_with_its_status_and_writes_nothing(client, cast):
    client.force_login(cast[Role.COORDINATOR])
    visits = check_page(client, "/trang/")
    assert sorted(visits) == sorted([
        Visit("/trang/", "GET", "/ok/", 200), Visit("/trang/", "GET", "/trang/cung-cap/", 200),
        Visit("/trang/", "GET", "/khong-co/", 404), Visit("/trang/", "GET", "/cam/", 403),
        Visit("/trang/", "GET", "/ok/?q=K%E1%BB%B3&nam=2026", 200),
        Visit("/trang/", "POST", "/ghi/", 302), Visit("/trang/", "POST", "/chi-doc/", 405),
        Visit("/trang/", "POST", "/thoat/", 302),
    ])
    assert [(v.target, v.status) for v in refused(visits)] == [("/khong-co/", 404), ("/cam/", 403), ("/chi-doc/", 405)]
    assert not AuditEntry.objects.filter(action="test.write").exists()  # the POST was rolled back
    assert client.get("/trang/").wsgi_request.user == cast[Role.COORDINATOR]  # still signed in after /thoat/


@pytest.mark.urls(__name__)
def test_a_target_seen_before_is_not_requested_again(client, cast):
    client.force_login(cast[Role.COORDINATOR])
    seen = {("GET", "/khong-co/"): 200}
    visits = check_page(client, "/trang/", seen)
    assert Visit("/trang/", "GET", "/khong-co/", 200) in visits
    assert seen[("POST", "/ghi/")] == 302


@pytest.mark.urls(__name__)
def test_a_page_that_is_not_one_is_said(client, cast):
    client.force_login(cast[Role.COORDINATOR])
    with pytest.raises(AssertionError, match="/khong-co/ answered 404"):
        check_page(client, "/khong-co/")


def test_links_of_gives_the_get_targets_for_a_crawl():
    assert "/ok/?q=K%E1%BB%B3&nam=2026" in links_of(PAGE, "/trang/")
    assert "/ghi/" not in links_of(PAGE, "/trang/")
