"""The hostile corpus of programme: the procedure page's form (a 100,000-character basis, an agency or a version
that is not one) and hostile parameters on its pages. A refusal is a Vietnamese message and writes nothing."""

import html

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, Role
from accounts.tests.scope_world import world  # noqa: F401 — a fixture
from ntm.tests.hostile_urls import server_errors
from programme.models import ProvinceSettings


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
def test_no_programme_page_fails_on_hostile_parameters(world, role):  # noqa: F811
    assert server_errors(world, role, "programme", ["nam", "tinh"]) == []


FORM = [
    # (case, changes, expected message)
    ("a 100,000-character basis", {"legal_basis": "x" * 100_000}, "300"),
    ("an agency of ²", {"verifying_agency": "²"}, "Hãy chọn một lựa chọn hợp lệ"),
    ("an agency of 10^20", {"verifying_agency": "1" + "0" * 20}, "Hãy chọn một lựa chọn hợp lệ"),
    ("a version of ²", {"version": "²"}, "Trang đã cũ: hãy tải lại trang."),
    ("a version of 10^20", {"version": "1" + "0" * 20}, "Trang đã cũ: hãy tải lại trang."),
]


@pytest.mark.parametrize(("case", "changes", "message"), FORM, ids=[c[0] for c in FORM])
def test_the_procedure_form_is_bounded_and_writes_nothing(client, cast, geo_map, agencies, case, changes, message):
    client.force_login(cast[Role.COORDINATOR])
    data = {"verifying_agency": "", "legal_basis": "QĐ 12/QĐ-UBND", "version": 0, **changes}
    response = client.post(reverse("programme:procedure", args=[geo_map.province.pk]), data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert (ProvinceSettings.objects.count(), AuditEntry.objects.count()) == (0, 0)
