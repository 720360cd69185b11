"""Sign-in throttling: the real client behind the proxies, and one limit per kind of repeated failure."""

import html

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import Role
from accounts.throttle import client_address, failures_on_scale
from conftest import PASSWORD

LOGIN = "accounts:login"
WRONG = "sai-mat-khau"


@pytest.mark.parametrize(("remote", "forwarded", "proxies", "expected"), [
    ("203.0.113.5", "", 0, "203.0.113.5"),  # no proxy: the connection is the client
    ("203.0.113.5", "198.51.100.7", 0, "203.0.113.5"),  # no proxy configured: the header is the client's own words
    ("10.0.0.1", "198.51.100.7", 1, "198.51.100.7"),  # one proxy: it wrote the client's address
    ("10.0.0.1", "1.2.3.4, 198.51.100.7", 1, "198.51.100.7"),  # a forged address on the left is ignored
    ("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1", 2, "198.51.100.7"),  # two proxies, two addresses from the right
    ("10.0.0.1", "2001:db8::7", 1, "2001:db8::7"),  # IPv6
    ("10.0.0.1", "", 1, "10.0.0.1"),  # a request that did not come through the proxy
    ("10.0.0.2", "198.51.100.7", 2, "10.0.0.2"),  # a header shorter than the proxies: the connection
    ("10.0.0.1", "not-an-address", 1, "10.0.0.1"),  # garbage in the header: the connection
    ("10.0.0.1", "198.51.100.7:443", 1, "10.0.0.1"),  # an address with a port is not an address
    ("10.0.0.1", "x" * 100_000, 1, "10.0.0.1"),  # a huge header
    ("", "", 0, None),  # no address at all
], ids=lambda value: str(value)[:30])
def test_the_client_is_read_behind_the_trusted_proxies(remote, forwarded, proxies, expected):
    assert client_address(remote, forwarded, proxies) == expected


@pytest.mark.parametrize(("counts", "expected"), [
    ([0, 0, 0], 0),
    ([4, 4, 4], 4),  # four of five from one address
    ([5, 5, 5], 5),  # five of five: locked
    ([0, 9, 9], 4),  # nine of ten on the name: not yet
    ([0, 10, 10], 5),  # ten of ten on the name: locked
    ([0, 0, 19], 4),  # nineteen of twenty from the address: not yet
    ([0, 0, 20], 5),  # twenty of twenty: locked
])
def test_each_kind_of_failure_reaches_the_lock_at_its_own_limit(counts, expected):
    assert failures_on_scale(counts, [5, 10, 20], 5) == expected


def _fail(client, username, address, **extra):
    client.logout()
    return client.post(reverse(LOGIN), {"username": username, "password": WRONG}, REMOTE_ADDR=address, **extra)


def _sign_in(client, username, address, **extra):
    client.logout()
    return client.post(reverse(LOGIN), {"username": username, "password": PASSWORD}, REMOTE_ADDR=address, **extra)


def _signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


def _locked(response) -> bool:
    return response.status_code == 429 and "Tạm khóa đăng nhập" in html.unescape(response.content.decode())


def test_five_failures_of_one_name_from_one_address_lock_that_name_there_only(client, cast):
    for _ in range(5):
        _fail(client, Role.COORDINATOR, "203.0.113.5")
    assert _locked(_sign_in(client, Role.COORDINATOR, "203.0.113.5"))
    assert _signed_in(_sign_in(client, Role.COORDINATOR, "198.51.100.7"))  # the owner, from the office
    assert _signed_in(_sign_in(client, Role.VIEWER, "203.0.113.5"))  # another name from that address


def test_one_name_tried_from_many_addresses_is_locked_after_ten(client, cast):
    for number in range(9):
        _fail(client, Role.COORDINATOR, f"203.0.113.{number + 1}")
    assert _signed_in(_sign_in(client, Role.COORDINATOR, "198.51.100.7"))
    _fail(client, Role.COORDINATOR, "203.0.113.99")
    assert _locked(_sign_in(client, Role.COORDINATOR, "198.51.100.7"))  # ten failures on the name, from anywhere
    assert _signed_in(_sign_in(client, Role.VIEWER, "198.51.100.7"))


