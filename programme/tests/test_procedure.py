import datetime
import html

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, Role
from assessment.models import IndicatorValue, RollUp
from assessment.services import evaluation
from conftest import make_unit
from geo.models import Kind
from programme import queries
from programme.models import ProvinceSettings


def post(client, user, province, **data):
    client.force_login(user)
    values = {"verifying_agency": "", "report_day_of_month": 18, "legal_basis": "QĐ 12/QĐ-UBND ngày 05/3/2026",
              "version": 0, **data}  # the form as the page fills it (the test province, code 42, reports by the 18th)
    return client.post(reverse("programme:procedure", args=[province.pk]), values)


def page(client, user, province):
    client.force_login(user)
    return html.unescape(client.get(reverse("programme:procedure", args=[province.pk])).content.decode())


def test_the_office_designates_a_department_to_verify_with_a_legal_basis(client, cast, geo_map, agencies):
    assert queries.verifying_agency(geo_map.province) == agencies["office"]
    response = post(client, cast[Role.COORDINATOR], geo_map.province, verifying_agency=agencies["department"].pk)
    assert response.status_code == 302
    assert queries.verifying_agency(geo_map.province) == agencies["department"]
    entry = AuditEntry.objects.get(action="programme.settings")
    assert entry.after == {"verifying_agency": agencies["department"].pk, "wards_assessed": False,
                           "report_day_of_month": 18, "legal_basis": "QĐ 12/QĐ-UBND ngày 05/3/2026"}
    assert "Sở Nông nghiệp và Phát triển nông thôn" in page(client, cast[Role.LEADER], geo_map.province)


@pytest.mark.parametrize(("data", "message"), [
    ({"legal_basis": "  "}, "bắt buộc"),
    ({"version": 3}, "đã được người khác sửa"),
])
def test_a_bad_change_is_refused_and_nothing_is_written(client, cast, geo_map, agencies, data, message):
    response = post(client, cast[Role.COORDINATOR], geo_map.province, verifying_agency=agencies["department"].pk, **data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not ProvinceSettings.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_agency_of_another_province_cannot_be_designated(client, cast, geo_map, agencies):
    response = post(client, cast[Role.COORDINATOR], geo_map.province, verifying_agency=agencies["other_office"].pk)
    assert response.status_code == 200
    assert not ProvinceSettings.objects.exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.VIEWER, Role.DEPARTMENT_OFFICER])
def test_readers_see_the_procedure_without_a_form_and_cannot_post(client, cast, geo_map, agencies, role):
    text = page(client, cast[role], geo_map.province)
    assert "Giai đoạn hiện hành" in text and 'data-testid="procedure-form"' not in text
    assert post(client, cast[role], geo_map.province).status_code == 404
    assert not ProvinceSettings.objects.exists()


def test_including_wards_recounts_the_provinces_figures(client, cast, geo_map, agencies, small_set, region_dhntb):
    ward = make_unit("18404", "Sông Trí", Kind.WARD, geo_map.province, valid_from=datetime.date(2025, 7, 1))
    IndicatorValue.objects.create(unit=ward, set_code="test-commune", indicator_code="1.1",
                                  period=datetime.date(2026, 3, 1), value=True)
    evaluation.evaluate_everything("test-commune", 2026)
    assert RollUp.objects.get(unit=geo_map.province, year=2026).communes_total == 1  # the new commune only
    post(client, cast[Role.COORDINATOR], geo_map.province, wards_assessed="on")
    rollup = RollUp.objects.get(unit=geo_map.province, year=2026)
    assert (rollup.communes_total, rollup.communes_at_standard) == (2, 0)
    assert queries.is_subject(ward)


@pytest.mark.parametrize(("kind", "by_default"), [
    (Kind.COMMUNE, True), (Kind.WARD, False), (Kind.TOWNSHIP, False), (Kind.SPECIAL_ZONE, False),
])
def test_only_communes_are_subjects_unless_the_province_includes_wards_and_special_zones(geo_map, kind, by_default):
    unit = make_unit("18409", "Hòn Ngư", kind, geo_map.province, valid_from=datetime.date(2025, 7, 1))
    assert queries.is_subject(unit) is by_default
    assert (unit in queries.subject_communes(geo_map.province, datetime.date(2026, 1, 1))) is by_default
    ProvinceSettings.objects.create(province=geo_map.province, wards_assessed=True)
    assert queries.is_subject(unit) is True
