"""Roles left on units that no longer exist (a district, a merged commune): listed, and moved to a successor in
one step, the old role kept read-only for history."""

import datetime
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils.html import strip_tags

from accounts import queries, scope, services
from accounts.models import Agency, AgencyKind, AuditEntry, Membership, Role
from accounts.rules import Permission
from conftest import REFORM, make_unit, make_user
from geo.models import ChangeKind, Kind, UnitChange
from ntm.locking import StaleVersion

TODAY = datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def december_2026(time_machine):
    time_machine.move_to(TODAY)


@pytest.fixture
def world(geo_map, agencies, cast):
    """Kỳ Xuân of district Kỳ Anh merged into Kỳ Hà on 1/7/2025, beside conftest's Kỳ Tân + Kỳ Lạc → Kỳ Anh Mới; in
    Tỉnh Khác, commune Kỳ Xa merged into Kỳ Xa Mới, with an officer of its own."""
    m = geo_map
    m.xuan = make_unit("18406", "Kỳ Xuân", Kind.COMMUNE, m.district, valid_to=REFORM)
    m.ha = make_unit("18405", "Kỳ Hà", Kind.COMMUNE, m.province, valid_from=REFORM)
    _merge([m.xuan], m.ha)
    m.other_new = make_unit("99002", "Kỳ Xa Mới", Kind.COMMUNE, m.other_province, valid_from=REFORM)
    _merge([m.other_province_commune], m.other_new)
    other_committee = Agency.objects.create(name="UBND xã Kỳ Xa", kind=AgencyKind.PEOPLES_COMMITTEE, unit=m.other_province_commune)
    cast["far_officer"] = make_user("can_bo_ky_xa", Role.COMMUNE_OFFICER, other_committee, m.other_province_commune)
    return m


def _merge(predecessors, successor):
    change = UnitChange.objects.create(kind=ChangeKind.MERGE, effective_date=REFORM)
    change.predecessors.set(predecessors)
    change.successors.set([successor])


def membership_of(person) -> Membership:
    return Membership.objects.get(user=person, replaced_by__isnull=True, is_active=True)


def counts():
    return Membership.objects.count(), Agency.objects.count(), AuditEntry.objects.count()


# --- Proposals ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("unit", "expected"), [
    ("commune", ["Xã Kỳ Anh Mới"]),  # merged commune → the commune that absorbed it
    ("xuan", ["Xã Kỳ Hà"]),
    ("district", ["Xã Kỳ Anh Mới", "Xã Kỳ Hà", "Tỉnh Mẫu"]),  # abolished district → its communes' successors, or the province
    ("far_commune", ["Tỉnh Mẫu"]),  # no lineage recorded → the province
])
def test_successor_choices(world, unit, expected):
    assert [u.full_name for u in queries.successor_choices(getattr(world, unit), TODAY.date())] == expected


def test_the_list_holds_the_memberships_on_ended_units_of_the_managers_province_only(world, cast):
    listed = queries.memberships_to_move(cast[Role.COORDINATOR], TODAY.date())
    assert sorted(m.user.username for m in listed) == [Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER]
    assert [m.user.username for m in queries.memberships_to_move(cast["outsider"], TODAY.date())] == ["can_bo_ky_xa"]
    before_reform = datetime.date(2025, 6, 30)
    assert list(queries.memberships_to_move(cast[Role.COORDINATOR], before_reform)) == []


# --- The page ----------------------------------------------------------------------------------------------------

def page_text(client) -> tuple[int, str]:
    """The page as a reader sees it: tags out, spaces collapsed."""
    response = client.get(reverse("accounts:dissolved_memberships"))
    return response.status_code, " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_the_coordinator_sees_each_role_with_its_ended_unit_and_the_successors_proposed(client, world, cast):
    client.force_login(cast[Role.COORDINATOR])
    status, text = page_text(client)
    assert status == 200
    assert "2 phân quyền cần chuyển" in text
    assert "Xã Kỳ Tân (Huyện Kỳ Anh): không còn từ 01/07/2025" in text
    assert "UBND xã Kỳ Tân" in text and "Cán bộ cấp xã" in text
    assert "Có 3 đơn vị kế thừa" in text  # the district: a choice
    assert "Kỳ Xa" not in text and "can_bo_ky_xa" not in text


def test_another_provinces_coordinator_sees_only_their_own(client, world, cast):
    client.force_login(cast["outsider"])
    _, text = page_text(client)
    assert "can_bo_ky_xa" in text and "Xã Kỳ Xa Mới" in text
    assert "Kỳ Tân" not in text and "Kỳ Anh" not in text


def test_nothing_to_move_says_so(client, world, cast):
    Membership.objects.filter(scope_unit__in=[world.commune, world.district]).update(scope_unit=world.province)
    client.force_login(cast[Role.COORDINATOR])
    _, text = page_text(client)
    assert "Không có tài khoản nào cần chuyển địa bàn" in text


