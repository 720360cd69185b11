"""Every role × every URL × a target in scope and one out of scope: allowed answers, everything else is 404.

The table must name every URL of the project's own apps: a new URL without a row here fails the suite.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Agency, AuditEntry, Membership, Role
from accounts.rules import Permission, role_allows
from accounts.tests.scope_world import World, build_world
from conftest import ROLE_SCOPES, kept_for_the_module

ROLES = list(ROLE_SCOPES)


@dataclass(frozen=True)
class Case:
    name: str
    permission: Permission | None  # None: any signed-in user
    target: Callable | None = None  # (world, role, in_scope) -> url args
    method: str = "get"
    ok: int = 200
    absent_out_of_scope: str | None = None  # for lists: text of the other province that must never show
    overrides: Callable | None = None  # (role, in_scope) -> status, where the general rule does not fit


def unit_target(world, role, in_scope):
    return [world.scope_unit(role).pk if in_scope else world.map.other_province_commune.pk]


def village_unit_target(world, role, in_scope):
    return [world.scope_unit(role).pk if in_scope else world.map.other_province_district.pk]


def province_target(world, role, in_scope):
    return [world.map.province.pk if in_scope else world.map.other_province.pk]


def province_page_overrides(role, in_scope):
    """A district's or a commune's officer reads the map of their own area, not the province's pages."""
    return 404 if role in (Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER) else None


def agency_target(world, role, in_scope):
    return [world.agencies["office" if in_scope else "other_office"].pk]


def user_target(world, role, in_scope):
    return [world.cast[Role.COMMUNE_OFFICER if in_scope else "outsider"].pk]


def submit_target(world, role, in_scope):
    return [*commune_target(world, role, in_scope), "submit"]


def evidence_target(world, role, in_scope):
    return [world.evidence_in.pk if in_scope else world.evidence_out.pk]


def task_target(world, role, in_scope):
    return [world.task_in.pk if in_scope else world.task_out.pk]


def notice_target(world, role, in_scope):
    return [world.task_in.notice_id if in_scope else world.task_out.notice_id]


def followup_target(world, role, in_scope):
    return [*notice_target(world, role, in_scope), "xlsx"]


def task_attachment_target(world, role, in_scope):
    return [world.update_in.pk if in_scope else world.update_out.pk]


def area_target(world, role, in_scope):
    return [world.scope_unit(role).pk if in_scope else world.map.other_province.pk]


def commune_target(world, role, in_scope):
    return [world.map.commune.pk if in_scope else world.map.other_province_commune.pk]


def national_set_target(world, role, in_scope):
    return [world.small_set.pk if in_scope else world.other_draft.pk]


def draft_target(world, role, in_scope):
    return [world.own_draft.pk if in_scope else world.other_draft.pk]


def overview_overrides(role, in_scope):
    """A commune officer's overview is their commune's scorecard: a redirect."""
    return 302 if role == Role.COMMUNE_OFFICER and in_scope else None


def province_version_overrides(role, in_scope):
    """A province version is made from a national set only: another province's version is never a base."""
    return 404 if not in_scope else None


def membership_target(world, role, in_scope):
    person = world.cast[Role.COMMUNE_OFFICER if in_scope else "outsider"]
    return [Membership.objects.get(user=person).pk]


def project_target(world, role, in_scope):
    return [world.finance.fast.pk if in_scope else world.finance.foreign.pk]


def finance_file_target(world, role, in_scope):
    return ["bang-ke" if in_scope else "khong-co"]


def unknown_file_overrides(role, in_scope):
    """An unknown kind of file is not found, whoever asks."""
    return 404 if not in_scope else None


def disclosure_target(world, role, in_scope):
    return [world.disclosure_in.pk if in_scope else world.disclosure_out.pk]


def target_target(world, role, in_scope):
    return [world.target_in.pk if in_scope else world.target_out.pk]


