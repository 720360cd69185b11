"""Passwords: each person changes their own, resets a forgotten one by e-mail, and chooses their own after a manager
set one. The public reset pages are outside the scope matrix: they are tested here."""

import base64
import html
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEntry, ResetRequest, Role, User
from conftest import PASSWORD

NEW = "Mat-khau-rieng-cua-toi-2026"
CHANGE = "accounts:password_change"
RESET = "accounts:password_reset"


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _change(client, old=PASSWORD, new1=NEW, new2=NEW):
    return client.post(reverse(CHANGE), {"old_password": old, "new_password1": new1, "new_password2": new2})


# --- changing one's own password -------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", list(Role))
def test_every_role_changes_its_own_password_and_stays_signed_in(client, cast, geo_map, role):
    person = cast[role]
    client.force_login(person)
    response = _change(client)
    assert (response.status_code, response["Location"]) == (302, reverse("home"))
    person.refresh_from_db()
    assert person.check_password(NEW)
    assert client.get(reverse("home")).status_code == 200  # the session survived the new password
    units = list(AuditEntry.objects.filter(action="user.change_password").values_list("unit", flat=True))
    assert units == ([None] if role == Role.ADMIN else [geo_map.province.pk])
    assert AuditEntry.objects.get(action="user.change_password").after == {"password": "••••"}


def test_the_change_page_and_the_user_menu_speak_vietnamese(client, cast):
    client.force_login(cast[Role.COMMUNE_OFFICER])
    page = _page(client.get(reverse(CHANGE)))
    for text in ("Đổi mật khẩu", "Mật khẩu hiện tại", "Mật khẩu mới", "Nhập lại mật khẩu mới", "ít nhất 10 ký tự"):
        assert text in page
    assert f'href="{reverse(CHANGE)}">Đổi mật khẩu</a>' in page  # in the user menu
    assert 'data-testid="must-change-password"' not in page


@pytest.mark.parametrize(("old", "new1", "new2", "message"), [
    ("sai-mat-khau", NEW, NEW, "Mật khẩu hiện tại không đúng."),
    (PASSWORD, NEW, NEW + "x", "Hai mật khẩu mới không khớp."),
    (PASSWORD, "ngan", "ngan", "Mật khẩu này quá ngắn: cần ít nhất 10 ký tự."),
    (PASSWORD, "1234567890123", "1234567890123", "Mật khẩu này hoàn toàn là số."),
    (PASSWORD, "x" * 100_000, "x" * 100_000, "Mật khẩu dài quá: tối đa 128 ký tự."),
    ("x" * 100_000, NEW, NEW, "Mật khẩu dài quá: tối đa 128 ký tự."),
    (PASSWORD, "abc\x00defghijkl", "abc\x00defghijkl", "Có ký tự không hợp lệ (ký tự rỗng) trong nội dung nhập."),
    (PASSWORD, "", "", "Cần nhập mật khẩu."),
], ids=["wrong-old", "mismatch", "short", "numeric", "100000-characters", "old-100000-characters", "null-byte", "empty"])
def test_a_refused_change_says_why_and_changes_nothing(client, cast, old, new1, new2, message):
    person = cast[Role.VIEWER]
    client.force_login(person)
    response = _change(client, old, new1, new2)
    assert response.status_code == 200
    assert message in _page(response)
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    assert not AuditEntry.objects.exists()


# --- a password chosen by a manager must be changed at the next sign-in -------------------------------------------

def _create_through_the_page(client, cast, agencies, geo_map) -> User:
    client.force_login(cast[Role.COORDINATOR])
    client.post(reverse("accounts:user_create"), {
        "username": "canbo.moi", "full_name": "Cán Bộ Mới", "email": "", "phone": "",
        "password1": "Mat-khau-tam-thoi-2026", "password2": "Mat-khau-tam-thoi-2026",
        "agency": agencies["commune"].pk, "role": Role.COMMUNE_OFFICER, "scope_unit": geo_map.commune.pk,
    })
    client.logout()
    return User.objects.get(username="canbo.moi")


