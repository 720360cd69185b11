import html
import os
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from accounts.models import Role
from conftest import PASSWORD

LOGIN = "accounts:login"


def test_the_login_page_speaks_vietnamese(client, db):
    page = html.unescape(client.get(reverse(LOGIN)).content.decode())
    assert "<h1 class=\"h4 mb-3\">Đăng nhập</h1>" in page
    assert "Tên đăng nhập" in page and "Mật khẩu" in page


def test_a_good_password_signs_in_and_shows_agency_and_unit_in_the_header(client, cast):
    response = client.post(reverse(LOGIN), {"username": Role.DISTRICT_OFFICER, "password": PASSWORD}, follow=True)
    page = html.unescape(response.content.decode())
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "UBND huyện Kỳ Anh · Huyện Kỳ Anh" in page


def test_a_wrong_password_is_refused_in_vietnamese(client, cast):
    response = client.post(reverse(LOGIN), {"username": Role.COORDINATOR, "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in html.unescape(response.content.decode())
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse(LOGIN), {"username": Role.COORDINATOR, "password": "sai-mat-khau"})
    response = client.post(reverse(LOGIN), {"username": Role.COORDINATOR, "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in html.unescape(response.content.decode())
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(db, settings):
    from accounts.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user(username="argon", password=PASSWORD)
    assert identify_hasher(user.password).algorithm == "argon2"


def test_logout_is_a_post_and_ends_the_session(client, cast):
    client.force_login(cast[Role.VIEWER])
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def _settings_in(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import ntm.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DEBUG)"
    # Our own interpreter running our own settings module: no untrusted input.
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )


def test_production_settings_demand_a_secret_and_turn_on_secure_cookies_and_hsts():
    refused = _settings_in({"NTM_ENV": "production", "NTM_SECRET_KEY": ""})
    assert "NTM_SECRET_KEY must be set" in refused.stderr
    production = _settings_in({"NTM_ENV": "production", "NTM_SECRET_KEY": "x" * 50})
    assert production.stdout.split() == ["True", "True", "31536000", "False"]


@pytest.mark.parametrize(("name", "value", "message"), [
    ("NTM_DEBUG", "maybe", "NTM_DEBUG='maybe' is not a boolean"),
    ("NTM_HSTS_SECONDS", "a year", "NTM_HSTS_SECONDS='a year' is not an integer"),
    ("NTM_ENV", "staging", "NTM_ENV='staging' must be one of"),
])
def test_a_bad_setting_fails_loudly(name, value, message):
    assert message in _settings_in({name: value}).stderr


def test_every_form_is_protected_against_csrf(cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast[Role.COORDINATOR])
    response = strict.post(reverse("accounts:agency_create"), {"name": "X"})
    assert response.status_code == 403