def registration_target(world, role, in_scope):
    return [world.registration_in.pk if in_scope else world.registration_out.pk]


def dossier_target(world, role, in_scope):
    return [world.dossier_in.pk if in_scope else world.dossier_out.pk]


def dossier_document_target(world, role, in_scope):
    return [world.document_in.pk if in_scope else world.document_out.pk]


def no_area_overrides(role, in_scope):
    """The monthly report is a province's or district's: a commune officer has none to download."""
    return 404 if role == Role.COMMUNE_OFFICER else None


def standing_start_overrides(role, in_scope):
    """Toàn cảnh is a province's: a district's or commune's officer reads a page saying so, the others go to theirs."""
    return 200 if role in (Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER) else None


CASES = [
    Case("home", None),
    Case("geo:root", None, absent_out_of_scope="Tỉnh Khác"),
    Case("geo:unit", Permission.VIEW_MAP, unit_target),
    Case("geo:search", None, absent_out_of_scope="Kỳ Xa"),
    Case("geo:attribute_set", Permission.EDIT_UNIT_ATTRIBUTES, unit_target, method="post", ok=302),
    Case("geo:village_template", Permission.EDIT_VILLAGES),
    Case("geo:village_upload", Permission.EDIT_VILLAGES, village_unit_target),
    Case("geo:commune_groups", Permission.VIEW_MAP, province_target, overrides=province_page_overrides),
    Case("geo:commune_group_template", Permission.EDIT_UNIT_ATTRIBUTES, province_target),
    Case("geo:commune_group_upload", Permission.EDIT_UNIT_ATTRIBUTES, province_target),
    Case("assessment:overview", Permission.VIEW_ASSESSMENT, ok=302),
    Case("assessment:overview_unit", Permission.VIEW_ASSESSMENT, area_target, overrides=overview_overrides),
    Case("assessment:scorecard", Permission.VIEW_ASSESSMENT, commune_target),
    Case("assessment:entry", Permission.ENTER_VALUES, commune_target),
    Case("assessment:step", Permission.ENTER_VALUES, submit_target, method="post", ok=302),
    Case("assessment:return", Permission.VIEW_ASSESSMENT, commune_target, method="post", ok=302),
    Case("assessment:review", Permission.VERIFY_VALUES),
    Case("assessment:evidence", Permission.VIEW_ASSESSMENT, evidence_target),
    Case("assessment:value_template", Permission.VIEW_ASSESSMENT),
    Case("assessment:value_upload", Permission.ENTER_VALUES),
    Case("directives:board", Permission.VIEW_TASKS, absent_out_of_scope="Nhiệm vụ của tỉnh khác"),
    Case("directives:task", Permission.VIEW_TASKS, task_target),
    Case("directives:notices", Permission.VIEW_TASKS, absent_out_of_scope="99-TB/BCĐ"),
    Case("directives:notice", Permission.VIEW_TASKS, notice_target),
    Case("directives:import", Permission.MANAGE_NOTICES),
    Case("directives:confirm", Permission.MANAGE_NOTICES, ok=302),
    Case("directives:notice_word", Permission.VIEW_TASKS, notice_target),
    Case("directives:followup", Permission.VIEW_TASKS, followup_target),
    Case("directives:attachment", Permission.VIEW_TASKS, task_attachment_target),
    Case("criteria:list", None, absent_out_of_scope="Tỉnh Khác"),
    Case("criteria:detail", None, national_set_target),
    Case("criteria:export", None, national_set_target),
    Case("criteria:import", Permission.EDIT_CRITERIA_SETS, method="post", ok=302),
    Case("criteria:province_version", Permission.EDIT_CRITERIA_SETS, national_set_target, method="post", ok=302,
         overrides=province_version_overrides),
    Case("criteria:threshold", Permission.EDIT_CRITERIA_SETS, draft_target, method="post", ok=302),
    Case("criteria:indicator", Permission.EDIT_CRITERIA_SETS, draft_target, method="post", ok=302),
    Case("assessment:publish_set", Permission.EDIT_CRITERIA_SETS, draft_target),
    Case("assessment:publish_set", Permission.EDIT_CRITERIA_SETS, draft_target, method="post", ok=302),
    Case("criteria:workbook_blank", Permission.EDIT_CRITERIA_SETS),
    Case("criteria:workbook", Permission.EDIT_CRITERIA_SETS, national_set_target),
    Case("criteria:workbook_import", Permission.EDIT_CRITERIA_SETS),
    Case("accounts:agency_list", Permission.MANAGE_ACCOUNTS, absent_out_of_scope="Tỉnh Khác"),
    Case("accounts:agency_create", Permission.MANAGE_ACCOUNTS),
    Case("accounts:agency_edit", Permission.MANAGE_ACCOUNTS, agency_target),
    Case("accounts:user_list", Permission.MANAGE_ACCOUNTS, absent_out_of_scope="outsider"),
    Case("accounts:user_create", Permission.MANAGE_ACCOUNTS),
    Case("accounts:user_edit", Permission.MANAGE_ACCOUNTS, user_target),
    Case("accounts:user_password", Permission.MANAGE_ACCOUNTS, user_target, method="post", ok=302),
    Case("accounts:password_change", None),
    Case("accounts:membership_grant", Permission.MANAGE_ACCOUNTS, user_target, method="post", ok=302),
    Case("accounts:membership_revoke", Permission.MANAGE_ACCOUNTS, membership_target, method="post", ok=302),
    Case("accounts:dissolved_memberships", Permission.MANAGE_ACCOUNTS, absent_out_of_scope="Kỳ Xa"),
    Case("accounts:membership_move", Permission.MANAGE_ACCOUNTS, membership_target, method="post", ok=302),
    Case("accounts:audit_log", Permission.VIEW_AUDIT, absent_out_of_scope="Thôn của tỉnh khác"),
    Case("finance:dashboard", Permission.VIEW_FINANCE, absent_out_of_scope="Văn phòng Điều phối NTM tỉnh Khác"),
    Case("finance:publish", Permission.MANAGE_FINANCE, method="post", ok=302),
    Case("finance:projects", Permission.VIEW_FINANCE, absent_out_of_scope="DA-KX-01"),
    Case("finance:project", Permission.VIEW_FINANCE, project_target),
    Case("finance:debts", Permission.VIEW_FINANCE, absent_out_of_scope="Kỳ Xa"),
    Case("finance:cement", Permission.VIEW_FINANCE, absent_out_of_scope="Kỳ Xa"),
    Case("finance:sponsors", Permission.VIEW_FINANCE, absent_out_of_scope="Doanh nghiệp đỡ đầu tỉnh Khác"),
    Case("finance:template", Permission.MANAGE_FINANCE, finance_file_target, overrides=unknown_file_overrides),
    Case("finance:upload", Permission.MANAGE_FINANCE, finance_file_target, overrides=unknown_file_overrides),
    Case("finance:withdraw", Permission.MANAGE_FINANCE, disclosure_target, method="post", ok=302),
    Case("recognition:registrations", Permission.VIEW_RECOGNITION, absent_out_of_scope="Kỳ Xa"),
    Case("recognition:registration", Permission.VIEW_RECOGNITION, registration_target),
    Case("recognition:dossiers", Permission.VIEW_RECOGNITION, absent_out_of_scope="Kỳ Xa"),
    Case("recognition:dossier", Permission.VIEW_RECOGNITION, dossier_target),
    Case("recognition:document", Permission.VIEW_RECOGNITION, dossier_document_target),
    Case("recognition:watch", Permission.VIEW_RECOGNITION, absent_out_of_scope="Kỳ Xa"),
    Case("targets:overview", Permission.VIEW_RECOGNITION),
    Case("targets:create", Permission.MANAGE_RECOGNITION),
    Case("targets:edit", Permission.MANAGE_RECOGNITION, target_target),
    Case("targets:delete", Permission.MANAGE_RECOGNITION, target_target, method="post", ok=302),
    Case("targets:notices", Permission.MANAGE_RECOGNITION),
    Case("targets:adopt", Permission.MANAGE_RECOGNITION, notice_target, method="post", ok=302),
    Case("targets:report", Permission.MANAGE_RECOGNITION, method="post", ok=302),
    Case("reports:dashboard", Permission.VIEW_RECOGNITION, absent_out_of_scope="Kỳ Xa"),
    Case("reports:monthly_word", Permission.VIEW_RECOGNITION, overrides=no_area_overrides),
    Case("reports:monthly_excel", Permission.VIEW_RECOGNITION, overrides=no_area_overrides),
    Case("reports:notice_draft", Permission.MANAGE_NOTICES),
    Case("reports:standing", Permission.VIEW_RECOGNITION, ok=302, overrides=standing_start_overrides),
    Case("reports:standing_unit", Permission.VIEW_RECOGNITION, province_target, overrides=province_page_overrides,
         absent_out_of_scope="Văn phòng Điều phối NTM tỉnh Khác"),
    Case("programme:start", Permission.VIEW_MAP, ok=302, overrides=province_page_overrides),
    Case("programme:procedure", Permission.VIEW_MAP, province_target, overrides=province_page_overrides),
]
# Pages that do not depend on a role: sign-in and sign-out, tested in test_login.py; the public disclosure,
# open to anyone and tested in finance/tests/test_public.py; the public password reset pages (a link by e-mail, the
# same answer for any address), tested in test_passwords.py.
OUTSIDE_MATRIX = {"accounts:login", "accounts:logout", "finance:public_list", "finance:public_detail",
                  "accounts:password_reset", "accounts:password_reset_done", "accounts:password_reset_confirm",
                  "accounts:password_reset_complete"}


