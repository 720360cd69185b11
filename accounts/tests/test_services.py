import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Agency, AgencyKind, AuditEntry, Membership, Role, User
from ntm.locking import StaleVersion


def agency_data(unit, name="Sở Xây dựng", aliases=("SXD",)):
    return services.AgencyData(name=name, short_name="", kind=AgencyKind.DEPARTMENT, unit=unit, is_active=True, aliases=aliases)


def test_creating_an_agency_writes_one_audit_entry_with_its_aliases(cast, geo_map):
    agency = services.create_agency(agency_data(geo_map.province), by=cast[Role.COORDINATOR])
    entry = AuditEntry.objects.get(action="agency.create")
    assert entry.actor == cast[Role.COORDINATOR]
    assert entry.unit == geo_map.province
    assert entry.after["aliases"] == ["SXD"]
    assert entry.after["unit"] == geo_map.province.pk
    assert list(agency.aliases.values_list("search_alias", flat=True)) == ["sxd"]


def test_an_update_audits_only_what_changed(cast, agencies, geo_map):
    office = agencies["office"]
    services.update_agency(office, agency_data(geo_map.province, name=office.name, aliases=("VPĐP",)), version=1, by=cast[Role.COORDINATOR])
    entry = AuditEntry.objects.get(action="agency.update")
    assert entry.before == {"aliases": [], "kind": "coordination_office"}
    assert entry.after == {"aliases": ["VPĐP"], "kind": "department"}


def test_a_stale_edit_is_refused_and_loses_nothing(cast, agencies, geo_map):
    office = agencies["office"]
    services.update_agency(office, agency_data(geo_map.province, name="Tên do người thứ nhất sửa"), version=1, by=cast[Role.COORDINATOR])
    with pytest.raises(StaleVersion):
        services.update_agency(office, agency_data(geo_map.province, name="Tên do người thứ hai sửa"), version=1, by=cast[Role.ADMIN])
    office.refresh_from_db()
    assert office.name == "Tên do người thứ nhất sửa"
    assert office.version == 2
    assert AuditEntry.objects.filter(action="agency.update").count() == 1


def test_two_people_editing_the_same_agency_in_the_browser_do_not_overwrite_each_other(client, cast, agencies, geo_map):
    office = agencies["office"]
    client.force_login(cast[Role.COORDINATOR])
    form = {"name": "Văn phòng A", "kind": "coordination_office", "unit": geo_map.province.pk, "is_active": "on", "aliases": "", "version": 1}
    assert client.post(reverse("accounts:agency_edit", args=[office.pk]), form).status_code == 302
    second = client.post(reverse("accounts:agency_edit", args=[office.pk]), {**form, "name": "Văn phòng B"})
    assert second.status_code == 409
    assert "Bản ghi đã được người khác sửa" in second.content.decode()
    office.refresh_from_db()
    assert office.name == "Văn phòng A"


def test_a_coordinator_cannot_create_an_agency_in_another_province(cast, geo_map):
    with pytest.raises(PermissionDenied):
        services.create_agency(agency_data(geo_map.other_province), by=cast[Role.COORDINATOR])
    assert not Agency.objects.filter(name="Sở Xây dựng").exists()
    assert not AuditEntry.objects.exists()


def test_only_an_administrator_grants_the_administrator_role(cast, agencies, geo_map):
    person = cast[Role.VIEWER]
    with pytest.raises(PermissionDenied):
        services.grant_membership(person, agencies["office"], Role.ADMIN, None, by=cast[Role.COORDINATOR])
    membership = services.grant_membership(person, agencies["office"], Role.ADMIN, None, by=cast[Role.ADMIN])
    assert membership.role == Role.ADMIN


def test_a_role_other_than_administrator_needs_a_scope(cast, agencies):
    with pytest.raises(ValidationError):
        services.grant_membership(cast[Role.VIEWER], agencies["office"], Role.LEADER, None, by=cast[Role.ADMIN])


def test_an_account_whose_first_role_may_not_be_granted_is_not_created(cast, agencies, geo_map):
    with pytest.raises(PermissionDenied):
        services.create_user_with_role(username="ngoai.pham.vi", full_name="Ngoài Phạm Vi", email="", phone="",
                                       password="Mot-mat-khau-dai-2026", agency=agencies["office"], role=Role.ADMIN,
                                       scope_unit=None, by=cast[Role.COORDINATOR])
    assert not User.objects.filter(username="ngoai.pham.vi").exists()
    assert not AuditEntry.objects.exists()


def test_an_account_and_its_first_role_are_created_together(cast, agencies, geo_map):
    person = services.create_user_with_role(username="canbo.kytan", full_name="Cán Bộ", email="", phone="",
                                            password="Mot-mat-khau-dai-2026", agency=agencies["commune"],
                                            role=Role.COMMUNE_OFFICER, scope_unit=geo_map.commune,
                                            by=cast[Role.COORDINATOR])
    assert [(m.role, m.scope_unit) for m in person.memberships.all()] == [(Role.COMMUNE_OFFICER, geo_map.commune)]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == ["user.create", "membership.grant"]


def test_revoking_a_membership_removes_access_at_once(client, cast, geo_map):
    officer = cast[Role.COMMUNE_OFFICER]
    membership = Membership.objects.get(user=officer)
    services.revoke_membership(membership, by=cast[Role.COORDINATOR])
    client.force_login(officer)
    assert client.get(reverse("geo:unit", args=[geo_map.commune.pk])).status_code == 404
    entry = AuditEntry.objects.get(action="membership.revoke")
    assert entry.before["is_active"] is True and entry.after == {"is_active": False}


def test_creating_a_user_through_the_page_grants_the_first_membership(client, cast, agencies, geo_map):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("accounts:user_create"), {
        "username": "canbo.kytan", "full_name": "Nguyễn Thị Cán Bộ", "email": "", "phone": "",
        "password1": "Mot-mat-khau-dai-2026", "password2": "Mot-mat-khau-dai-2026",
        "agency": agencies["commune"].pk, "role": Role.COMMUNE_OFFICER, "scope_unit": geo_map.commune.pk,
    })
    assert response.status_code == 302
    person = User.objects.get(username="canbo.kytan")
    assert [(m.role, m.scope_unit) for m in person.memberships.all()] == [(Role.COMMUNE_OFFICER, geo_map.commune)]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == ["user.create", "membership.grant"]


def test_a_weak_password_is_refused_and_no_user_is_created(client, cast, agencies, geo_map):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("accounts:user_create"), {
        "username": "yeu", "full_name": "Yếu", "password1": "12345678", "password2": "12345678",
        "agency": agencies["commune"].pk, "role": Role.COMMUNE_OFFICER, "scope_unit": geo_map.commune.pk,
    })
    assert response.status_code == 200
    assert not User.objects.filter(username="yeu").exists()
    assert not AuditEntry.objects.exists()
