"""The office's entries on the ledgers: checked, audited, refused with a reason and nothing written."""

import html

import pytest
from django.urls import reverse

from accounts.models import Agency, AgencyKind, AuditEntry, Role
from finance.models import CementSupport, ConstructionDebt, Contribution, Sponsorship
from finance.once import new_token
from finance.tests.factories import finance_world

PERIOD = "?nam=2023&ngay=2023-09-30"


@pytest.fixture
def world(geo_map, agencies):
    return finance_world(geo_map, agencies)


def post(client, user, name, data):
    client.force_login(user)
    response = client.post(reverse(name) + PERIOD, data)
    return response, html.unescape(response.content.decode())


def test_the_office_records_a_debt_and_its_clearing(client, cast, world):
    response, _ = post(client, cast[Role.COORDINATOR], "finance:debts", {
        "action": "debt", "debt-project": "DA-NN-01", "debt-commune": "18401", "debt-amount": "120000000",
        "debt-as_of": "2023-06-30", "debt-once": new_token()})
    assert response.status_code == 302
    debt = ConstructionDebt.objects.get(project=world.fast)
    assert AuditEntry.objects.filter(action="finance.debt", target_id=str(debt.pk)).exists()
    response, _ = post(client, cast[Role.COORDINATOR], "finance:debts", {
        "action": "clear", "clear-debt": str(debt.pk), "clear-cleared_on": "2023-08-15"})
    assert response.status_code == 302
    debt.refresh_from_db()
    assert debt.cleared_on.isoformat() == "2023-08-15"


@pytest.mark.parametrize(("data", "message"), [
    ({"debt-project": "DA-NN-01", "debt-commune": "18402"}, "Xã không thuộc địa bàn của dự án."),
    ({"debt-project": "DA-KX-01", "debt-commune": "99001"}, "Không có dự án mã 'DA-KX-01' trong tỉnh."),
    ({"debt-project": "DA-NN-01", "debt-commune": "99001"}, "Mã '99001' không phải là đơn vị thuộc Tỉnh Mẫu."),
])
def test_a_debt_outside_the_project_or_province_is_refused(client, cast, world, data, message):
    response, text = post(client, cast[Role.COORDINATOR], "finance:debts", {
        "action": "debt", "debt-amount": "5", "debt-as_of": "2023-06-30", "debt-once": new_token(), **data})
    assert response.status_code == 400 and message in text
    assert not ConstructionDebt.objects.filter(amount=5).exists()


def test_cement_received_beyond_the_allocation_is_refused(client, cast, world, geo_map):
    response, text = post(client, cast[Role.COORDINATOR], "finance:cement", {
        "action": "cement", "cement-commune": "18402", "cement-allocated": "100", "cement-received": "120",
        "cement-used": "0", "cement-road_km": "0"})
    assert response.status_code == 400 and "Số xi măng đã nhận lớn hơn số được phân bổ." in text
    assert not CementSupport.objects.filter(commune=geo_map.sibling_commune).exists()


def test_the_office_overwrites_a_communes_cement_of_the_year_and_it_is_audited(client, cast, world, geo_map):
    response, _ = post(client, cast[Role.COORDINATOR], "finance:cement", {
        "action": "cement", "cement-commune": "18401", "cement-allocated": "500", "cement-received": "500",
        "cement-used": "480", "cement-road_km": "3.6", "cement-version": "1"})
    assert response.status_code == 302
    row = CementSupport.objects.get(commune=geo_map.commune, year=2023)
    assert (row.received_tonnes, row.used_tonnes) == (500, 480)
    entry = AuditEntry.objects.get(action="finance.cement")
    assert entry.before == {"received_tonnes": "400.0", "used_tonnes": "350.0", "road_km": "8.75"}


def test_a_new_sponsor_joins_the_agencies_and_gives_within_its_period(client, cast, world, geo_map):
    response, _ = post(client, cast[Role.COORDINATOR], "finance:sponsors", {
        "action": "sponsorship", "sponsorship-sponsor": "Công ty Xây dựng Mẫu", "sponsorship-unit": "18401.001",
        "sponsorship-start": "2023-01-01", "sponsorship-end": "2023-12-31", "sponsorship-committed": "200000000",
        "sponsorship-once": new_token()})
    assert response.status_code == 302
    sponsorship = Sponsorship.objects.get(unit=geo_map.village)
    assert sponsorship.sponsor.kind == AgencyKind.SPONSOR
    response, text = post(client, cast[Role.COORDINATOR], "finance:sponsors", {
        "action": "contribution", "contribution-sponsorship": str(sponsorship.pk), "contribution-day": "2024-02-01",
        "contribution-amount": "1000", "contribution-once": new_token()})
    assert response.status_code == 400 and "Ngày đóng góp nằm ngoài thời gian đỡ đầu." in text
    assert not Contribution.objects.filter(sponsorship=sponsorship).exists()


def test_a_sponsor_named_like_two_agencies_is_not_guessed(client, cast, world, geo_map):
    Agency.objects.create(name="Sở Nông nghiệp và Phát triển nông thôn", kind=AgencyKind.DEPARTMENT,
                          unit=geo_map.district)
    response, text = post(client, cast[Role.COORDINATOR], "finance:sponsors", {
        "action": "sponsorship", "sponsorship-sponsor": "Sở Nông nghiệp và Phát triển nông thôn",
        "sponsorship-unit": "18401", "sponsorship-start": "2023-01-01", "sponsorship-committed": "1",
        "sponsorship-once": new_token()})
    assert response.status_code == 400 and "trùng với nhiều cơ quan" in text


@pytest.mark.parametrize("role", [Role.VIEWER, Role.LEADER, Role.DISTRICT_OFFICER, Role.DEPARTMENT_OFFICER])
def test_only_the_office_writes_on_the_ledgers(client, cast, world, role):
    response, _ = post(client, cast[role], "finance:cement", {
        "action": "cement", "cement-commune": "18401", "cement-allocated": "1", "cement-received": "1",
        "cement-used": "1", "cement-road_km": "0"})
    assert response.status_code == 404
    assert CementSupport.objects.get(commune=world.fast.communes.get()).allocated_tonnes == 500
