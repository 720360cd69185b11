"""The hostile corpus of recognition: a dossier document attached by anyone but the owner of its step (on every
path, with districts and without), attachments of the wrong kind or size, a replaced file left on disk, counts and
texts beyond their bounds, hostile area, year and set parameters. Every refusal is a Vietnamese message and writes
nothing."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Agency, AgencyKind, AuditEntry, Membership, Role, User
from accounts.tests.scope_world import world  # noqa: F401 — a fixture
from directives.tests import hostile_files as files
from ntm.tests.hostile_urls import server_errors
from ntm.uploads import MB
from programme.periods import Structure
from recognition import dossiers, rules
from recognition.models import Dossier, DossierDocument, Registration, RoadmapItem
from recognition.rules import Actor, Subject

OFFICE = "Văn phòng Điều phối nông thôn mới tỉnh"


def page(response) -> str:
    return html.unescape(response.content.decode())


# Who attaches each document: the owner of the step before the step asking for it, on the dossier's own path ------

OWNERS = [
    # (structure, subject, document, who attaches it)
    (Structure.THREE_LEVEL, Subject.COMMUNE, "self_assessment_report", Actor.COMMUNE_OFFICER),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "satisfaction_poll_result", Actor.COMMUNE_OFFICER),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "commune_request", Actor.COMMUNE_OFFICER),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "verification_report", Actor.DISTRICT_OFFICER),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "district_request", Actor.DISTRICT_OFFICER),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "appraisal_report", Actor.COORDINATION_OFFICE),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "draft_decision", Actor.COORDINATION_OFFICE),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "revocation_request", Actor.COORDINATION_OFFICE),
    (Structure.THREE_LEVEL, Subject.COMMUNE, "verifier_request", None),
    (Structure.TWO_LEVEL, Subject.COMMUNE, "self_assessment_report", Actor.COMMUNE_OFFICER),
    (Structure.TWO_LEVEL, Subject.COMMUNE, "verification_report", Actor.PROVINCIAL_VERIFIER),
    (Structure.TWO_LEVEL, Subject.COMMUNE, "verifier_request", Actor.PROVINCIAL_VERIFIER),
    (Structure.TWO_LEVEL, Subject.COMMUNE, "district_request", None),
    (Structure.TWO_LEVEL, Subject.COMMUNE, "appraisal_report", Actor.COORDINATION_OFFICE),
    (Structure.THREE_LEVEL, Subject.VILLAGE, "commune_request", Actor.COMMUNE_OFFICER),
    (Structure.THREE_LEVEL, Subject.VILLAGE, "appraisal_report", Actor.DISTRICT_OFFICER),
    (Structure.THREE_LEVEL, Subject.VILLAGE, "review_report", Actor.DISTRICT_OFFICER),
    (Structure.TWO_LEVEL, Subject.VILLAGE, "appraisal_report", Actor.PROVINCIAL_VERIFIER),
    (Structure.TWO_LEVEL, Subject.MODEL_AREA, "appraisal_report", Actor.PROVINCIAL_VERIFIER),
    (Structure.THREE_LEVEL, Subject.GARDEN, "commune_request", Actor.COMMUNE_OFFICER),
    (Structure.THREE_LEVEL, Subject.GARDEN, "posting_record", None),
    (Structure.TWO_LEVEL, Subject.GARDEN, "appraisal_report", Actor.PROVINCIAL_VERIFIER),
    (Structure.TWO_LEVEL, Subject.PROVINCE, "province_report", Actor.COORDINATION_OFFICE),
    (Structure.TWO_LEVEL, Subject.PROVINCE, "province_request", Actor.PROVINCE_LEADER),
    (Structure.TWO_LEVEL, Subject.PROVINCE, "revocation_request", Actor.COORDINATION_OFFICE),
    (Structure.TWO_LEVEL, Subject.PROVINCE, "appraisal_report", None),
]


@pytest.mark.parametrize(("structure", "subject", "code", "owner"), OWNERS,
                         ids=[f"{s.value}-{subject.value}-{code}" for s, subject, code, _ in OWNERS])
def test_each_document_is_attached_by_the_owner_of_its_step(structure, subject, code, owner):
    assert rules.document_owner(rules.path_of(subject, structure), code) == owner


@pytest.mark.parametrize("structure", list(Structure))
@pytest.mark.parametrize("subject", list(Subject))
def test_every_document_a_path_asks_for_has_someone_to_attach_it(structure, subject):
    path = rules.path_of(subject, structure)
    reachable = {actor for actors in dossiers.ACTORS_OF_ROLE.values() for actor in actors} | {
        Actor.PROVINCIAL_VERIFIER}
    for step, codes in path.checklist.items():
        for code in codes:
            owner = rules.document_owner(path, code)
            assert owner in reachable, (step, code)
            assert rules.attach_refusal(path, code, {owner}) == ""
            others = set(Actor) - {owner}
            assert rules.attach_refusal(path, code, others).endswith("đính kèm."), (step, code)


@pytest.fixture
def dossier_world(geo_map, cast, agencies, small_set):
    agency = Agency.objects.create(name="UBND xã Kỳ Anh Mới", kind=AgencyKind.PEOPLES_COMMITTEE,
                                   unit=geo_map.new_commune)
    new_officer = User.objects.create_user(username="xa_moi", password="x-2026-mat-khau")
    Membership.objects.create(user=new_officer, agency=agency, role=Role.COMMUNE_OFFICER,
                              scope_unit=geo_map.new_commune)
    users = {"commune": cast[Role.COMMUNE_OFFICER], "district": cast[Role.DISTRICT_OFFICER],
             "office": cast[Role.COORDINATOR], "department": cast[Role.DEPARTMENT_OFFICER], "new_commune": new_officer,
             "outsider": cast["outsider"]}
    made = {
        "commune3": Dossier.objects.create(unit=geo_map.commune, year=2022, subject=Subject.COMMUNE, level="standard",
                                           step="registered"),
        "commune2": Dossier.objects.create(unit=geo_map.new_commune, year=2026, subject=Subject.COMMUNE,
                                           level="standard", step="registered"),
        "village3": Dossier.objects.create(unit=geo_map.village, year=2022, subject=Subject.VILLAGE, level="standard",
                                           step="registered"),
        "province": Dossier.objects.create(unit=geo_map.province, year=2026, subject=Subject.PROVINCE,
                                           level="standard", step="registered"),
    }
    return users, made


ATTACHING = [
    # (case, dossier, user, document, expected refusal or None)
    ("the commune its self-assessment", "commune3", "commune", "self_assessment_report", None),
    ("the commune the district's verification", "commune3", "commune", "verification_report",
     "Tài liệu «Báo cáo kết quả thẩm tra (mức độ đạt từng tiêu chí)» do cán bộ UBND huyện đính kèm."),
    ("the commune the province's appraisal", "commune3", "commune", "appraisal_report",
     f"Tài liệu «Báo cáo kết quả thẩm định» do {OFFICE} đính kèm."),
    ("the commune a paper of the path without districts", "commune3", "commune", "verifier_request",
     "Hồ sơ này không cần tài liệu"),
    ("the district its verification", "commune3", "district", "verification_report", None),
    ("the district the commune's self-assessment", "commune3", "district", "self_assessment_report",
     "do cán bộ UBND xã đính kèm."),
    ("the office the draft decision", "commune3", "office", "draft_decision", None),
    ("the office the revocation request", "commune3", "office", "revocation_request", None),
    ("the office the commune's request", "commune3", "office", "commune_request", "do cán bộ UBND xã đính kèm."),
    ("a department the appraisal", "commune3", "department", "appraisal_report", f"do {OFFICE} đính kèm."),
    ("a new commune its self-assessment", "commune2", "new_commune", "self_assessment_report", None),
    ("a new commune the verifier's report", "commune2", "new_commune", "verification_report",
     "do cơ quan cấp tỉnh được giao thẩm tra đính kèm."),
    ("the designated office the verification", "commune2", "office", "verification_report", None),
    ("the designated office its request", "commune2", "office", "verifier_request", None),
    ("a district's request without districts", "commune2", "office", "district_request",
     "Hồ sơ này không cần tài liệu"),
    ("the district a village's appraisal", "village3", "district", "appraisal_report", None),
    ("the commune a village's appraisal", "village3", "commune", "appraisal_report", "do cán bộ UBND huyện đính kèm."),
    ("the office the province's report", "province", "office", "province_report", None),
    ("the office the chairman's request", "province", "office", "province_request", None),
    ("an unknown document", "commune3", "commune", "bao_cao_gia", "Loại tài liệu không có trong danh mục hồ sơ."),
]


@pytest.mark.parametrize(("case", "dossier", "user", "code", "refusal"), ATTACHING, ids=[c[0] for c in ATTACHING])
def test_a_document_is_attached_only_by_the_owner_of_its_step(client, dossier_world, case, dossier, user, code, refusal):
    users, made = dossier_world
    client.force_login(users[user])
    response = client.post(reverse("recognition:dossier", args=[made[dossier].pk]),
                           {"action": "document", "code": code, "note": "Số 12/BC-UBND"}, follow=True)
    assert response.status_code == 200
    if refusal is None:
        assert (DossierDocument.objects.filter(code=code).count(), AuditEntry.objects.count()) == (1, 1)
    else:
        assert refusal in page(response)
        assert (DossierDocument.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_the_page_offers_only_the_documents_the_user_attaches(client, dossier_world):
    users, made = dossier_world
    client.force_login(users["commune"])
    offered = [d.code for d in client.get(reverse("recognition:dossier", args=[made["commune3"].pk])
                                          ).context["documents"]]
    assert offered == ["self_assessment_report", "criteria_summary", "debt_report", "posting_record",
                       "opinions_summary", "satisfaction_poll_result", "proposal_minutes", "commune_request"]


def test_someone_outside_the_dossier_cannot_attach_anything(client, dossier_world):
    users, made = dossier_world
    client.force_login(users["outsider"])
    response = client.post(reverse("recognition:dossier", args=[made["commune3"].pk]),
                           {"action": "document", "code": "self_assessment_report"})
    assert response.status_code == 404
    client.force_login(users["new_commune"])
    response = client.post(reverse("recognition:dossier", args=[made["commune3"].pk]),
                           {"action": "document", "code": "self_assessment_report"})
    assert response.status_code == 404
    assert (DossierDocument.objects.count(), AuditEntry.objects.count()) == (0, 0)


# Files ---------------------------------------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 200
BAD_FILES = [
    ("an executable named .pdf", "bien-ban.pdf", b"MZ\x90\x00" + b"\0" * 100, "không phải là tệp PDF"),
    ("an HTML page", "bien-ban.html", b"<html><script>alert(1)</script></html>", "không phải là tệp PDF"),
    ("over 10 MB", "bien-ban.pdf", b"%PDF-1.4" + b"0" * (10 * MB), "lớn hơn 10 MB"),
    ("a Word file unpacking to 1 GB", "bien-ban.docx",
     files.declaring(files.word_notice(), "word/document.xml", 2**30), "khi giải nén lớn hơn"),
    ("a zip with no Office part", "bien-ban.xlsx", files.with_entry(files.word_notice(), "a.txt", b"x")[:40],
     "không phải là tệp PDF"),
]


@pytest.mark.parametrize(("case", "name", "content", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_a_document_file_must_be_a_document_or_an_image_within_10_mb(client, dossier_world, case, name, content, message):
    users, made = dossier_world
    client.force_login(users["commune"])
    response = client.post(reverse("recognition:dossier", args=[made["commune3"].pk]), {
        "action": "document", "code": "self_assessment_report", "file": SimpleUploadedFile(name, content)},
        follow=True)
    assert message in page(response)
    assert "Chỉ nhận PDF, ảnh JPG/PNG, Word, Excel, tối đa 10 MB." in page(response)
    assert (DossierDocument.objects.count(), AuditEntry.objects.count()) == (0, 0)


def _stored(settings) -> list[str]:
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_document_is_downloaded_by_those_who_see_the_dossier_and_a_replaced_file_is_deleted(
        client, dossier_world, settings, django_capture_on_commit_callbacks):
    users, made = dossier_world
    client.force_login(users["commune"])
    url = reverse("recognition:dossier", args=[made["commune3"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "document", "code": "self_assessment_report", "note": "Số 1",
                          "file": SimpleUploadedFile("bao-cao.pdf", JPEG)})
    document = DossierDocument.objects.get()
    assert document.file.name.endswith("bao-cao.jpg") and _stored(settings) == [document.file.name]
    download_url = reverse("recognition:document", args=[document.pk])
    shown = page(client.get(url))
    assert download_url in shown and "/media/" not in shown
    download = client.get(download_url)
    assert (download.status_code, download["Content-Disposition"]) == (200, 'attachment; filename="bao-cao.jpg"')
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "document", "code": "self_assessment_report", "note": "Số 2",
                          "file": SimpleUploadedFile("bao-cao-moi.pdf", files.text_pdf())})
    document = DossierDocument.objects.get()
    assert (document.note, _stored(settings)) == ("Số 2", [document.file.name])
    assert document.file.name.endswith("bao-cao-moi.pdf")
    for who, status in (("outsider", 404), ("new_commune", 404), ("district", 200), ("office", 200)):
        client.force_login(users[who])
        assert client.get(download_url).status_code == status, who


@pytest.mark.parametrize("pk", ["0", "99999", "1" + "0" * 20])
def test_a_missing_document_is_not_found(client, dossier_world, pk):
    users, _ = dossier_world
    client.force_login(users["office"])
    assert client.get(f"/cong-nhan/ho-so/tai-lieu/{pk}/tep/").status_code == 404


# Counts and texts ------------------------------------------------------------------------------------------------

LONG = "x" * 100_000
POSTS = [
    # (case, dossier, user, data, expected message)
    ("households 1E300", "commune3", "commune", {"action": "poll", "version": "1", "households": "1E300",
                                                 "respondents": "10", "satisfied": "9"}, "không phải là số"),
    ("respondents ²", "commune3", "commune", {"action": "poll", "version": "1", "respondents": "²", "satisfied": "9"},
     "'²' không phải là số"),
    ("satisfied with 30 digits", "commune3", "commune", {"action": "poll", "version": "1", "respondents": "10",
                                                         "satisfied": "1" * 30}, "quá nhiều chữ số"),
    ("respondents -1", "commune3", "commune", {"action": "poll", "version": "1", "respondents": "-1",
                                               "satisfied": "0"}, "số hộ không được nhỏ hơn 0"),
    ("households of two billion", "commune3", "commune", {"action": "poll", "version": "1", "households": "2000000000",
                                                          "respondents": "10", "satisfied": "9"},
     "số hộ không được lớn hơn 1.000.000.000"),
    ("half a household", "commune3", "commune", {"action": "poll", "version": "1", "respondents": "12,5",
                                                 "satisfied": "9"}, "số hộ phải là số nguyên"),
    ("a version of ²", "commune3", "commune", {"action": "poll", "version": "²", "respondents": "10",
                                               "satisfied": "9"}, "Trang đã cũ: hãy tải lại trang."),
    ("a version of 10^20", "commune3", "commune", {"action": "move", "version": "1" + "0" * 20,
                                                   "to_step": "self_assessed"}, "Trang đã cũ"),
    ("criteria met 1E300", "village3", "commune", {"action": "criteria", "version": "1", "met": "1E300",
                                                   "total": "19"}, "không phải là số"),
    ("criteria total 99999", "village3", "commune", {"action": "criteria", "version": "1", "met": "1",
                                                     "total": "99999"}, "số tiêu chí không được lớn hơn 100"),
    ("a 100,000-character note", "commune3", "commune", {"action": "document", "code": "self_assessment_report",
                                                         "note": LONG}, "quá dài: tối đa 300 ký tự."),
    ("a 100,000-character return reason", "commune3", "commune", {"action": "move", "version": "1",
                                                                  "to_step": "registered", "comment": LONG},
     "quá dài: tối đa 2.000 ký tự."),
    ("a 100,000-character opinion", "commune3", "department", {"action": "opinion", "agency": "1", "text": LONG},
     "quá dài: tối đa 4.000 ký tự."),
    ("a decision dated 9999", "commune3", "office", {"action": "decision", "version": "1", "number": "1/QĐ",
                                                     "date": "9999-12-31"}, "Ngày phải từ 01/01/2000 đến 31/12/2100."),
    ("a decision dated 0000", "commune3", "office", {"action": "decision", "version": "1", "number": "1/QĐ",
                                                     "date": "0000-01-01"}, "Ngày quyết định"),
    ("a 100,000-character revocation detail", "commune3", "office", {
        "action": "revocation", "reason": "false_dossier", "detail": LONG, "detected_on": "2026-01-01"},
     "quá dài: tối đa 4.000 ký tự."),
    ("an unknown action", "commune3", "office", {"action": "xoa_het"}, None),
]


@pytest.mark.parametrize(("case", "dossier", "user", "data", "message"), POSTS, ids=[c[0] for c in POSTS])
def test_dossier_forms_are_bounded_and_write_nothing(client, dossier_world, case, dossier, user, data, message):
    users, made = dossier_world
    client.force_login(users[user])
    response = client.post(reverse("recognition:dossier", args=[made[dossier].pk]), data, follow=True)
    if message is None:
        assert response.status_code == 404
    else:
        assert (response.status_code, message in page(response)) == (200, True), page(response)[-2000:]
    assert AuditEntry.objects.count() == 0
    assert [(d.version, d.step, d.households, d.poll_respondents, d.criteria_total)
            for d in Dossier.objects.order_by("pk")] == [(1, "registered", None, None, None)] * 4


@pytest.fixture
def registration(geo_map):
    return Registration.objects.create(unit=geo_map.commune, year=2022)


ROADMAP = [
    ("a 100,000-character action", {"action": "add", "viec-action": LONG, "viec-due_date": "2022-10-01",
                                    "viec-responsible_person": "Anh Tâm"}, "quá dài: tối đa 2.000 ký tự."),
    ("a due date in 9999", {"action": "add", "viec-action": "Làm đường", "viec-due_date": "9999-12-31",
                            "viec-responsible_person": "Anh Tâm"}, "Ngày phải từ 01/01/2000 đến 31/12/2100."),
    ("a 100,000-character person", {"action": "add", "viec-action": "Làm đường", "viec-due_date": "2022-10-01",
                                    "viec-responsible_person": LONG}, "quá dài: tối đa 150 ký tự."),
    ("an item id of 10^20", {"action": "item", "muc-item": "1" + "0" * 20, "muc-version": "1", "muc-status": "open"},
     "Trang đã cũ: hãy tải lại trang."),
]


@pytest.mark.parametrize(("case", "data", "message"), ROADMAP, ids=[c[0] for c in ROADMAP])
def test_roadmap_forms_are_bounded_and_write_nothing(client, cast, registration, case, data, message):
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("recognition:registration", args=[registration.pk]), data, follow=True)
    assert message in page(response), page(response)[-2000:]
    assert (RoadmapItem.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COMMUNE_OFFICER])
def test_no_recognition_page_fails_on_hostile_parameters(world, role):  # noqa: F811
    assert server_errors(world, role, "recognition", ["dia_ban", "nam", "doi_tuong", "bo", "tat_ca", "xlsx"]) == []
