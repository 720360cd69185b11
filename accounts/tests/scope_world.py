"""The scope matrix's world: the root cast on the test map, and in each province a bit of everything a page may
show or a URL may name (a draft set, evidence, projects and payments, a disclosure, a target, a registration, a
dossier with a document, a notice's task with an attachment), plus the people of the account-editing matrix.

The matrix (accounts/tests/test_scope_matrix.py) builds it once for its module and hands each test its own copy;
other modules take the `world` fixture below, built for each test (a module that also builds the root fixtures'
map for other tests cannot keep a world for the whole module: the codes would collide)."""

import datetime

import pytest
from django.core.files.base import ContentFile

from accounts.models import AuditEntry, Membership, Role
from conftest import ROLE_SCOPES, build_agencies, build_cast, build_geo_map, build_small_set, make_user
from criteria.models import CriteriaSetRecord, SetStatus
from finance.models import Disclosure
from finance.tests.factories import finance_world
from recognition.models import Dossier, Registration
from targets.models import Target


class World:
    def __init__(self, geo_map, agencies, cast):
        self.map, self.agencies, self.cast = geo_map, agencies, cast

    def scope_unit(self, role):
        return getattr(self.map, ROLE_SCOPES[role] or "province")


def build_world(*, people: bool = False) -> World:
    """The world; with `people`, also those of the account-editing matrix (World.people)."""
    geo_map = build_geo_map()
    agencies = build_agencies(geo_map)
    cast = build_cast(geo_map, agencies)
    small_set = build_small_set()
    AuditEntry.objects.create(action="village.create", target_type="geo.administrativeunit", target_id="0",
                              target_repr="Thôn của tỉnh khác", unit=geo_map.other_province_commune)
    world = World(geo_map, agencies, cast)
    world.small_set = small_set
    world.own_draft = _draft(small_set, geo_map.province)
    world.other_draft = _draft(small_set, geo_map.other_province)
    world.evidence_in = _evidence(geo_map.commune)
    world.evidence_out = _evidence(geo_map.other_province_commune)
    world.finance = finance_world(geo_map, agencies)
    world.disclosure_in = _disclosure(geo_map.province)
    world.disclosure_out = _disclosure(geo_map.other_province)
    world.target_in, world.target_out = (
        Target.objects.create(unit=unit, year=2023, measure="new_model_gardens", value=1)
        for unit in (geo_map.province, geo_map.other_province))
    world.registration_in, world.registration_out = (
        Registration.objects.create(unit=unit, year=2023) for unit in (geo_map.commune, geo_map.other_province_commune))
    world.dossier_in, world.dossier_out = (
        Dossier.objects.create(unit=unit, year=2023, subject="commune", step="registered")
        for unit in (geo_map.commune, geo_map.other_province_commune))
    world.task_in = _task(geo_map.province, "42-TB/BCĐ", agencies["commune"], "Nhiệm vụ của xã Kỳ Tân", [agencies["district"]])
    world.task_out = _task(geo_map.other_province, "99-TB/BCĐ", agencies["other_office"], "Nhiệm vụ của tỉnh khác", [])
    world.update_in, world.update_out = (_task_attachment(task) for task in (world.task_in, world.task_out))
    world.document_in, world.document_out = (_dossier_document(d) for d in (world.dossier_in, world.dossier_out))
    if people:
        world.people = _people(geo_map, agencies, cast)
    return world


@pytest.fixture
def world(db) -> World:
    """The scope matrix's world, built for this test."""
    return build_world()


def _people(geo_map, agencies, cast) -> dict:
    """The people of the account-editing matrix: one of the province, one with roles in two provinces, a
    superuser, an administrator, and one of the other province."""
    two = make_user("hai_tinh", Role.COMMUNE_OFFICER, agencies["commune"], geo_map.commune)
    Membership.objects.create(user=two, agency=agencies["other_office"], role=Role.VIEWER, scope_unit=geo_map.other_province)
    superuser = make_user("sieu_quan_tri", Role.VIEWER, agencies["office"], geo_map.province)
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    administrator = make_user("quan_tri_quoc_gia", Role.ADMIN, agencies["office"], None)
    Membership.objects.create(user=administrator, agency=agencies["office"], role=Role.VIEWER, scope_unit=geo_map.province)
    return {"in_province": cast[Role.COMMUNE_OFFICER], "two_provinces": two, "superuser": superuser,
            "administrator": administrator, "other_province": cast["outsider"]}


def _task(province, number, lead, summary, support):
    from directives.models import Notice, Task

    notice = Notice.objects.create(province=province, number=number, date=datetime.date(2022, 2, 23), full_text="…")
    task = Task.objects.create(notice=notice, lead_agency=lead, summary=summary, due_date=datetime.date(2022, 12, 31))
    task.support_agencies.set(support)
    return task


def _task_attachment(task):
    from directives.models import TaskUpdate

    update = TaskUpdate(task=task, agency=task.lead_agency, text="Báo cáo", status="in_progress")
    update.attachment.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 bao cao"), save=True)
    return update


def _dossier_document(dossier):
    from recognition.models import DossierDocument

    document = DossierDocument(dossier=dossier, code="self_assessment_report")
    document.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4 bao cao"), save=True)
    return document


def _evidence(commune):
    from assessment.models import IndicatorValue

    value = IndicatorValue(unit=commune, set_code="test-commune", indicator_code="1.1", period=datetime.date(2022, 3, 1), value=True)
    value.evidence_file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4 minh chung"), save=False)
    value.save()
    return value


def _draft(base, province):
    return CriteriaSetRecord.objects.create(
        code=base.code, version=f"{base.version}+{province.code}.1", name=f"Bộ tiêu chí của Tỉnh {province.name}", level="commune",
        tier="standard", legal_basis="QĐ tỉnh", valid_from=base.valid_from, province=province, parent=base,
        status=SetStatus.DRAFT, definition=base.definition.replace('version: "2021-01-01"', f'version: "{base.version}+{province.code}.1"'),
    )


def _disclosure(province) -> Disclosure:
    return Disclosure.objects.create(province=province, year=2023, as_of=datetime.date(2023, 9, 30), line=60,
                                     rows=[], totals={})