def test_one_address_spraying_many_names_is_locked_after_twenty(client, cast):
    names = [f"nguoi_{number}" for number in range(20)]
    for name in names[:19]:
        _fail(client, name, "203.0.113.5")
    assert _signed_in(_sign_in(client, Role.VIEWER, "203.0.113.5"))  # 19: not yet (and a success resets nothing else)
    _fail(client, names[19], "203.0.113.5")
    assert _locked(_sign_in(client, Role.LEADER, "203.0.113.5"))  # twenty on the address: any name is refused there
    assert _signed_in(_sign_in(client, Role.LEADER, "198.51.100.7"))


def test_a_successful_sign_in_forgives_only_its_own_failures(client, cast):
    for _ in range(3):
        _fail(client, Role.VIEWER, "203.0.113.5")
        _fail(client, "nguoi_khac", "203.0.113.5")
    assert _signed_in(_sign_in(client, Role.VIEWER, "203.0.113.5"))
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("nguoi_khac", 3)]


def test_behind_the_proxy_each_client_is_counted_apart(client, cast, settings):
    settings.NTM_TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    for _ in range(5):
        _fail(client, Role.COORDINATOR, proxy, HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.5")
    assert _locked(_sign_in(client, Role.COORDINATOR, proxy, HTTP_X_FORWARDED_FOR="203.0.113.5"))
    assert _signed_in(_sign_in(client, Role.COORDINATOR, proxy, HTTP_X_FORWARDED_FOR="198.51.100.66"))  # forged one
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


def test_without_a_configured_proxy_the_forwarded_header_is_not_believed(client, cast):
    for number in range(5):
        _fail(client, Role.COORDINATOR, "203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert _locked(_sign_in(client, Role.COORDINATOR, "203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.200"))


def test_a_locked_out_user_is_told_in_vietnamese_how_to_go_on(client, cast):
    for _ in range(5):
        _fail(client, Role.COORDINATOR, "203.0.113.5")
    page = html.unescape(_sign_in(client, Role.COORDINATOR, "203.0.113.5").content.decode())
    assert "thử lại sau 15 phút" in page
    assert reverse("accounts:password_reset") in page


@pytest.mark.parametrize(("name", "message", "counted"), [
    ("x" * 100_000, "Tên đăng nhập dài quá: tối đa 150 ký tự.", 0),  # refused before it reaches the throttle's table
    ("a\x00b", "Có ký tự không hợp lệ (ký tự rỗng) trong nội dung nhập.", 0),
    ("²", "Tên đăng nhập hoặc mật khẩu không đúng.", 1),
    ("' OR 1=1 --", "Tên đăng nhập hoặc mật khẩu không đúng.", 1),
    ("<script>", "Tên đăng nhập hoặc mật khẩu không đúng.", 1),
], ids=["100000-characters", "null-byte", "superscript", "quote", "markup"])
def test_a_hostile_user_name_is_refused_in_vietnamese(client, cast, name, message, counted):
    response = _fail(client, name, "203.0.113.5")
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.count() == counted


def test_a_password_of_100000_characters_is_refused_before_hashing(client, cast):
    response = client.post(reverse(LOGIN), {"username": Role.VIEWER, "password": "x" * 100_000})
    assert "Mật khẩu dài quá: tối đa 128 ký tự." in html.unescape(response.content.decode())


@pytest.mark.parametrize(("name", "value", "message"), [
    ("NTM_TRUSTED_PROXIES", "một", "NTM_TRUSTED_PROXIES='một' is not an integer"),
    ("NTM_TRUSTED_PROXIES", "-1", "NTM_TRUSTED_PROXIES at least 0"),
    ("NTM_LOGIN_ADDRESS_LIMIT", "0", "must be at least 1"),
    ("NTM_RESET_MAILS_PER_EMAIL", "0", "must be at least 1"),
])
def test_a_bad_throttling_setting_fails_loudly(name, value, message):
    from accounts.tests.test_login import _settings_in

    assert message in _settings_in({name: value}).stderr
