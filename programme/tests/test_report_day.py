"""The day the monthly report is due is the province's setting: Hà Tĩnh starts from its "trước ngày 18 hàng
tháng", any province changes it (or sets none) on the procedure page, audited; the inbox and the dashboard read it."""

import datetime
import html

import pytest
from django.urls import reverse

from accounts.models import AuditEntry, Role
from inbox.items import Kind, inbox
from programme import queries
from programme.models import ProvinceSettings


def post(client, user, province, **data):
    client.force_login(user)
    values = {"verifying_agency": "", "report_day_of_month": 18, "legal_basis": "QĐ 12/QĐ-UBND ngày 05/3/2026",
              "version": 0, **data}
    return client.post(reverse("programme:procedure", args=[province.pk]), values)


def report_lines(user, today):
    return [item.detail for item in inbox(user, today) if item.kind == Kind.REPORT]


def test_ha_tinh_starts_from_the_18th_and_another_province_from_no_day(geo_map):
    assert geo_map.province.code == "42"
    assert queries.report_day_of_month(geo_map.province) == 18
    assert queries.report_day_of_month(geo_map.other_province) is None
    assert not ProvinceSettings.objects.exists()


def test_the_office_moves_the_day_and_the_inbox_follows(client, cast, geo_map, agencies):
    office = cast[Role.COORDINATOR]
    assert report_lines(office, datetime.date(2026, 12, 14)) == ["Hạn gửi trước ngày 18/12/2026 (còn 4 ngày)."]
    assert post(client, office, geo_map.province, report_day_of_month=20).status_code == 302
    assert queries.report_day_of_month(geo_map.province) == 20
    assert report_lines(office, datetime.date(2026, 12, 14)) == ["Hạn gửi trước ngày 20/12/2026 (còn 6 ngày)."]
    entry = AuditEntry.objects.get(action="programme.settings")
    assert entry.after["report_day_of_month"] == 20
    page = html.unescape(client.get(reverse("programme:procedure", args=[geo_map.province.pk])).content.decode())
    assert "<strong>trước ngày 20 hằng tháng</strong>" in page


def test_a_province_may_set_no_day_and_then_no_report_is_due(client, cast, geo_map, agencies):
    assert post(client, cast[Role.COORDINATOR], geo_map.province, report_day_of_month="").status_code == 302
    assert queries.report_day_of_month(geo_map.province) is None
    assert report_lines(cast[Role.COORDINATOR], datetime.date(2026, 12, 14)) == []


@pytest.mark.parametrize("day", [0, 32, -1, "mười"])
def test_a_day_outside_a_month_is_refused_and_nothing_is_written(client, cast, geo_map, agencies, day):
    response = post(client, cast[Role.COORDINATOR], geo_map.province, report_day_of_month=day)
    assert response.status_code == 200
    assert not ProvinceSettings.objects.exists()
    assert not AuditEntry.objects.exists()
