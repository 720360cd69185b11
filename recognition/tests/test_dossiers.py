"""A commune's dossier through the procedure: each step by its actor, blocked by debt, a failed poll, missing
documents, criteria or opinions, returned with a reason, decided, then revoked when it fails to recover."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Agency, AgencyKind, AuditEntry, Role
from finance.models import ConstructionDebt, Project
from ntm.locking import StaleVersion
from recognition import dossiers, rules
from recognition.models import Dossier, DossierEvent, Revocation, RevocationOutcome, Subject
from recognition.rules import Step
from recognition.tests.conftest import ALL_MET, YEAR, give_values

TODAY = datetime.date(YEAR, 12, 20)


@pytest.fixture
def dossier(geo_map, cast, small_set, region_dhntb):
    give_values(geo_map.commune, ALL_MET)
    return dossiers.open_dossier(geo_map.commune, subject=Subject.COMMUNE, year=YEAR, by=cast[Role.COMMUNE_OFFICER])


@pytest.fixture
def departments(geo_map):
    """The owners the test set names, as agencies of the province."""
    return {name: Agency.objects.create(name=name, kind=AgencyKind.DEPARTMENT, unit=geo_map.province)
            for name in ("Sở Xây dựng", "Sở Giao thông vận tải", "Cục Thống kê")}


def attach_up_to(dossier, step: Step, user) -> None:
    for document in rules.required_documents(dossier.path, step):
        if not dossier.documents.filter(code=document.code).exists():
            dossiers.attach_document(dossier, code=document.code, by=user)


def advance(dossier, step: Step, user, **kwargs):
    attach_up_to(dossier, step, user)
    return dossiers.move_dossier(dossier, step, version=dossier.version, by=user, today=TODAY, **kwargs)


def poll(dossier, user, satisfied=950):
    return dossiers.record_poll(dossier, households=1200, respondents=1000, satisfied=satisfied,
                                version=dossier.version, by=user)


def through_district(dossier, cast):
    commune, district = cast[Role.COMMUNE_OFFICER], cast[Role.DISTRICT_OFFICER]
    dossier = advance(dossier, Step.SELF_ASSESSED, commune)
    dossier = advance(dossier, Step.POSTED_PUBLICLY, commune)
    dossier = poll(dossier, commune)
    dossier = advance(dossier, Step.POLL_DONE, commune)
    dossier = advance(dossier, Step.SUBMITTED_TO_DISTRICT, commune)
    dossier = advance(dossier, Step.VERIFIED, district)
    return advance(dossier, Step.SUBMITTED_TO_PROVINCE, district)


def test_a_commune_goes_from_registration_to_recognition(dossier, cast, departments):
    dossier = through_district(dossier, cast)
    office = cast[Role.COORDINATOR]
    with pytest.raises(dossiers.MoveRefused, match="Chưa có ý kiến thẩm định của Cục Thống kê"):
        advance(dossier, Step.APPRAISED, office)
    for agency in departments.values():
        officer = cast[Role.DEPARTMENT_OFFICER]
        officer.memberships.update(agency=agency)
        officer._ntm_memberships = None
        dossiers.give_opinion(dossier, agency=agency, agrees=True, text="Đạt", by=officer)
    dossier = advance(dossier, Step.APPRAISED, office)
    with pytest.raises(dossiers.MoveRefused, match="Chưa có số và ngày quyết định công nhận"):
        advance(dossier, Step.RECOGNISED, office)
    dossier = dossiers.record_decision(dossier, number="3579/QĐ-UBND", date=TODAY, certificate="123",
                                       version=dossier.version, by=office)
    dossier = advance(dossier, Step.RECOGNISED, office)
    steps = list(DossierEvent.objects.filter(dossier=dossier).values_list("to_step", flat=True))
    assert steps == [s.value for s in rules.COMMUNE_PATH.steps]


def test_a_step_cannot_be_skipped_nor_taken_by_another_actor(dossier, cast):
    with pytest.raises(dossiers.MoveRefused, match="Chỉ được chuyển sang bước kế tiếp"):
        advance(dossier, Step.POSTED_PUBLICLY, cast[Role.COMMUNE_OFFICER])
    with pytest.raises(PermissionDenied):  # a viewer is no actor of the procedure
        advance(dossier, Step.SELF_ASSESSED, cast[Role.VIEWER])
    with pytest.raises(dossiers.MoveRefused, match="chỉ cán bộ UBND xã xử lý"):
        advance(dossier, Step.SELF_ASSESSED, cast[Role.DISTRICT_OFFICER])
    assert dossier.step == Step.REGISTERED and dossier.events.count() == 1


def test_outstanding_debt_keeps_the_dossier_at_the_commune(dossier, cast, geo_map, agencies):
    project = Project.objects.create(province=geo_map.province, code="DA-1", name="Đường", investor=agencies["commune"])
    ConstructionDebt.objects.create(project=project, commune=geo_map.commune, amount=Decimal(450_000_000),
                                    as_of=datetime.date(YEAR, 1, 1))
    commune = cast[Role.COMMUNE_OFFICER]
    for step in (Step.SELF_ASSESSED, Step.POSTED_PUBLICLY):
        dossier = advance(dossier, step, commune)
    dossier = advance(poll(dossier, commune), Step.POLL_DONE, commune)
    with pytest.raises(dossiers.MoveRefused, match="Còn nợ đọng xây dựng cơ bản 450 triệu đồng"):
        advance(dossier, Step.SUBMITTED_TO_DISTRICT, commune)
    ConstructionDebt.objects.update(cleared_on=datetime.date(YEAR, 12, 1))
    assert advance(dossier, Step.SUBMITTED_TO_DISTRICT, commune).step == Step.SUBMITTED_TO_DISTRICT


def test_a_failed_poll_or_unmet_criteria_block_the_commune(dossier, cast, geo_map):
    commune = cast[Role.COMMUNE_OFFICER]
    for step in (Step.SELF_ASSESSED, Step.POSTED_PUBLICLY):
        dossier = advance(dossier, step, commune)
    dossier = poll(dossier, commune, satisfied=899)
    with pytest.raises(dossiers.MoveRefused, match="Tỷ lệ hài lòng 89,9 %"):
        advance(dossier, Step.POLL_DONE, commune)
    dossier = advance(poll(dossier, commune), Step.POLL_DONE, commune)
    give_values(geo_map.commune, {"2.1": "60"})
    with pytest.raises(dossiers.MoveRefused, match="Mới đạt 2/3 tiêu chí"):
        advance(dossier, Step.SUBMITTED_TO_DISTRICT, commune)


def test_the_district_returns_a_dossier_with_a_reason(dossier, cast):
    dossier = through_district(dossier, cast)
    district = cast[Role.DISTRICT_OFFICER]
    with pytest.raises(dossiers.MoveRefused):  # it is the office's step now
        dossiers.move_dossier(dossier, Step.VERIFIED, version=dossier.version, by=district, comment="x")
    office = cast[Role.COORDINATOR]
    with pytest.raises(dossiers.MoveRefused, match="cần ghi rõ lý do"):
        dossiers.move_dossier(dossier, Step.VERIFIED, version=dossier.version, by=office)
    dossier = dossiers.move_dossier(dossier, Step.VERIFIED, version=dossier.version, by=office,
                                    comment="Thiếu biên bản họp thẩm tra có chữ ký")
    assert dossier.step == Step.VERIFIED
    assert dossier.events.last().comment == "Thiếu biên bản họp thẩm tra có chữ ký"


def test_two_people_moving_the_same_dossier_do_not_both_succeed(dossier, cast):
    commune = cast[Role.COMMUNE_OFFICER]
    attach_up_to(dossier, Step.SELF_ASSESSED, commune)
    dossiers.move_dossier(dossier, Step.SELF_ASSESSED, version=1, by=commune, today=TODAY)
    with pytest.raises(StaleVersion):
        dossiers.move_dossier(dossier, Step.SELF_ASSESSED, version=1, by=commune, today=TODAY)


def test_a_recognised_commune_that_does_not_recover_is_revoked(dossier, cast, departments):
    dossier = recognise(dossier, cast, departments)
    office = cast[Role.COORDINATOR]
    revocation = dossiers.open_revocation(dossier, reason=rules.RevocationGround.SHORTFALL_NOT_RECOVERED,
                                          detail="TC 2 không còn đạt", detected_on=datetime.date(2023, 3, 1),
                                          deadline=datetime.date(2024, 3, 1), by=office)
    attach_up_to(dossier, Step.REVOCATION_PROPOSED, office)
    with pytest.raises(dossiers.MoveRefused, match="Chưa có căn cứ thu hồi"):  # still within its deadline
        dossiers.move_dossier(dossier, Step.REVOCATION_PROPOSED, version=dossier.version, by=office,
                              today=datetime.date(2023, 6, 1))
    dossier = dossiers.move_dossier(dossier, Step.REVOCATION_PROPOSED, version=dossier.version, by=office,
                                    today=datetime.date(2024, 4, 1))
    dossiers.record_revocation_decision(revocation, number="99/QĐ-UBND", decided_on=datetime.date(2024, 5, 1),
                                        by=office)
    dossier = dossiers.move_dossier(dossier, Step.REVOKED, version=dossier.version, by=office,
                                    today=datetime.date(2024, 5, 2))
    revocation.refresh_from_db()
    assert dossier.step == Step.REVOKED and revocation.outcome == RevocationOutcome.REVOKED


def test_a_commune_failing_its_income_criterion_is_proposed_for_revocation_without_a_recovery_deadline(
        dossier, cast, departments):
    dossier = recognise(dossier, cast, departments)
    office = cast[Role.COORDINATOR]
    give_values(dossier.unit, {"3.1": "40"})  # 1 of 3 criteria failed, and it is Thu nhập (QĐ 18/2022)
    revocation = dossiers.open_revocation(dossier, reason=rules.RevocationGround.CRITERIA_SHORTFALL, detail="",
                                          detected_on=datetime.date(YEAR, 12, 22), deadline=None, by=office)
    assert (revocation.deadline, revocation.reason) == (datetime.date(YEAR, 12, 22), "criteria_shortfall")
    attach_up_to(dossier, Step.REVOCATION_PROPOSED, office)
    dossier = dossiers.move_dossier(dossier, Step.REVOCATION_PROPOSED, version=dossier.version, by=office,
                                    today=datetime.date(YEAR, 12, 23))  # no deadline to wait for
    assert dossier.step == Step.REVOCATION_PROPOSED


def test_the_count_ground_is_refused_when_the_criteria_failed_are_too_few(dossier, cast, departments):
    dossier = recognise(dossier, cast, departments)
    office = cast[Role.COORDINATOR]
    give_values(dossier.unit, {"2.1": "60"})  # 1 of 3 failed, not a key criterion
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=r"1/3 tiêu chí xã không đạt \(33,3 %\): chưa đến mức phải thu hồi"):
        dossiers.open_revocation(dossier, reason=rules.RevocationGround.CRITERIA_SHORTFALL, detail="",
                                 detected_on=datetime.date(YEAR, 12, 22), deadline=None, by=office)
    with pytest.raises(ValidationError, match="Cần ghi hạn khắc phục"):  # a time-based ground needs its deadline
        dossiers.open_revocation(dossier, reason=rules.RevocationGround.SHORTFALL_NOT_RECOVERED, detail="",
                                 detected_on=datetime.date(YEAR, 12, 22), deadline=None, by=office)
    assert (Revocation.objects.count(), AuditEntry.objects.count()) == (0, entries)


def recognise(dossier, cast, departments):
    """The whole path with every opinion and the decision."""
    dossier = through_district(dossier, cast)
    for agency in departments.values():
        dossier.opinions.create(agency=agency, agrees=True)
    office = cast[Role.COORDINATOR]
    dossier = advance(dossier, Step.APPRAISED, office)
    dossier = dossiers.record_decision(dossier, number="1/QĐ-UBND", date=TODAY, certificate="",
                                       version=dossier.version, by=office)
    return advance(dossier, Step.RECOGNISED, office)


def test_a_village_title_is_decided_by_the_district(geo_map, cast, small_set):
    village = dossiers.open_dossier(geo_map.village, subject=Subject.VILLAGE, year=YEAR, by=cast[Role.COMMUNE_OFFICER])
    assert village.level == "standard"
    commune, district = cast[Role.COMMUNE_OFFICER], cast[Role.DISTRICT_OFFICER]
    village = dossiers.record_criteria(village, met=12, total=12, version=village.version, by=commune)
    for step in (Step.SELF_ASSESSED, Step.POSTED_PUBLICLY):
        village = advance(village, step, commune)
    village = dossiers.record_poll(village, households=None, respondents=80, satisfied=78, version=village.version,
                                   by=commune)
    for step in (Step.POLL_DONE, Step.SUBMITTED_TO_DISTRICT):
        village = advance(village, step, commune)
    village = advance(village, Step.APPRAISED, district)
    village = dossiers.record_decision(village, number="5/QĐ-UBND", date=TODAY, certificate="", version=village.version,
                                       by=district)
    assert advance(village, Step.RECOGNISED, district).step == Step.RECOGNISED


def test_the_office_takes_the_province_through_its_short_path_to_the_prime_ministers_decision(geo_map, cast):
    office = cast[Role.COORDINATOR]
    province = dossiers.open_dossier(geo_map.province, subject=Subject.PROVINCE, year=2026, by=office)
    assert (province.level, province.step, str(province)) == (
        "standard", Step.REGISTERED, "Tỉnh Mẫu — hoàn thành nhiệm vụ xây dựng nông thôn mới năm 2026")
    today = datetime.date(2026, 12, 1)
    province = dossiers.record_criteria(province, met=9, total=9, version=province.version, by=office)
    for step in (Step.SELF_ASSESSED, Step.SUBMITTED_TO_CENTRAL):
        attach_up_to(province, step, office)
        province = dossiers.move_dossier(province, step, version=province.version, by=office, today=today)
    attach_up_to(province, Step.RECOGNISED, office)
    with pytest.raises(dossiers.MoveRefused, match="Chưa có số và ngày quyết định công nhận"):
        dossiers.move_dossier(province, Step.RECOGNISED, version=province.version, by=office, today=today)
    province = dossiers.record_decision(province, number="1234/QĐ-TTg", date=datetime.date(2026, 11, 30),
                                        certificate="", version=province.version, by=office)
    province = dossiers.move_dossier(province, Step.RECOGNISED, version=province.version, by=office, today=today)
    assert list(province.events.values_list("to_step", flat=True)) == [
        "registered", "self_assessed", "submitted_to_central", "recognised"]


@pytest.mark.parametrize(("role", "subject", "unit", "level", "year", "error"), [
    (Role.COMMUNE_OFFICER, Subject.PROVINCE, "province", None, 2026, PermissionDenied),  # the office's alone
    (Role.DEPARTMENT_OFFICER, Subject.PROVINCE, "province", None, 2026, PermissionDenied),
    (Role.COORDINATOR, Subject.PROVINCE, "province", None, 2025, "xét từ năm 2026"),
    (Role.COORDINATOR, Subject.PROVINCE, "commune", None, 2026, "hồ sơ tỉnh hoàn thành nhiệm vụ lập cho một tỉnh"),
    (Role.COORDINATOR, Subject.COMMUNE, "new_commune", "modern", 2025, "Xã nông thôn mới hiện đại xét từ năm 2026"),
    (Role.COORDINATOR, Subject.COMMUNE, "new_commune", "advanced", 2026, "không còn bộ tiêu chí xã đạt chuẩn nông thôn "
                                                                         "mới nâng cao"),
    (Role.COORDINATOR, Subject.COMMUNE, "new_commune", "model", 2027, "không còn bộ tiêu chí xã đạt chuẩn nông thôn mới "
                                                                      "kiểu mẫu"),
])
def test_a_dossier_out_of_its_period_or_scope_is_refused_and_nothing_is_written(geo_map, cast, role, subject, unit,
                                                                               level, year, error):
    entries = AuditEntry.objects.count()
    expected = pytest.raises(error) if error is PermissionDenied else pytest.raises(ValidationError, match=error)
    with expected:
        dossiers.open_dossier(getattr(geo_map, unit), subject=subject, year=year, level=level, by=cast[role])
    assert (Dossier.objects.count(), AuditEntry.objects.count()) == (0, entries)


def test_a_modern_commune_is_opened_from_2026_and_waits_for_the_standard(geo_map, cast):
    office = cast[Role.COORDINATOR]
    modern = dossiers.open_dossier(geo_map.new_commune, subject=Subject.COMMUNE, year=2026, level="modern", by=office)
    assert str(modern) == "Xã nông thôn mới Xã Kỳ Anh Mới — Hiện đại 2026"
    facts = dossiers.facts_of(modern, datetime.date(2026, 12, 1))
    assert [b.message for b in rules.blockers(facts, Step.SUBMITTED_TO_DISTRICT)
            if b.code == rules.BlockerCode.PREREQUISITE_LEVEL] == [
        "Xã chưa được công nhận là xã đạt chuẩn nông thôn mới: chưa đủ điều kiện xét công nhận xã nông thôn mới hiện "
        "đại."]


def test_without_districts_the_designated_agency_verifies_a_2026_commune(geo_map, cast, small_set, region_dhntb,
                                                                          departments):
    from conftest import make_user
    from programme.models import ProvinceSettings

    committee = Agency.objects.create(name="UBND xã Kỳ Anh Mới", kind=AgencyKind.PEOPLES_COMMITTEE, unit=geo_map.new_commune)
    commune = make_user("xa_moi", Role.COMMUNE_OFFICER, committee, geo_map.new_commune)
    give_values(geo_map.new_commune, ALL_MET, year=2026)
    dossier = dossiers.open_dossier(geo_map.new_commune, subject=Subject.COMMUNE, year=2026, by=commune)
    for step in (Step.SELF_ASSESSED, Step.POSTED_PUBLICLY):
        dossier = advance(dossier, step, commune)
    dossier = poll(dossier, commune)
    dossier = advance(dossier, Step.POLL_DONE, commune)
    dossier = advance(dossier, Step.SUBMITTED_TO_DISTRICT, commune)
    assert dossier.step_label == "Đã trình thẩm tra (cấp tỉnh)"
    assert dossiers.moves_for(cast[Role.DISTRICT_OFFICER], dossier) == []
    with pytest.raises(PermissionDenied):  # the district's officer has nothing to do with a commune of 2026
        advance(dossier, Step.VERIFIED, cast[Role.DISTRICT_OFFICER])
    ProvinceSettings.objects.create(province=geo_map.province, verifying_agency=departments["Sở Xây dựng"])
    officer = cast[Role.DEPARTMENT_OFFICER]
    officer.memberships.update(agency=departments["Sở Xây dựng"])
    officer._ntm_memberships = None
    dossier = advance(dossier, Step.VERIFIED, officer)
    dossier = advance(dossier, Step.SUBMITTED_TO_PROVINCE, officer)
    assert dossier.documents.filter(code="verifier_request").exists()
    assert [e.actor for e in DossierEvent.objects.filter(dossier=dossier, to_step__in=["verified", "submitted_to_province"])
            ] == [officer, officer]