@pytest.mark.parametrize("role", [Role.LEADER, Role.VIEWER, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER])
def test_who_does_not_manage_accounts_finds_no_page(client, world, cast, role):
    client.force_login(cast[role])
    assert page_text(client)[0] == 404
    before = counts()
    response = client.post(reverse("accounts:membership_move", args=[membership_of(cast[Role.COMMUNE_OFFICER]).pk]),
                           {"unit": world.new_commune.pk, "version": 1})
    assert response.status_code == 404
    assert counts() == before


def test_the_user_list_links_to_the_page_with_the_count_only_when_there_is_something_to_do(client, world, cast):
    client.force_login(cast[Role.COORDINATOR])
    text = html.unescape(client.get(reverse("accounts:user_list")).content.decode())
    assert "2 phân quyền trên địa bàn đã giải thể" in text
    assert reverse("accounts:dissolved_memberships") in text
    Membership.objects.filter(scope_unit__in=[world.commune, world.district]).update(scope_unit=world.province)
    assert reverse("accounts:dissolved_memberships") not in client.get(reverse("accounts:user_list")).content.decode()


def test_the_user_page_warns_on_a_membership_whose_unit_ended(client, world, cast):
    client.force_login(cast[Role.COORDINATOR])
    officer = cast[Role.COMMUNE_OFFICER]
    text = html.unescape(client.get(reverse("accounts:user_edit", args=[officer.pk])).content.decode())
    assert "Địa bàn này không còn từ 01/07/2025" in text
    services.move_membership(membership_of(officer), world.new_commune, version=1, by=cast[Role.COORDINATOR])
    text = html.unescape(client.get(reverse("accounts:user_edit", args=[officer.pk])).content.decode())
    assert "Giữ để tra cứu lịch sử: đã chuyển sang Xã Kỳ Anh Mới" in text
    assert "Địa bàn này không còn từ" not in text


# --- Moving ------------------------------------------------------------------------------------------------------

def test_moving_a_commune_officer_gives_the_absorbing_commune_with_its_committee_and_keeps_the_old_role_read_only(client, world, cast):
    officer = cast[Role.COMMUNE_OFFICER]
    old = membership_of(officer)
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("accounts:membership_move", args=[old.pk]), {"unit": world.new_commune.pk, "version": 1})
    assert response.status_code == 302
    new = membership_of(officer)
    assert (new.scope_unit, new.role, new.agency.name, new.agency.kind) == (
        world.new_commune, Role.COMMUNE_OFFICER, "Ủy ban nhân dân xã Kỳ Anh Mới", AgencyKind.PEOPLES_COMMITTEE)
    assert list(new.agency.aliases.values_list("alias", flat=True)) == ["UBND xã Kỳ Anh Mới"]
    old.refresh_from_db()
    assert (old.role, old.scope_unit, old.is_active, old.replaced_by, old.version) == (Role.VIEWER, world.commune, True, new, 2)
    entry = AuditEntry.objects.get(action="membership.move")
    assert (entry.actor, entry.unit, entry.before["role"], entry.after["role"], entry.after["new"]["scope_unit"]) == (
        cast[Role.COORDINATOR], world.commune, Role.COMMUNE_OFFICER, Role.VIEWER, world.new_commune.pk)
    assert AuditEntry.objects.filter(action="agency.create").count() == 1
    officer = type(officer).objects.get(pk=officer.pk)
    assert scope.can(officer, Permission.ENTER_VALUES, world.new_commune)
    assert scope.can(officer, Permission.VIEW_MAP, world.commune)  # history stays readable
    assert not scope.can(officer, Permission.ENTER_VALUES, world.commune)
    assert scope.primary_membership(officer) == new
    assert scope.default_view_date(officer) == TODAY.date()


def test_a_district_officer_moves_to_the_chosen_successor_with_the_chosen_agency_and_role(world, cast, agencies):
    old = membership_of(cast[Role.DISTRICT_OFFICER])
    new = services.move_membership(old, world.ha, version=1, agency=agencies["office"], role=Role.COMMUNE_OFFICER,
                                   by=cast[Role.COORDINATOR])
    assert (new.scope_unit, new.agency, new.role) == (world.ha, agencies["office"], Role.COMMUNE_OFFICER)
    assert not AuditEntry.objects.filter(action="agency.create").exists()


def test_an_existing_committee_is_used_not_duplicated(world, cast):
    committee = Agency.objects.create(name="UBND xã Kỳ Anh Mới", kind=AgencyKind.PEOPLES_COMMITTEE, unit=world.new_commune)
    new = services.move_membership(membership_of(cast[Role.COMMUNE_OFFICER]), world.new_commune, version=1, by=cast[Role.COORDINATOR])
    assert new.agency == committee
    assert Agency.objects.filter(unit=world.new_commune).count() == 1


