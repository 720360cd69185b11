"""The hostile corpus of targets: hostile units, years and days in the URL, numbers, texts and versions in the forms.
A bad parameter gives the default or 404; a refused form is a Vietnamese message and writes nothing."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, Role
from accounts.tests.scope_world import (
    world,  # noqa: F401 — a fixture (it takes the place of targets' own here)
)
from ntm.tests.hostile_urls import server_errors
from targets.models import ReportedFigure, Target


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
def test_no_targets_page_fails_on_hostile_parameters(world, role):  # noqa: F811
    assert server_errors(world, role, "targets", ["unit", "nam", "ngay", "xlsx"]) == []


@pytest.mark.parametrize("unit", ["²", "1" + "0" * 20, "-1", "0", "abc"])
def test_a_unit_that_is_not_an_id_is_not_found(client, cast, geo_map, unit):
    client.force_login(cast[Role.COORDINATOR])
    assert client.get(reverse("targets:overview"), {"unit": unit}).status_code == 404


@pytest.mark.parametrize("value", ["0", "99999", "-1", "²", "1E300"])
def test_a_year_that_is_not_one_gives_the_year_in_force(client, cast, geo_map, value):
    client.force_login(cast[Role.COORDINATOR])
    default = client.get(reverse("targets:overview")).context["page"].year
    response = client.get(reverse("targets:overview"), {"nam": value, "ngay": "9999-12-31"})
    assert (response.status_code, response.context["page"].year) == (200, default)


LONG = "x" * 100_000
CREATE = [
    # (case, changes, expected message)
    ("a value of 1E300", {"value": "1E300"}, "không phải là số"),
    ("a value of Infinity", {"value": "Infinity"}, "không phải là số"),
    ("a value of NaN", {"value": "NaN"}, "không phải là số"),
    ("a value of ²", {"value": "²"}, "không phải là số"),
    ("a value of 30 digits", {"value": "1" * 30}, "có quá nhiều chữ số"),
    ("a negative value", {"value": "-1"}, "giá trị không được nhỏ hơn 0"),
    ("a year of 99999", {"year": "99999"}, "nhỏ hơn hoặc bằng với 2100"),
    ("a year of 0", {"year": "0"}, "lớn hơn hoặc bằng với 2010"),
    ("a 100,000-character note", {"note": LONG}, "tối đa 300 kí tự"),
    ("an unknown measure", {"measure": "<script>"}, "Hãy chọn một lựa chọn hợp lệ"),
]


@pytest.mark.parametrize(("case", "changes", "message"), CREATE, ids=[c[0] for c in CREATE])
def test_a_target_form_is_bounded_and_writes_nothing(client, cast, geo_map, case, changes, message):
    client.force_login(cast[Role.COORDINATOR])
    data = {"measure": "new_model_gardens", "year": "2026", "value": "3", "comparator": "", "note": "", **changes}
    response = client.post(reverse("targets:create") + f"?unit={geo_map.province.pk}", data)
    assert (response.status_code, message in page(response)) == (200, True), case
    assert (Target.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.fixture
def target(geo_map):
    return Target.objects.create(unit=geo_map.province, year=2026, measure="new_model_gardens", value=Decimal(3))


@pytest.mark.parametrize("version", ["²", "1" + "0" * 20, "-1", "", "abc"])
def test_deleting_with_a_version_that_is_not_one_is_a_stale_page(client, cast, target, version):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("targets:delete", args=[target.pk]), {"version": version}, follow=True)
    assert (response.status_code, "đã được người khác thay đổi" in page(response) or "tải lại" in page(response)) == (
        200, True), page(response)[-1500:]
    assert (Target.objects.count(), AuditEntry.objects.count()) == (1, 0)


@pytest.mark.parametrize("version", ["²", "1" + "0" * 20])
def test_editing_with_a_version_that_is_not_one_is_a_stale_page(client, cast, target, version):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("targets:edit", args=[target.pk]), {"value": "5", "note": "", "comparator": "",
                                                                       "version": version})
    assert (response.status_code, "Trang đã cũ: hãy tải lại trang." in page(response)) == (200, True)
    target.refresh_from_db()
    assert (target.value, AuditEntry.objects.count()) == (Decimal(3), 0)


REPORTED = [
    ("a rate of 140", {"value": "140"}, "tỷ lệ không được lớn hơn 100"),
    ("a rate of ²", {"value": "²"}, "không phải là số"),
    ("a rate of 1E300", {"value": "1E300"}, "Tỷ lệ nghèo đa chiều (%)"),
    ("a year of ²", {"year": "²"}, "Năm: cần viết bằng chữ số, ví dụ 2026."),
    ("a 100,000-character source", {"source": LONG}, "tối đa 300 kí tự"),
    ("a version of ²", {"version": "²"}, "Trang đã cũ: hãy tải lại trang."),
]


@pytest.mark.parametrize(("case", "changes", "message"), REPORTED, ids=[c[0] for c in REPORTED])
def test_the_reported_poverty_rate_is_bounded_and_writes_nothing(client, cast, geo_map, case, changes, message):
    client.force_login(cast[Role.COORDINATOR])
    data = {"year": "2025", "value": "3,5", "source": "QĐ 1/QĐ-UBND", **changes}
    response = client.post(reverse("targets:report") + f"?unit={geo_map.province.pk}", data, follow=True)
    assert (response.status_code, message in page(response)) == (200, True), page(response)[-1500:]
    assert (ReportedFigure.objects.count(), AuditEntry.objects.count()) == (0, 0)
