"""Careless or hostile input on the account pages: every refusal a Vietnamese message or a 404, nothing written."""

import html

import pytest
from django.urls import reverse

from accounts.models import Agency, AgencyAlias, AuditEntry, Membership, Role, User

HUGE = "x" * 100_000
BIG_ID = str(10**20)


def _counts():
    return (User.objects.count(), Agency.objects.count(), AgencyAlias.objects.count(), Membership.objects.count(),
            AuditEntry.objects.count())


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _new_user(agencies, geo_map, **changes):
    return {"username": "canbo.moi", "full_name": "Cán Bộ Mới", "email": "", "phone": "",
            "password1": "Mat-khau-tam-thoi-2026", "password2": "Mat-khau-tam-thoi-2026",
            "agency": agencies["commune"].pk, "role": Role.COMMUNE_OFFICER, "scope_unit": geo_map.commune.pk, **changes}


@pytest.mark.parametrize(("changes", "message"), [
    ({"full_name": HUGE}, "Họ và tên dài quá: tối đa 150 ký tự."),
    ({"full_name": ""}, "Cần nhập họ và tên."),
    ({"full_name": "Nguyễn\x00Văn"}, "Có ký tự không hợp lệ (ký tự rỗng) trong nội dung nhập."),
    ({"email": HUGE + "@example.vn"}, "Thư điện tử dài quá: tối đa 254 ký tự."),
    ({"email": "khong-phai-thu"}, "Thư điện tử không hợp lệ (ví dụ: ten@tinh.gov.vn)."),
    ({"phone": HUGE}, "Điện thoại dài quá: tối đa 30 ký tự."),
    ({"phone": "0912<script>"}, "Điện thoại chỉ gồm chữ số, dấu cách và các ký tự + - . ( )"),
    ({"username": HUGE}, "Tên đăng nhập dài quá: tối đa 150 ký tự."),
    ({"username": "nguyễn.văn"}, "Chỉ dùng chữ không dấu, số và các ký tự . @ + - _"),
    ({"username": "canbo²"}, "Chỉ dùng chữ không dấu, số và các ký tự . @ + - _"),
    ({"password1": HUGE, "password2": HUGE}, "Mật khẩu dài quá: tối đa 128 ký tự."),
    ({"agency": "²"}, "Hãy chọn một lựa chọn hợp lệ."),
    ({"agency": BIG_ID}, "Hãy chọn một lựa chọn hợp lệ."),
    ({"scope_unit": BIG_ID}, "Hãy chọn một lựa chọn hợp lệ."),
], ids=["name-100000", "name-empty", "name-null-byte", "email-100000", "email-invalid", "phone-100000", "phone-markup",
        "username-100000", "username-diacritics", "username-superscript", "password-100000", "agency-superscript",
        "agency-10^20", "unit-10^20"])
def test_a_bad_new_user_is_refused_and_nothing_is_written(client, cast, agencies, geo_map, changes, message):
    client.force_login(cast[Role.COORDINATOR])
    before = _counts()
    response = client.post(reverse("accounts:user_create"), _new_user(agencies, geo_map, **changes))
    assert response.status_code == 200
    assert message in _page(response)
    assert _counts() == before


@pytest.mark.parametrize(("changes", "message", "status"), [
    ({"full_name": HUGE}, "Họ và tên dài quá: tối đa 150 ký tự.", 200),
    ({"email": HUGE}, "Thư điện tử dài quá: tối đa 254 ký tự.", 200),
    ({"phone": "1" * 31}, "Điện thoại dài quá: tối đa 30 ký tự.", 200),
    ({"version": "²"}, "Biểu mẫu này đã cũ. Hãy tải lại trang và nhập lại.", 409),
    ({"version": BIG_ID}, "Biểu mẫu này đã cũ. Hãy tải lại trang và nhập lại.", 409),
    ({"version": "-1"}, "Biểu mẫu này đã cũ. Hãy tải lại trang và nhập lại.", 409),
    ({"version": "7"}, "Bản ghi đã được người khác sửa", 409),
], ids=["name-100000", "email-100000", "phone-31", "version-superscript", "version-10^20", "version-negative", "version-stale"])
def test_a_bad_user_edit_is_refused_and_nothing_is_written(client, cast, changes, message, status):
    person = cast[Role.COMMUNE_OFFICER]
    client.force_login(cast[Role.COORDINATOR])
    before = _counts()
    response = client.post(reverse("accounts:user_edit", args=[person.pk]), {
        "full_name": "Tên mới", "email": "", "phone": "", "is_active": "on", "version": person.version, **changes})
    assert response.status_code == status
    assert message in _page(response)
    person.refresh_from_db()
    assert (person.full_name, person.version) == ("Commune Officer", 1)
    assert _counts() == before


