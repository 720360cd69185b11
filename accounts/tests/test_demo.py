from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import load_demo, load_demo_spec
from accounts.models import Agency, Membership, Role, User
from accounts.scope import visible_units
from geo.models import AdministrativeUnit


@pytest.fixture
def hatinh_map(db):
    call_command("load_national_map", "--province", "42", stdout=StringIO())


def test_the_demo_gives_one_user_per_role_in_hatinh(hatinh_map):
    logins = load_demo()
    assert {login.role for login in logins} == {Role(role).label for role in Role.values}
    district_officer = User.objects.get(username="huyen")
    assert Membership.objects.get(user=district_officer).scope_unit.full_name == "Huyện Kỳ Anh"
    commune = Membership.objects.get(user__username="xa").scope_unit
    assert (commune.full_name, commune.parent.full_name) == ("Xã Kỳ Tân", "Huyện Kỳ Anh")


def test_the_demo_loads_twice_without_duplicates(hatinh_map):
    load_demo()
    counts = (Agency.objects.count(), User.objects.count(), Membership.objects.count(), AdministrativeUnit.objects.count())
    load_demo()
    assert (Agency.objects.count(), User.objects.count(), Membership.objects.count(), AdministrativeUnit.objects.count()) == counts


def test_the_demo_agencies_answer_to_the_names_notices_use(hatinh_map):
    from accounts.queries import agencies_named

    load_demo()
    hatinh = AdministrativeUnit.objects.provinces().get(code=load_demo_spec()["province_code"])
    for written in ("Sở NN&PTNT", "Văn phòng NTM tỉnh", "Văn phòng Điều phối NTM tỉnh", "UBND huyện Hương Khê"):
        assert len(agencies_named(written, hatinh)) == 1, written


def test_the_commune_officer_of_the_demo_sees_the_commune_and_its_villages_only(hatinh_map):
    load_demo()
    officer = User.objects.get(username="xa")
    assert sorted(u.level for u in visible_units(officer)) == ["commune"] + ["village"] * 6


def test_today_the_demo_commune_officer_serves_the_successor_and_the_district_officer_reads_history(hatinh_map):
    import datetime

    from accounts.demo import load_demo_today

    load_demo()
    today = datetime.date(2026, 12, 3)
    logins = {login.username: login for login in load_demo_today(today)}
    roles = sorted((m.role, m.scope_unit.full_name) for m in Membership.objects.active().filter(user__username="xa"))
    assert roles == [(Role.COMMUNE_OFFICER, "Xã Kỳ Hoa"), (Role.VIEWER, "Xã Kỳ Tân")]
    assert list(Membership.objects.active().filter(user__username="huyen").values_list("role", flat=True)) == [Role.VIEWER]
    assert (logins["xa"].role, logins["xa"].where) == (Role.COMMUNE_OFFICER.label, "Xã Kỳ Hoa")
    assert logins["huyen"].where == "Huyện Kỳ Anh (không còn từ 01/07/2025; xem lịch sử 2021–2025)"
    counts = Membership.objects.count()
    load_demo()
    load_demo_today(today)
    assert Membership.objects.count() == counts