def test_a_user_created_by_a_coordinator_must_choose_a_password_before_anything_else(client, cast, agencies, geo_map):
    person = _create_through_the_page(client, cast, agencies, geo_map)
    assert person.must_change_password
    response = client.post(reverse("accounts:login"), {"username": "canbo.moi", "password": "Mat-khau-tam-thoi-2026"},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse(CHANGE)
    assert 'data-testid="must-change-password"' in _page(response)
    for name, args in [("home", []), ("geo:root", []), ("accounts:user_list", []), ("geo:unit", [geo_map.commune.pk])]:
        blocked = client.get(reverse(name, args=args))
        assert (blocked.status_code, blocked["Location"]) == (302, reverse(CHANGE)), name
    assert _change(client, old="Mat-khau-tam-thoi-2026").status_code == 302
    person.refresh_from_db()
    assert not person.must_change_password
    assert client.get(reverse("geo:unit", args=[geo_map.commune.pk])).status_code == 200


def test_a_flagged_user_may_still_sign_out(client, cast, agencies, geo_map):
    person = _create_through_the_page(client, cast, agencies, geo_map)
    client.force_login(person)
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_password_set_by_a_coordinator_must_be_changed_and_is_audited_in_the_province(client, cast, geo_map):
    person = cast[Role.COMMUNE_OFFICER]
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("accounts:user_password", args=[person.pk]),
                           {"password1": "Mat-khau-tam-thoi-2026", "password2": "Mat-khau-tam-thoi-2026"}, follow=True)
    assert "Người này phải đổi mật khẩu khi đăng nhập lần sau." in _page(response)
    person.refresh_from_db()
    assert person.must_change_password and person.check_password("Mat-khau-tam-thoi-2026")
    entry = AuditEntry.objects.get(action="user.set_password")
    assert (entry.unit, entry.actor, entry.after) == (geo_map.province, cast[Role.COORDINATOR],
                                                      {"password": "••••", "must_change_password": True})


@pytest.mark.parametrize(("password1", "password2", "message"), [
    ("Mat-khau-tam-thoi-2026", "khac", "Hai mật khẩu không khớp."),
    ("ngan", "ngan", "Mật khẩu này quá ngắn: cần ít nhất 10 ký tự."),
    ("x" * 100_000, "x" * 100_000, "Mật khẩu dài quá: tối đa 128 ký tự."),
], ids=["mismatch", "short", "100000-characters"])
def test_a_refused_password_set_by_a_coordinator_changes_nothing(client, cast, password1, password2, message):
    person = cast[Role.COMMUNE_OFFICER]
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("accounts:user_password", args=[person.pk]),
                           {"password1": password1, "password2": password2}, follow=True)
    assert message in _page(response)
    person.refresh_from_db()
    assert person.check_password(PASSWORD) and not person.must_change_password
    assert not AuditEntry.objects.exists()


def test_the_demo_users_are_not_asked_to_change_their_password(db):
    from io import StringIO

    from django.core.management import call_command

    from accounts.demo import load_demo

    call_command("load_national_map", "--province", "42", stdout=StringIO())
    load_demo()
    assert User.objects.count() > 0
    assert not User.objects.filter(must_change_password=True).exists()


# --- resetting a forgotten password by e-mail ----------------------------------------------------------------------

@pytest.fixture
def with_email(cast):
    person = cast[Role.COMMUNE_OFFICER]
    person.email = "canbo.kytan@example.vn"
    person.save(update_fields=["email"])
    return person


def _ask(client, email, address="203.0.113.5"):
    return client.post(reverse(RESET), {"email": email}, REMOTE_ADDR=address)


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_the_reset_page_is_public_and_vietnamese(client, db):
    page = _page(client.get(reverse(RESET)))
    assert "Quên mật khẩu" in page and "Thư điện tử của tài khoản" in page
    assert reverse(RESET) in _page(client.get(reverse("accounts:login")))


@pytest.mark.parametrize("email", ["canbo.kytan@example.vn", "CANBO.KYTAN@example.vn", "khong.co.ai@example.vn"],
                         ids=["known", "known-other-case", "unknown"])
def test_known_and_unknown_addresses_get_the_same_answer(client, with_email, email):
    response = _ask(client, email)
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:password_reset_done"))
    done = _page(client.get(response["Location"]))
    assert "Nếu thư điện tử bạn nhập thuộc một tài khoản đang hoạt động" in done
    assert len(mail.outbox) == (0 if email.startswith("khong") else 1)


def test_an_inactive_account_gets_no_mail(client, with_email):
    with_email.is_active = False
    with_email.save(update_fields=["is_active"])
    assert _ask(client, with_email.email).status_code == 302
    assert mail.outbox == []