def test_a_second_move_of_the_same_membership_is_refused_with_a_clear_message(client, world, cast):
    old = membership_of(cast[Role.COMMUNE_OFFICER])
    client.force_login(cast[Role.COORDINATOR])
    client.post(reverse("accounts:membership_move", args=[old.pk]), {"unit": world.new_commune.pk, "version": 1})
    before = counts()
    response = client.post(reverse("accounts:membership_move", args=[old.pk]), {"unit": world.new_commune.pk, "version": 2}, follow=True)
    assert "Phân quyền này đã được chuyển sang Xã Kỳ Anh Mới (Cán bộ cấp xã); không chuyển lần thứ hai." in html.unescape(response.content.decode())
    assert counts() == before
    with pytest.raises(services.AlreadyMoved):
        services.move_membership(old, world.new_commune, version=1, by=cast[Role.ADMIN])
    assert counts() == before


def test_a_stale_version_is_refused_and_nothing_is_written(client, world, cast):
    old = membership_of(cast[Role.COMMUNE_OFFICER])
    Membership.objects.filter(pk=old.pk).update(version=F("version") + 1)  # someone saved it meanwhile
    before = counts()
    with pytest.raises(StaleVersion):
        services.move_membership(old, world.new_commune, version=1, by=cast[Role.COORDINATOR])
    assert counts() == before
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("accounts:membership_move", args=[old.pk]), {"unit": world.new_commune.pk, "version": 1}, follow=True)
    assert "Bản ghi đã được người khác sửa" in response.content.decode()
    assert counts() == before


REFUSED = [
    pytest.param(Role.COMMUNE_OFFICER, "ha", Role.COORDINATOR, ValidationError, id="not-a-successor"),
    pytest.param(Role.COORDINATOR, "province", Role.ADMIN, ValidationError, id="unit-still-exists"),
    pytest.param(Role.COMMUNE_OFFICER, "new_commune", "outsider", PermissionDenied, id="other-provinces-coordinator"),
    pytest.param("far_officer", "other_new", Role.COORDINATOR, PermissionDenied, id="membership-of-another-province"),
]


@pytest.mark.parametrize(("person", "unit", "manager", "error"), REFUSED)
def test_a_move_that_may_not_be_made_is_refused_and_writes_nothing(world, cast, person, unit, manager, error):
    before = counts()
    with pytest.raises(error):
        services.move_membership(membership_of(cast[person]), getattr(world, unit), version=1, by=cast[manager])
    assert counts() == before


def test_the_same_move_by_the_admin_of_both_provinces_is_accepted(world, cast):
    """The control of the table above: its refusals come from the case, not from the setup."""
    services.move_membership(membership_of(cast["far_officer"]), world.other_new, version=1, by=cast[Role.ADMIN])
    assert membership_of(cast["far_officer"]).scope_unit == world.other_new


def test_a_coordinator_cannot_hand_out_the_administrator_role_by_moving(world, cast):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.move_membership(membership_of(cast[Role.COMMUNE_OFFICER]), world.new_commune, version=1, role=Role.ADMIN,
                                 by=cast[Role.COORDINATOR])
    assert counts() == before


def test_a_viewer_on_the_old_unit_already_keeps_the_history_and_the_moved_role_ends(world, cast, agencies):
    officer = cast[Role.COMMUNE_OFFICER]
    Membership.objects.create(user=officer, agency=agencies["commune"], role=Role.VIEWER, scope_unit=world.commune)
    old = Membership.objects.get(user=officer, role=Role.COMMUNE_OFFICER)
    services.move_membership(old, world.new_commune, version=1, by=cast[Role.COORDINATOR])
    old.refresh_from_db()
    assert (old.role, old.is_active, old.replaced_by.scope_unit) == (Role.COMMUNE_OFFICER, False, world.new_commune)
    assert Membership.objects.filter(user=officer, role=Role.VIEWER, scope_unit=world.commune, is_active=True).count() == 1


def test_a_moved_membership_leaves_the_list(world, cast):
    services.move_membership(membership_of(cast[Role.COMMUNE_OFFICER]), world.new_commune, version=1, by=cast[Role.COORDINATOR])
    assert [m.user.username for m in queries.memberships_to_move(cast[Role.COORDINATOR], TODAY.date())] == [Role.DISTRICT_OFFICER]


def test_ensure_committee_names_the_committee_as_documents_do_and_runs_once(world, cast):
    first = services.ensure_committee(world.ha, by=cast[Role.COORDINATOR])
    again = services.ensure_committee(world.ha, by=cast[Role.COORDINATOR])
    assert (first.name, first.short_name, first) == ("Ủy ban nhân dân xã Kỳ Hà", "UBND xã Kỳ Hà", again)
    assert AuditEntry.objects.filter(action="agency.create").count() == 1
    with pytest.raises(PermissionDenied):
        services.ensure_committee(world.other_new, by=cast[Role.COORDINATOR])