def expected_status(case: Case, role: str, in_scope: bool) -> int:
    override = case.overrides(role, in_scope) if case.overrides else None
    if override is not None:
        return override
    allowed = case.permission is None or role_allows(role, case.permission)
    reaches_target = case.target is None or in_scope or role == Role.ADMIN
    if allowed and reaches_target:
        return 302 if case.name == "geo:root" and role != Role.ADMIN else case.ok
    return 404


@pytest.fixture(scope="module")
def kept_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world (accounts/tests/scope_world.py) with the people of the account-editing matrix, built once for
    this module (see conftest.kept_for_the_module): ~1,300 tests would otherwise build it ~1,300 times."""
    yield from kept_for_the_module(django_db_blocker, tmp_path_factory, lambda: build_world(people=True))


@pytest.fixture
def world(kept_world, db, request, settings) -> World:
    """The world for one test: the module's rows, this test's own copy of the objects and files; what the test
    writes is rolled back after it. (Other modules import `world` from accounts/tests/scope_world.py.)"""
    return kept_world.copy_for(request, settings)


@pytest.mark.parametrize("in_scope", [True, False], ids=["in-scope", "out-of-scope"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("role", ROLES)
def test_scope_matrix(client, world, role, case, in_scope):
    client.force_login(world.cast[role])
    args = case.target(world, role, in_scope) if case.target else []
    url = reverse(case.name, args=args)
    data = {"q": "Kỳ"} if case.name == "geo:search" else {}
    if case.name == "geo:attribute_set":
        data = {"name": "border", "value": "true", "valid_from": "2026-01-01", "legal_basis": "QĐ 1/QĐ-UBND"}
    if case.name in ("criteria:threshold",):
        data = {"indicator": "2.1", "value": "80", "legal_basis": "QĐ 1/QĐ-UBND", "version_number": 1}
    if case.name == "criteria:indicator":
        data = {"criterion": "1", "code": "1.9", "name": "Chỉ tiêu riêng của tỉnh", "value_type": "bool", "operator": "eq",
                "unit": "", "value": "1", "legal_basis": "QĐ 1/QĐ-UBND", "version_number": 1}
    if case.name == "criteria:province_version":
        data = {"legal_basis": "QĐ 2/QĐ-UBND"}
    if case.name == "assessment:return":
        data = {"comment": "Thiếu minh chứng", "nam": "2022", "bo": "test-commune"}
    if case.name == "assessment:step":
        data = {"nam": "2022", "bo": "test-commune"}
    if case.name == "accounts:membership_move":
        data = {"unit": world.map.new_commune.pk, "agency": "", "role": "", "version": 1}
    if case.name == "accounts:user_password":
        data = {"password1": "Mot-mat-khau-moi-2026", "password2": "Mot-mat-khau-moi-2026"}
    if case.name == "accounts:membership_grant":
        data = {"agency": world.agencies["commune"].pk, "role": Role.VIEWER, "scope_unit": world.map.commune.pk}
    response = getattr(client, case.method)(url, data)
    assert response.status_code == expected_status(case, role, in_scope)
    if case.absent_out_of_scope and response.status_code == 200 and role != Role.ADMIN:
        assert case.absent_out_of_scope not in html.unescape(response.content.decode())


@pytest.mark.parametrize("role", ROLES)
def test_a_grant_outside_scope_changes_nothing(client, world, role):
    """Even with a valid form, a unit or agency of another province is never granted, and nothing is audited."""
    client.force_login(world.cast[role])
    before = (Membership.objects.count(), AuditEntry.objects.count())
    client.post(reverse("accounts:membership_grant", args=[world.cast[Role.COMMUNE_OFFICER].pk]), {
        "agency": world.agencies["other_office"].pk, "role": Role.VIEWER, "scope_unit": world.map.other_province.pk,
    })
    expected_new = 1 if role == Role.ADMIN else 0
    assert Membership.objects.count() == before[0] + expected_new
    assert AuditEntry.objects.count() == before[1] + expected_new


def test_lists_show_what_is_in_scope(client, world):
    client.force_login(world.cast[Role.COORDINATOR])
    agencies = html.unescape(client.get(reverse("accounts:agency_list")).content.decode())
    assert "UBND xã Kỳ Tân" in agencies
    search = html.unescape(client.get(reverse("geo:search"), {"q": "ky"}).content.decode())
    assert "Xã Kỳ Tân" in search
    assert "Xã Kỳ Xa" not in search


def test_the_commune_officer_sees_only_their_commune(client, world):
    client.force_login(world.cast[Role.COMMUNE_OFFICER])
    search = html.unescape(client.get(reverse("geo:search"), {"q": "ky"}).content.decode())
    assert "Xã Kỳ Tân" in search
    assert "Xã Kỳ Lạc" not in search
    assert client.get(reverse("geo:unit", args=[world.map.sibling_commune.pk])).status_code == 404
    assert client.get(reverse("geo:unit", args=[world.map.district.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for case in CASES:
        args = case.target(world, Role.COORDINATOR, True) if case.target else []
        response = getattr(client, case.method)(reverse(case.name, args=args))
        assert response.status_code == 302, case.name
        assert response["Location"].startswith(reverse("accounts:login")), case.name


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            names |= _names(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_the_matrix_names_every_url_of_the_project():
    assert _names(get_resolver()) == {case.name for case in CASES} | OUTSIDE_MATRIX


def test_the_other_province_has_an_agency_so_the_leak_checks_can_fail(world):
    assert Agency.objects.filter(unit=world.map.other_province).count() == 1


# Account editing: who may change whose account. A coordinator reads everyone with a role in its province (with
# those roles only) but changes only those all of whose roles lie there, never a superuser or an administrator;
# roles stay grantable by each coordinator within its own scope. Every role × every kind of person × every action.
PEOPLE = ["in_province", "two_provinces", "superuser", "administrator", "other_province"]
ACCOUNT_ACTIONS = ["view", "edit", "password", "grant"]


def _account_expected(role: str, person: str, action: str) -> int:
    if role == Role.ADMIN:
        return 404 if person == "superuser" and action in ("edit", "password") else (200 if action == "view" else 302)
    if role != Role.COORDINATOR or person == "other_province":
        return 404
    if action in ("edit", "password") and person != "in_province":
        return 404
    return 200 if action == "view" else 302


def _account_request(client, action: str, person, world_agencies, geo_map):
    if action == "view":
        return client.get(reverse("accounts:user_edit", args=[person.pk]))
    if action == "edit":
        return client.post(reverse("accounts:user_edit", args=[person.pk]), {
            "full_name": "Tên bị đổi", "email": "", "phone": "", "version": person.version})  # also deactivates
    if action == "password":
        return client.post(reverse("accounts:user_password", args=[person.pk]),
                           {"password1": "Mot-mat-khau-moi-2026", "password2": "Mot-mat-khau-moi-2026"})
    return client.post(reverse("accounts:membership_grant", args=[person.pk]), {
        "agency": world_agencies["office"].pk, "role": Role.LEADER, "scope_unit": geo_map.province.pk})


@pytest.mark.parametrize("action", ACCOUNT_ACTIONS)
@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("role", ROLES)
def test_account_editing_matrix(client, world, role, person, action):
    target = world.people[person]
    client.force_login(world.cast[role])
    before = (target.password, AuditEntry.objects.count(), Membership.objects.filter(user=target).count())
    response = _account_request(client, action, target, world.agencies, world.map)
    expected = _account_expected(role, person, action)
    assert response.status_code == expected
    target.refresh_from_db()
    changed = {"edit": target.full_name == "Tên bị đổi" and not target.is_active,
               "password": target.password != before[0] and target.must_change_password,
               "grant": Membership.objects.filter(user=target).count() == before[2] + 1}
    if action == "view":
        return
    assert changed[action] is (expected == 302)
    if expected == 404:
        assert AuditEntry.objects.count() == before[1]
        assert target.full_name != "Tên bị đổi" and target.is_active and not target.must_change_password


def test_a_change_to_a_person_of_two_provinces_is_in_the_audit_log_of_each(client, world):
    cast, geo_map = world.cast, world.map
    person = world.people["two_provinces"]
    client.force_login(cast[Role.ADMIN])
    client.post(reverse("accounts:user_edit", args=[person.pk]), {
        "full_name": "Nguyễn Văn Hai Tỉnh", "email": "", "phone": "", "is_active": "on", "version": person.version})
    entries = AuditEntry.objects.filter(action="user.update", target_id=str(person.pk))
    assert sorted(entry.unit.code for entry in entries) == [geo_map.province.code, geo_map.other_province.code]
    for reader in (cast[Role.COORDINATOR], cast["outsider"]):
        client.force_login(reader)
        page = html.unescape(client.get(reverse("accounts:audit_log")).content.decode())
        assert page.count("<td>Nguyễn Văn Hai Tỉnh</td>") == 1  # its entry, under the reader's province


def test_a_coordinator_sees_only_the_roles_of_its_province(client, world):
    cast, people = world.cast, world.people
    client.force_login(cast[Role.COORDINATOR])
    listing = html.unescape(client.get(reverse("accounts:user_list")).content.decode())
    page = html.unescape(client.get(reverse("accounts:user_edit", args=[people["two_provinces"].pk])).content.decode())
    for shown in (listing, page):
        assert "UBND xã Kỳ Tân" in shown
        assert "Văn phòng Điều phối NTM tỉnh Khác" not in shown
    assert 'data-testid="not-editable"' in page and "Đặt mật khẩu" not in page and 'name="full_name"' not in page