def test_the_mail_is_vietnamese_and_its_link_sets_a_new_password_once(client, with_email, geo_map):
    with_email.must_change_password = True
    with_email.save(update_fields=["must_change_password"])
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": with_email.username, "password": "sai-mat-khau"})
    _ask(client, with_email.email)
    [message] = mail.outbox
    assert message.subject == "Đặt lại mật khẩu — Hệ thống điều phối nông thôn mới"
    assert "Xin chào Commune Officer" in message.body and "có hiệu lực trong 24 giờ" in message.body
    form = client.get(_link(message), follow=True)
    assert "Đặt mật khẩu mới" in _page(form)
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert "Đã đặt mật khẩu mới" in _page(client.get(done["Location"]))
    with_email.refresh_from_db()
    assert with_email.check_password(NEW) and not with_email.must_change_password
    assert not AccessAttempt.objects.filter(username=with_email.username).exists()  # the lock is lifted
    entry = AuditEntry.objects.get(action="user.reset_password")
    assert (entry.actor, entry.unit) == (with_email, geo_map.province)
    again = client.get(_link(message), follow=True)
    assert 'data-testid="reset-link-invalid"' in _page(again)


@pytest.mark.parametrize("uid", ["²", base64.urlsafe_b64encode(str(10**20).encode()).decode().rstrip("="), "x" * 2000, "AA"],
                         ids=["superscript", "10^20", "long", "garbage"])
def test_a_bad_reset_link_says_so_without_an_error(client, db, uid):
    response = client.get(reverse("accounts:password_reset_confirm", args=[uid, "abc-def"]))
    assert response.status_code == 200
    assert 'data-testid="reset-link-invalid"' in _page(response)


@pytest.mark.parametrize(("email", "message"), [
    ("x" * 100_000 + "@example.vn", "Thư điện tử dài quá: tối đa 254 ký tự."),
    ("khong-phai-thu", "Thư điện tử không hợp lệ (ví dụ: ten@tinh.gov.vn)."),
    ("", "Cần nhập thư điện tử."),
], ids=["100000-characters", "not-an-address", "empty"])
def test_a_bad_address_is_refused_in_vietnamese_and_nothing_is_recorded(client, with_email, email, message):
    response = _ask(client, email)
    assert response.status_code == 200
    assert message in _page(response)
    assert mail.outbox == [] and not ResetRequest.objects.exists()


def test_one_client_asking_too_often_is_told_to_wait(client, with_email, settings):
    settings.NTM_RESET_MAILS_PER_ADDRESS = 5
    for number in range(5):
        assert _ask(client, f"nguoi{number}@example.vn").status_code == 302
    refused = _ask(client, with_email.email)
    assert refused.status_code == 429
    assert "Đã có quá nhiều yêu cầu đặt lại mật khẩu từ máy này. Hãy thử lại sau một giờ." in _page(refused)
    assert mail.outbox == []
    assert _ask(client, with_email.email, address="198.51.100.7").status_code == 302  # another client
    assert len(mail.outbox) == 1


def test_one_inbox_gets_at_most_so_many_mails_an_hour_and_the_answer_does_not_tell(client, with_email, settings):
    settings.NTM_RESET_MAILS_PER_EMAIL = 3
    with time_machine.travel("2026-12-03 09:00 +07:00", tick=False):
        answers = [_ask(client, with_email.email, address=f"203.0.113.{number}")["Location"] for number in range(1, 6)]
        assert answers == [reverse("accounts:password_reset_done")] * 5
        assert len(mail.outbox) == 3
    with time_machine.travel("2026-12-03 10:01 +07:00", tick=False):
        _ask(client, with_email.email, address="203.0.113.9")
        assert len(mail.outbox) == 4  # an hour later
        assert ResetRequest.objects.count() == 1  # the old requests were forgotten


def test_asking_again_and_again_for_one_inbox_from_one_client_is_stopped_too(client, with_email, settings):
    settings.NTM_RESET_MAILS_PER_EMAIL = 1
    settings.NTM_RESET_MAILS_PER_ADDRESS = 5
    statuses = [_ask(client, with_email.email).status_code for _ in range(6)]
    assert statuses == [302, 302, 302, 302, 302, 429]
    assert len(mail.outbox) == 1


def test_the_reset_is_keyed_on_the_client_behind_the_proxy(client, with_email, settings):
    settings.NTM_TRUSTED_PROXIES = 1
    settings.NTM_RESET_MAILS_PER_ADDRESS = 1
    proxy = "10.0.0.1"
    client.post(reverse(RESET), {"email": "a@example.vn"}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = client.post(reverse(RESET), {"email": with_email.email}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302 and len(mail.outbox) == 1
    assert set(ResetRequest.objects.values_list("client_address", flat=True)) == {"203.0.113.5", "198.51.100.7"}