@pytest.mark.parametrize(("changes", "message"), [
    ({"name": HUGE}, "Tên cơ quan dài quá: tối đa 255 ký tự."),
    ({"short_name": HUGE}, "Tên viết tắt dài quá: tối đa 80 ký tự."),
    ({"aliases": "Sở A\n" + "y" * 256}, "Dòng 2: tên gọi khác dài quá, tối đa 255 ký tự."),
    ({"aliases": "\n".join(f"Tên {number}" for number in range(51))}, "Nhiều tên gọi khác quá: tối đa 50 tên."),
    ({"aliases": HUGE}, "Tên gọi khác (mỗi dòng một tên) dài quá: tối đa 12800 ký tự."),
    ({"unit": BIG_ID}, "Hãy chọn một lựa chọn hợp lệ."),
], ids=["name-100000", "short-name-100000", "alias-256", "aliases-51", "aliases-100000", "unit-10^20"])
def test_a_bad_agency_is_refused_and_nothing_is_written(client, cast, geo_map, changes, message):
    client.force_login(cast[Role.COORDINATOR])
    before = _counts()
    response = client.post(reverse("accounts:agency_create"), {
        "name": "Sở Xây dựng", "short_name": "", "kind": "department", "unit": geo_map.province.pk, "is_active": "on",
        "aliases": "", **changes})
    assert response.status_code == 200
    assert message in _page(response)
    assert _counts() == before


@pytest.mark.parametrize(("field", "value"), [("agency", "²"), ("agency", BIG_ID), ("scope_unit", BIG_ID), ("role", HUGE)],
                         ids=["agency-superscript", "agency-10^20", "unit-10^20", "role-100000"])
def test_a_bad_grant_is_refused_with_a_message_and_nothing_is_written(client, cast, agencies, geo_map, field, value):
    client.force_login(cast[Role.COORDINATOR])
    before = _counts()
    response = client.post(reverse("accounts:membership_grant", args=[cast[Role.VIEWER].pk]), {
        "agency": agencies["commune"].pk, "role": Role.LEADER, "scope_unit": geo_map.commune.pk, field: value}, follow=True)
    assert "Chưa thêm được phân quyền" in _page(response)
    assert _counts() == before


@pytest.mark.parametrize("path", [
    f"/tai-khoan/nguoi-dung/{BIG_ID}/", "/tai-khoan/nguoi-dung/²/", f"/tai-khoan/co-quan/{BIG_ID}/",
    f"/tai-khoan/nguoi-dung/{BIG_ID}/mat-khau/", f"/tai-khoan/nguoi-dung/{BIG_ID}/phan-quyen/",
    f"/tai-khoan/phan-quyen/{BIG_ID}/thu-hoi/", f"/tai-khoan/phan-quyen/{BIG_ID}/chuyen/", "/tai-khoan/phan-quyen/²/thu-hoi/",
    "/tai-khoan/nguoi-dung/2147483648/",
])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_id_that_is_not_one_is_not_found(client, cast, path, method):
    client.force_login(cast[Role.ADMIN])
    before = _counts()
    response = getattr(client, method)(path)
    assert response.status_code in (404, 405)  # the posting pages refuse a GET
    assert _counts() == before


def test_a_moved_membership_with_a_bad_version_is_refused_with_a_message(client, cast, geo_map):
    membership = Membership.objects.get(user=cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.COORDINATOR])
    before = _counts()
    for version in ("²", BIG_ID):
        response = client.post(reverse("accounts:membership_move", args=[membership.pk]),
                               {"unit": geo_map.new_commune.pk, "agency": "", "role": "", "version": version}, follow=True)
        assert "Chưa chuyển được: Biểu mẫu này đã cũ." in _page(response)
    assert _counts() == before


@pytest.mark.parametrize("name", ["accounts:user_list", "accounts:agency_list"])
def test_a_huge_search_is_answered(client, cast, name):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse(name), {"q": HUGE, "page": BIG_ID, "kind": HUGE}).status_code == 200
