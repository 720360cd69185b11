import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from programme.periods import Structure
from recognition import models
from recognition.rules import (
    DOCUMENTS,
    WITHOUT_DISTRICTS,
    Actor,
    Blocker,
    BlockerCode,
    DossierFacts,
    Outcome,
    RevocationGround,
    Step,
    Subject,
    Tier,
    blockers,
    levels_offered,
    may_move,
    move,
    offer_refusal,
    path_of,
    refusal,
    required_documents,
    subjects_offered,
    turn,
)

D = datetime.date
S = Step
A = Actor
THREE, TWO = Structure.THREE_LEVEL, Structure.TWO_LEVEL


def path(subject: Subject, structure: Structure = THREE):
    return path_of(subject, structure)

# Every move the procedure allows, per subject: (who, from, to). Anything else is refused.
ALLOWED = {
    Subject.COMMUNE: {
        (A.COMMUNE_OFFICER, S.REGISTERED, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.POSTED_PUBLICLY),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.POLL_DONE),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.SUBMITTED_TO_DISTRICT),
        (A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.VERIFIED),
        (A.DISTRICT_OFFICER, S.VERIFIED, S.SUBMITTED_TO_PROVINCE),
        (A.COORDINATION_OFFICE, S.SUBMITTED_TO_PROVINCE, S.APPRAISED),
        (A.PROVINCE_LEADER, S.APPRAISED, S.RECOGNISED),
        (A.COORDINATION_OFFICE, S.RECOGNISED, S.REVOCATION_PROPOSED),
        (A.PROVINCE_LEADER, S.REVOCATION_PROPOSED, S.REVOKED),
        # returns, by the owner of the current step
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.REGISTERED),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.POSTED_PUBLICLY),
        (A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.POLL_DONE),
        (A.DISTRICT_OFFICER, S.VERIFIED, S.SUBMITTED_TO_DISTRICT),
        (A.COORDINATION_OFFICE, S.SUBMITTED_TO_PROVINCE, S.VERIFIED),
        (A.PROVINCE_LEADER, S.APPRAISED, S.SUBMITTED_TO_PROVINCE),
        (A.PROVINCE_LEADER, S.REVOCATION_PROPOSED, S.RECOGNISED),  # the leader declines to revoke
    },
    Subject.VILLAGE: {
        (A.COMMUNE_OFFICER, S.REGISTERED, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.POSTED_PUBLICLY),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.POLL_DONE),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.SUBMITTED_TO_DISTRICT),
        (A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.APPRAISED),
        (A.DISTRICT_LEADER, S.APPRAISED, S.RECOGNISED),
        (A.DISTRICT_OFFICER, S.RECOGNISED, S.REVOCATION_PROPOSED),
        (A.DISTRICT_LEADER, S.REVOCATION_PROPOSED, S.REVOKED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.REGISTERED),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.POSTED_PUBLICLY),
        (A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.POLL_DONE),
        (A.DISTRICT_LEADER, S.APPRAISED, S.SUBMITTED_TO_DISTRICT),
        (A.DISTRICT_LEADER, S.REVOCATION_PROPOSED, S.RECOGNISED),
    },
    Subject.GARDEN: {
        (A.COMMUNE_OFFICER, S.REGISTERED, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.SUBMITTED_TO_DISTRICT),
        (A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.APPRAISED),
        (A.DISTRICT_LEADER, S.APPRAISED, S.RECOGNISED),
        (A.DISTRICT_OFFICER, S.RECOGNISED, S.REVOCATION_PROPOSED),
        (A.DISTRICT_LEADER, S.REVOCATION_PROPOSED, S.REVOKED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.REGISTERED),
        (A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.SELF_ASSESSED),
        (A.DISTRICT_LEADER, S.APPRAISED, S.SUBMITTED_TO_DISTRICT),
        (A.DISTRICT_LEADER, S.REVOCATION_PROPOSED, S.RECOGNISED),
    },
}
ALLOWED[Subject.MODEL_AREA] = ALLOWED[Subject.VILLAGE]
# A province completing the NTM task (51/2025 Phụ lục III): the office prepares, UBND tỉnh submits, the office
# records the Prime Minister's decision.
ALLOWED[Subject.PROVINCE] = {
    (A.COORDINATION_OFFICE, S.REGISTERED, S.SELF_ASSESSED),
    (A.PROVINCE_LEADER, S.SELF_ASSESSED, S.SUBMITTED_TO_CENTRAL),
    (A.COORDINATION_OFFICE, S.SUBMITTED_TO_CENTRAL, S.RECOGNISED),
    (A.COORDINATION_OFFICE, S.RECOGNISED, S.REVOCATION_PROPOSED),
    (A.COORDINATION_OFFICE, S.REVOCATION_PROPOSED, S.REVOKED),
    (A.PROVINCE_LEADER, S.SELF_ASSESSED, S.REGISTERED),
    (A.COORDINATION_OFFICE, S.SUBMITTED_TO_CENTRAL, S.SELF_ASSESSED),
    (A.COORDINATION_OFFICE, S.REVOCATION_PROPOSED, S.RECOGNISED),
}
LEVELS = {Subject.COMMUNE: list(Tier), Subject.VILLAGE: [Tier.STANDARD], Subject.MODEL_AREA: [Tier.MODEL],
          Subject.GARDEN: [Tier.MODEL], Subject.PROVINCE: [Tier.STANDARD]}


@pytest.mark.parametrize(("subject", "level", "actor", "from_step", "to_step"), [
    (subject, level, *m) for subject, moves in ALLOWED.items() for level in LEVELS[subject]
    for m in sorted(moves)
])
def test_each_allowed_move(subject, level, actor, from_step, to_step):
    assert may_move(actor, path(subject), level, from_step, to_step)


@pytest.mark.parametrize(("subject", "level"), [(s, level) for s in Subject for level in Tier])
def test_no_other_move_is_allowed(subject, level):
    allowed = {
        (actor, from_step, to_step)
        for actor in Actor for from_step in Step for to_step in Step
        if may_move(actor, path(subject), level, from_step, to_step)
    }
    assert allowed == (ALLOWED[subject] if level in LEVELS[subject] else set())


@pytest.mark.parametrize(("subject", "level", "actor", "from_step", "to_step", "code"), [
    # skipping a step
    (Subject.COMMUNE, Tier.STANDARD, A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.SUBMITTED_TO_DISTRICT,
     BlockerCode.NOT_ADJACENT),
    (Subject.COMMUNE, Tier.STANDARD, A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.SUBMITTED_TO_PROVINCE,
     BlockerCode.NOT_ADJACENT),
    (Subject.COMMUNE, Tier.ADVANCED, A.PROVINCE_LEADER, S.SUBMITTED_TO_PROVINCE, S.RECOGNISED,
     BlockerCode.NOT_ADJACENT),
    (Subject.COMMUNE, Tier.STANDARD, A.PROVINCE_LEADER, S.RECOGNISED, S.REVOKED, BlockerCode.NOT_ADJACENT),
    (Subject.COMMUNE, Tier.STANDARD, A.COMMUNE_OFFICER, S.POLL_DONE, S.POLL_DONE, BlockerCode.NOT_ADJACENT),
    # returning two steps
    (Subject.COMMUNE, Tier.STANDARD, A.COORDINATION_OFFICE, S.SUBMITTED_TO_PROVINCE, S.SUBMITTED_TO_DISTRICT,
     BlockerCode.NOT_ADJACENT),
    (Subject.COMMUNE, Tier.MODEL, A.PROVINCE_LEADER, S.APPRAISED, S.VERIFIED, BlockerCode.NOT_ADJACENT),
    # the wrong actor
    (Subject.COMMUNE, Tier.STANDARD, A.COMMUNE_OFFICER, S.SUBMITTED_TO_DISTRICT, S.VERIFIED,
     BlockerCode.WRONG_ACTOR),
    (Subject.COMMUNE, Tier.STANDARD, A.COORDINATION_OFFICE, S.APPRAISED, S.RECOGNISED, BlockerCode.WRONG_ACTOR),
    (Subject.COMMUNE, Tier.STANDARD, A.DEPARTMENT_OFFICER, S.SUBMITTED_TO_PROVINCE, S.APPRAISED,
     BlockerCode.WRONG_ACTOR),
    (Subject.COMMUNE, Tier.STANDARD, A.DISTRICT_OFFICER, S.SUBMITTED_TO_PROVINCE, S.VERIFIED,
     BlockerCode.WRONG_ACTOR),
    (Subject.COMMUNE, Tier.STANDARD, A.ADMIN, S.REGISTERED, S.SELF_ASSESSED, BlockerCode.WRONG_ACTOR),
    (Subject.COMMUNE, Tier.STANDARD, A.PROVINCE_LEADER, S.RECOGNISED, S.REVOCATION_PROPOSED,
     BlockerCode.WRONG_ACTOR),
    (Subject.VILLAGE, Tier.STANDARD, A.PROVINCE_LEADER, S.APPRAISED, S.RECOGNISED, BlockerCode.WRONG_ACTOR),
    # a recognition is undone only by revocation, and a revocation is final
    (Subject.COMMUNE, Tier.STANDARD, A.COORDINATION_OFFICE, S.RECOGNISED, S.APPRAISED, BlockerCode.NO_RETURN),
    (Subject.COMMUNE, Tier.STANDARD, A.PROVINCE_LEADER, S.REVOKED, S.REVOCATION_PROPOSED, BlockerCode.CLOSED),
    (Subject.GARDEN, Tier.MODEL, A.DISTRICT_LEADER, S.REVOKED, S.REVOCATION_PROPOSED, BlockerCode.CLOSED),
    # steps another subject has
    (Subject.VILLAGE, Tier.STANDARD, A.DISTRICT_OFFICER, S.SUBMITTED_TO_DISTRICT, S.VERIFIED,
     BlockerCode.STEP_NOT_IN_PATH),
    (Subject.GARDEN, Tier.MODEL, A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.POSTED_PUBLICLY,
     BlockerCode.STEP_NOT_IN_PATH),
    # levels another subject has
    (Subject.GARDEN, Tier.STANDARD, A.COMMUNE_OFFICER, S.REGISTERED, S.SELF_ASSESSED,
     BlockerCode.LEVEL_NOT_FOR_SUBJECT),
    (Subject.VILLAGE, Tier.ADVANCED, A.COMMUNE_OFFICER, S.REGISTERED, S.SELF_ASSESSED,
     BlockerCode.LEVEL_NOT_FOR_SUBJECT),
])
def test_refused_moves_say_why(subject, level, actor, from_step, to_step, code):
    assert not may_move(actor, path(subject), level, from_step, to_step)
    reason = refusal(actor, path(subject), level, from_step, to_step)
    assert reason is not None and reason.code == code


def test_the_wrong_actor_is_told_who_acts():
    reason = refusal(A.COMMUNE_OFFICER, path(Subject.COMMUNE), Tier.STANDARD, S.SUBMITTED_TO_DISTRICT, S.VERIFIED)
    assert reason == Blocker(BlockerCode.WRONG_ACTOR,
                             "Hồ sơ đang ở bước «Đã trình UBND huyện»: chỉ cán bộ UBND huyện xử lý.")


def facts(subject=Subject.COMMUNE, level=Tier.STANDARD, **changes) -> DossierFacts:
    """A dossier that meets everything at every step; each test breaks one thing."""
    complete = DossierFacts(
        subject=subject, structure=THREE, level=level, criteria_met=19, criteria_total=19, households=1000, poll_respondents=800,
        poll_satisfied=776, construction_debt=Decimal(0), documents=frozenset(DOCUMENTS),
        prerequisite_recognised=True, decision_number="1234/QĐ-UBND", decision_date=D(2024, 12, 20),
        revocation_grounds=frozenset({RevocationGround.SHORTFALL_NOT_RECOVERED}),
        revocation_decision_number="56/QĐ-UBND", revocation_decision_date=D(2026, 3, 2),
    )
    return replace(complete, **changes)


@pytest.mark.parametrize(("subject", "level", "to_step"), [
    (subject, level, step) for subject in Subject for level in LEVELS[subject] for step in path(subject).order[1:]
])
def test_a_complete_dossier_has_no_blockers(subject, level, to_step):
    assert blockers(facts(subject, level), to_step) == []


DEBT = "Còn nợ đọng xây dựng cơ bản 450 triệu đồng: chưa đủ điều kiện công nhận."
BELOW_90 = "Tỷ lệ hài lòng 85,0 % (680/800 hộ trả lời), dưới mức tối thiểu 90 %: chưa đủ điều kiện công nhận."
CRITERIA = "Mới đạt 17/19 tiêu chí, chưa đạt tất cả các tiêu chí: chưa đủ điều kiện công nhận."
GATED = [S.SUBMITTED_TO_DISTRICT, S.VERIFIED, S.SUBMITTED_TO_PROVINCE, S.APPRAISED, S.RECOGNISED]


@pytest.mark.parametrize("to_step", GATED)
@pytest.mark.parametrize(("changes", "expected"), [
    ({"construction_debt": Decimal(450_000_000)}, Blocker(BlockerCode.CONSTRUCTION_DEBT, DEBT)),
    ({"poll_satisfied": 680}, Blocker(BlockerCode.POLL_BELOW_THRESHOLD, BELOW_90)),
    ({"criteria_met": 17}, Blocker(BlockerCode.CRITERIA_NOT_MET, CRITERIA)),
])
def test_the_hard_conditions_block_every_step_from_the_request_to_the_decision(to_step, changes, expected):
    assert blockers(facts(**changes), to_step) == [expected]


@pytest.mark.parametrize(("to_step", "changes", "expected"), [
    # the debt is reported at self-assessment, and only then must be cleared
    (S.SELF_ASSESSED, {"construction_debt": Decimal(450_000_000)}, []),
    (S.VERIFIED, {"construction_debt": None}, [Blocker(
        BlockerCode.CONSTRUCTION_DEBT, "Chưa có số liệu nợ đọng xây dựng cơ bản: chưa đủ điều kiện công nhận.")]),
    (S.APPRAISED, {"construction_debt": Decimal(1_200_000_000)}, [Blocker(
        BlockerCode.CONSTRUCTION_DEBT, "Còn nợ đọng xây dựng cơ bản 1,2 tỷ đồng: chưa đủ điều kiện công nhận.")]),
    # the commune may poll while it finishes its last criteria
    (S.POLL_DONE, {"criteria_met": 17}, []),
    (S.SUBMITTED_TO_DISTRICT, {"criteria_met": 0, "criteria_total": 0}, [Blocker(
        BlockerCode.CRITERIA_NOT_MET, "Chưa có kết quả đánh giá các tiêu chí: chưa đủ điều kiện công nhận.")]),
])
def test_when_debt_and_criteria_block(to_step, changes, expected):
    assert blockers(facts(**changes), to_step) == expected


NO_POLL = "Chưa có kết quả lấy ý kiến sự hài lòng của người dân (chưa có phiếu trả lời)."


@pytest.mark.parametrize(("level", "to_step", "changes", "expected"), [
    (Tier.STANDARD, S.POSTED_PUBLICLY, {"poll_respondents": None, "poll_satisfied": None}, []),
    (Tier.STANDARD, S.POLL_DONE, {"poll_respondents": None, "poll_satisfied": None},
     [Blocker(BlockerCode.POLL_MISSING, NO_POLL)]),
    (Tier.STANDARD, S.APPRAISED, {"poll_respondents": 0, "poll_satisfied": 0},
     [Blocker(BlockerCode.POLL_MISSING, NO_POLL)]),
    (Tier.STANDARD, S.POLL_DONE, {"poll_satisfied": 680}, [Blocker(BlockerCode.POLL_BELOW_THRESHOLD, BELOW_90)]),
    # exactly at the line passes; just under it fails, and is not shown rounded up to the line
    (Tier.STANDARD, S.POLL_DONE, {"poll_satisfied": 720}, []),
    (Tier.STANDARD, S.POLL_DONE, {"households": 10000, "poll_respondents": 10000, "poll_satisfied": 8999},
     [Blocker(BlockerCode.POLL_BELOW_THRESHOLD, "Tỷ lệ hài lòng 89,9 % (8.999/10.000 hộ trả lời), dưới mức "
              "tối thiểu 90 %: chưa đủ điều kiện công nhận.")]),
    # an advanced commune needs more
    (Tier.ADVANCED, S.POLL_DONE, {"poll_satisfied": 752}, [Blocker(
        BlockerCode.POLL_BELOW_THRESHOLD,
        "Tỷ lệ hài lòng 94,0 % (752/800 hộ trả lời), dưới mức tối thiểu 95 %: chưa đủ điều kiện công nhận.")]),
    (Tier.STANDARD, S.POLL_DONE, {"poll_satisfied": 752}, []),
    # coverage of the commune's households
    (Tier.STANDARD, S.POLL_DONE, {"poll_respondents": 600, "poll_satisfied": 600}, [Blocker(
        BlockerCode.POLL_COVERAGE_LOW, "Mới lấy ý kiến 600/1.000 hộ (60,0 %), dưới mức tối thiểu 70 % số hộ: "
        "chưa đủ điều kiện công nhận.")]),
    (Tier.STANDARD, S.POLL_DONE, {"poll_respondents": 700, "poll_satisfied": 700}, []),
    (Tier.STANDARD, S.POLL_DONE, {"households": None}, [Blocker(
        BlockerCode.POLL_COVERAGE_LOW, "Chưa có tổng số hộ của xã để tính tỷ lệ hộ được lấy ý kiến.")]),
    (Tier.STANDARD, S.POLL_DONE, {"poll_satisfied": 801}, [Blocker(
        BlockerCode.POLL_INCONSISTENT, "Số hộ hài lòng (801) lớn hơn số hộ trả lời (800): kiểm tra lại kết quả "
        "lấy ý kiến.")]),
    (Tier.STANDARD, S.POLL_DONE, {"households": 700}, [Blocker(
        BlockerCode.POLL_INCONSISTENT, "Số hộ trả lời (800) lớn hơn tổng số hộ (700): kiểm tra lại kết quả "
        "lấy ý kiến.")]),
])
def test_the_satisfaction_poll(level, to_step, changes, expected):
    assert blockers(facts(level=level, **changes), to_step) == expected


def test_village_titles_have_no_coverage_minimum_and_no_debt_condition():
    area = facts(Subject.MODEL_AREA, Tier.MODEL, households=200, poll_respondents=20, poll_satisfied=20,
                 construction_debt=Decimal(450_000_000))
    assert blockers(area, S.APPRAISED) == []


def test_a_model_area_is_held_to_the_model_poll_line():
    area = facts(Subject.MODEL_AREA, Tier.MODEL, poll_respondents=170, poll_satisfied=160)
    assert [b.code for b in blockers(area, S.SUBMITTED_TO_DISTRICT)] == [BlockerCode.POLL_BELOW_THRESHOLD]


def test_a_garden_is_not_polled():
    garden = facts(Subject.GARDEN, Tier.MODEL, poll_respondents=None, poll_satisfied=None)
    assert blockers(garden, S.APPRAISED) == []


@pytest.mark.parametrize(("level", "expected"), [
    (Tier.STANDARD, []),
    (Tier.ADVANCED, [Blocker(BlockerCode.PREREQUISITE_LEVEL, "Xã chưa được công nhận là xã đạt chuẩn nông thôn "
                              "mới: chưa đủ điều kiện xét công nhận xã đạt chuẩn nông thôn mới nâng cao.")]),
    (Tier.MODEL, [Blocker(BlockerCode.PREREQUISITE_LEVEL, "Xã chưa được công nhận là xã đạt chuẩn nông thôn mới "
                           "nâng cao: chưa đủ điều kiện xét công nhận xã đạt chuẩn nông thôn mới kiểu mẫu.")]),
])
def test_a_higher_level_needs_the_level_below(level, expected):
    assert blockers(facts(level=level, prerequisite_recognised=False), S.SUBMITTED_TO_DISTRICT) == expected


@pytest.mark.parametrize("subject", [Subject.MODEL_AREA, Subject.GARDEN])
def test_a_model_area_or_garden_needs_no_lower_title_first(subject):
    assert blockers(facts(subject, Tier.MODEL, prerequisite_recognised=False), S.SUBMITTED_TO_DISTRICT) == []


def test_the_commune_request_is_required_to_ask_for_verification():
    dossier = facts(documents=frozenset(DOCUMENTS) - {"commune_request"})
    assert blockers(dossier, S.SUBMITTED_TO_DISTRICT) == [Blocker(
        BlockerCode.DOCUMENT_MISSING, "Thiếu tài liệu: Tờ trình của UBND xã đề nghị thẩm tra, xét công nhận.")]


def test_a_document_of_an_earlier_step_is_still_required_later():
    dossier = facts(documents=frozenset(DOCUMENTS) - {"debt_report"})
    assert blockers(dossier, S.APPRAISED) == [Blocker(
        BlockerCode.DOCUMENT_MISSING, "Thiếu tài liệu: Báo cáo tình hình nợ đọng xây dựng cơ bản.")]


@pytest.mark.parametrize(("subject", "to_step", "codes"), [
    (Subject.COMMUNE, S.SELF_ASSESSED, ["self_assessment_report", "criteria_summary", "debt_report"]),
    (Subject.COMMUNE, S.SUBMITTED_TO_DISTRICT, [
        "self_assessment_report", "criteria_summary", "debt_report", "posting_record", "opinions_summary",
        "satisfaction_poll_result", "proposal_minutes", "commune_request"]),
    (Subject.COMMUNE, S.REVOCATION_PROPOSED, ["review_report", "revocation_request"]),
    (Subject.COMMUNE, S.REVOKED, ["review_report", "revocation_request"]),
    (Subject.GARDEN, S.APPRAISED, ["self_assessment_report", "criteria_summary", "commune_request",
                                   "appraisal_report"]),
    (Subject.GARDEN, S.POLL_DONE, []),
])
def test_the_checklist_of_a_step(subject, to_step, codes):
    assert [d.code for d in required_documents(path(subject), to_step)] == codes


def test_every_province_appraisal_waits_for_the_departments():
    dossier = facts(departments_pending=("Sở Y tế", "Cục Thống kê"))
    assert blockers(dossier, S.APPRAISED) == [
        Blocker(BlockerCode.DEPARTMENT_OPINION_MISSING, "Chưa có ý kiến thẩm định của Sở Y tế."),
        Blocker(BlockerCode.DEPARTMENT_OPINION_MISSING, "Chưa có ý kiến thẩm định của Cục Thống kê."),
    ]


@pytest.mark.parametrize(("number", "date", "message"), [
    ("", D(2024, 12, 20), "Chưa có số quyết định công nhận."),
    ("  ", D(2024, 12, 20), "Chưa có số quyết định công nhận."),
    ("1234/QĐ-UBND", None, "Chưa có ngày quyết định công nhận."),
    ("", None, "Chưa có số và ngày quyết định công nhận."),
])
def test_recognition_needs_the_decision_number_and_date(number, date, message):
    dossier = facts(decision_number=number, decision_date=date)
    assert blockers(dossier, S.RECOGNISED) == [Blocker(BlockerCode.DECISION_MISSING, message)]
    assert blockers(dossier, S.APPRAISED) == []  # the decision is made after the appraisal


def test_revocation_needs_a_ground_and_its_decision():
    dossier = facts(revocation_grounds=frozenset(), revocation_decision_number="", revocation_decision_date=None)
    ground = Blocker(BlockerCode.NO_REVOCATION_GROUND, "Chưa có căn cứ thu hồi: quá hạn khắc phục, không đạt bộ "
                     "tiêu chí mới trong thời hạn, còn nợ đọng quá hạn, hồ sơ không trung thực, hoặc số tiêu chí "
                     "không đạt đến mức phải thu hồi.")
    assert blockers(dossier, S.REVOCATION_PROPOSED) == [ground]
    assert blockers(dossier, S.REVOKED) == [ground, Blocker(BlockerCode.REVOCATION_DECISION_MISSING,
                                                            "Chưa có số và ngày quyết định thu hồi.")]


def test_a_move_forward_with_everything_in_order():
    outcome = move(S.APPRAISED, S.RECOGNISED, A.PROVINCE_LEADER, facts())
    assert outcome == Outcome((), returned=False)
    assert outcome.allowed


def test_a_move_forward_lists_every_blocker():
    outcome = move(S.SUBMITTED_TO_PROVINCE, S.APPRAISED, A.COORDINATION_OFFICE,
                   facts(construction_debt=Decimal(450_000_000), criteria_met=17))
    assert not outcome.allowed
    assert [b.code for b in outcome.reasons] == [BlockerCode.CRITERIA_NOT_MET, BlockerCode.CONSTRUCTION_DEBT]


def test_a_return_is_not_blocked_by_the_dossier():
    outcome = move(S.SUBMITTED_TO_PROVINCE, S.VERIFIED, A.COORDINATION_OFFICE,
                   facts(construction_debt=Decimal(450_000_000)))
    assert outcome == Outcome((), returned=True)


@pytest.mark.parametrize(("current", "to_step", "actor", "code"), [
    (S.SUBMITTED_TO_PROVINCE, S.APPRAISED, A.DISTRICT_OFFICER, BlockerCode.WRONG_ACTOR),
    (S.REVOKED, S.REVOCATION_PROPOSED, A.PROVINCE_LEADER, BlockerCode.CLOSED),
    (S.POLL_DONE, S.VERIFIED, A.COMMUNE_OFFICER, BlockerCode.NOT_ADJACENT),
])
def test_a_refused_move_gives_only_the_refusal(current, to_step, actor, code):
    outcome = move(current, to_step, actor, facts(construction_debt=Decimal(450_000_000)))
    assert [b.code for b in outcome.reasons] == [code]


@pytest.mark.parametrize(("year", "subject", "levels"), [
    (2016, Subject.COMMUNE, (Tier.STANDARD, Tier.ADVANCED, Tier.MODEL)),
    (2025, Subject.COMMUNE, (Tier.STANDARD, Tier.ADVANCED, Tier.MODEL)),
    (2026, Subject.COMMUNE, (Tier.STANDARD, Tier.MODERN)),
    (2030, Subject.COMMUNE, (Tier.STANDARD, Tier.MODERN)),
    (2025, Subject.PROVINCE, ()),
    (2026, Subject.PROVINCE, (Tier.STANDARD,)),
    (2024, Subject.VILLAGE, (Tier.STANDARD,)),
    (2027, Subject.VILLAGE, (Tier.STANDARD,)),
    (2027, Subject.GARDEN, (Tier.MODEL,)),
    (2027, Subject.MODEL_AREA, (Tier.MODEL,)),
])
def test_the_levels_offered_follow_the_period(year, subject, levels):
    assert levels_offered(subject, year) == levels


def test_the_subjects_offered_follow_the_period():
    assert subjects_offered(2025) == (Subject.COMMUNE, Subject.VILLAGE, Subject.MODEL_AREA, Subject.GARDEN)
    assert subjects_offered(2026) == (Subject.COMMUNE, Subject.VILLAGE, Subject.MODEL_AREA, Subject.GARDEN,
                                      Subject.PROVINCE)


@pytest.mark.parametrize(("subject", "level", "year", "message"), [
    (Subject.COMMUNE, Tier.MODERN, 2025, "Xã nông thôn mới hiện đại xét từ năm 2026 (thí điểm theo QĐ 51/2025/QĐ-TTg)."),
    (Subject.COMMUNE, Tier.ADVANCED, 2026, "Giai đoạn 2026–2030 không còn bộ tiêu chí xã đạt chuẩn nông thôn mới nâng "
                                            "cao: xã xét đạt chuẩn hoặc nông thôn mới hiện đại."),
    (Subject.COMMUNE, Tier.MODEL, 2027, "Giai đoạn 2026–2030 không còn bộ tiêu chí xã đạt chuẩn nông thôn mới kiểu "
                                         "mẫu: xã xét đạt chuẩn hoặc nông thôn mới hiện đại."),
    (Subject.PROVINCE, Tier.STANDARD, 2024, "Công nhận tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới xét từ năm "
                                            "2026 (QĐ 51/2025/QĐ-TTg)."),
    (Subject.VILLAGE, Tier.MODERN, 2026, "Mức công nhận không áp dụng cho đối tượng này."),
    (Subject.COMMUNE, Tier.MODERN, 2026, ""),
    (Subject.COMMUNE, Tier.MODEL, 2025, ""),
    (Subject.PROVINCE, Tier.STANDARD, 2026, ""),
])
def test_a_level_out_of_its_period_is_refused_with_the_reason(subject, level, year, message):
    assert offer_refusal(subject, level, year) == message


def test_a_modern_commune_needs_the_standard_first():
    assert blockers(facts(level=Tier.MODERN, prerequisite_recognised=False), S.SUBMITTED_TO_DISTRICT) == [Blocker(
        BlockerCode.PREREQUISITE_LEVEL, "Xã chưa được công nhận là xã đạt chuẩn nông thôn mới: chưa đủ điều kiện xét "
                                        "công nhận xã nông thôn mới hiện đại.")]


def test_a_province_is_submitted_only_when_its_criteria_are_all_met_and_recognised_with_the_decision():
    province = facts(Subject.PROVINCE, criteria_met=8, criteria_total=9, households=None, poll_respondents=None,
                     poll_satisfied=None, construction_debt=None, documents=frozenset({"province_report"}),
                     decision_number="", decision_date=None)
    assert blockers(province, S.SUBMITTED_TO_CENTRAL) == [
        Blocker(BlockerCode.DOCUMENT_MISSING, "Thiếu tài liệu: Biểu tổng hợp kết quả thực hiện các tiêu chí tỉnh hoàn "
                                              "thành nhiệm vụ xây dựng nông thôn mới (Phụ lục III QĐ 51/2025/QĐ-TTg)."),
        Blocker(BlockerCode.DOCUMENT_MISSING, "Thiếu tài liệu: Tờ trình của UBND tỉnh đề nghị Thủ tướng Chính phủ xét, "
                                              "công nhận tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới."),
        Blocker(BlockerCode.CRITERIA_NOT_MET, "Mới đạt 8/9 tiêu chí, chưa đạt tất cả các tiêu chí: chưa đủ điều kiện "
                                              "công nhận."),
    ]  # no poll, no debt: the notes give neither for a province
    done = replace(province, criteria_met=9, documents=frozenset(DOCUMENTS))
    assert blockers(done, S.SUBMITTED_TO_CENTRAL) == []
    assert blockers(done, S.RECOGNISED) == [Blocker(BlockerCode.DECISION_MISSING,
                                                    "Chưa có số và ngày quyết định công nhận.")]


def test_the_rules_speak_the_values_of_the_models():
    # one definition of tier and subject: the models' choices are the rules' own
    assert models.Registration._meta.get_field("level").choices == Tier.choices
    assert models.Dossier._meta.get_field("level").choices == Tier.choices
    assert models.Dossier._meta.get_field("subject").choices == Subject.choices
    assert (models.Tier, models.Subject) == (Tier, Subject)
    assert max(len(s) for s in Step) <= models.Dossier._meta.get_field("step").max_length
    assert max(len(code) for code in DOCUMENTS) <= models.DossierDocument._meta.get_field("code").max_length


# Without districts (from 1/7/2025): the agency the province designates takes the district officers' steps, the
# province's chairman signs what the district's leader signed. Every move, as the three-level tables above.
ALLOWED_WITHOUT_DISTRICTS = {
    Subject.COMMUNE: {
        (A.COMMUNE_OFFICER, S.REGISTERED, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.POSTED_PUBLICLY),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.POLL_DONE),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.SUBMITTED_TO_DISTRICT),
        (A.PROVINCIAL_VERIFIER, S.SUBMITTED_TO_DISTRICT, S.VERIFIED),
        (A.PROVINCIAL_VERIFIER, S.VERIFIED, S.SUBMITTED_TO_PROVINCE),
        (A.COORDINATION_OFFICE, S.SUBMITTED_TO_PROVINCE, S.APPRAISED),
        (A.PROVINCE_LEADER, S.APPRAISED, S.RECOGNISED),
        (A.COORDINATION_OFFICE, S.RECOGNISED, S.REVOCATION_PROPOSED),
        (A.PROVINCE_LEADER, S.REVOCATION_PROPOSED, S.REVOKED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.REGISTERED),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.POSTED_PUBLICLY),
        (A.PROVINCIAL_VERIFIER, S.SUBMITTED_TO_DISTRICT, S.POLL_DONE),
        (A.PROVINCIAL_VERIFIER, S.VERIFIED, S.SUBMITTED_TO_DISTRICT),
        (A.COORDINATION_OFFICE, S.SUBMITTED_TO_PROVINCE, S.VERIFIED),
        (A.PROVINCE_LEADER, S.APPRAISED, S.SUBMITTED_TO_PROVINCE),
        (A.PROVINCE_LEADER, S.REVOCATION_PROPOSED, S.RECOGNISED),
    },
    Subject.VILLAGE: {
        (A.COMMUNE_OFFICER, S.REGISTERED, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.POSTED_PUBLICLY),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.POLL_DONE),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.SUBMITTED_TO_DISTRICT),
        (A.PROVINCIAL_VERIFIER, S.SUBMITTED_TO_DISTRICT, S.APPRAISED),
        (A.PROVINCE_LEADER, S.APPRAISED, S.RECOGNISED),
        (A.PROVINCIAL_VERIFIER, S.RECOGNISED, S.REVOCATION_PROPOSED),
        (A.PROVINCE_LEADER, S.REVOCATION_PROPOSED, S.REVOKED),
        (A.COMMUNE_OFFICER, S.SELF_ASSESSED, S.REGISTERED),
        (A.COMMUNE_OFFICER, S.POSTED_PUBLICLY, S.SELF_ASSESSED),
        (A.COMMUNE_OFFICER, S.POLL_DONE, S.POSTED_PUBLICLY),
        (A.PROVINCIAL_VERIFIER, S.SUBMITTED_TO_DISTRICT, S.POLL_DONE),
        (A.PROVINCE_LEADER, S.APPRAISED, S.SUBMITTED_TO_DISTRICT),
        (A.PROVINCE_LEADER, S.REVOCATION_PROPOSED, S.RECOGNISED),
    },
}


@pytest.mark.parametrize("subject", list(ALLOWED_WITHOUT_DISTRICTS))
def test_without_districts_exactly_these_moves_are_allowed(subject):
    allowed = {(actor, from_step, to_step) for actor in Actor for from_step in Step for to_step in Step
               if may_move(actor, path(subject, TWO), LEVELS[subject][0], from_step, to_step)}
    assert allowed == ALLOWED_WITHOUT_DISTRICTS[subject]


@pytest.mark.parametrize("subject", list(Subject))
def test_no_district_actor_owns_a_step_without_districts(subject):
    assert not set(path(subject, TWO).owners.values()) & set(WITHOUT_DISTRICTS)


def test_without_districts_the_verifier_sends_up_its_own_request_and_the_steps_say_so():
    commune = path(Subject.COMMUNE, TWO)
    assert [d.code for d in required_documents(commune, S.SUBMITTED_TO_PROVINCE)][-1] == "verifier_request"
    assert "district_request" not in {d.code for d in required_documents(commune, S.APPRAISED)}
    assert [commune.label(step) for step in (S.SUBMITTED_TO_DISTRICT, S.VERIFIED)] == [
        "Đã trình thẩm tra (cấp tỉnh)", "Đã thẩm tra"]
    reason = refusal(A.DISTRICT_OFFICER, commune, Tier.STANDARD, S.SUBMITTED_TO_DISTRICT, S.VERIFIED)
    assert reason == Blocker(BlockerCode.WRONG_ACTOR, "Hồ sơ đang ở bước «Đã trình thẩm tra (cấp tỉnh)»: chỉ cơ quan "
                                                      "cấp tỉnh được giao thẩm tra xử lý.")


def test_a_complete_dossier_without_districts_passes_the_same_gates():
    complete = replace(facts(), structure=TWO, documents=frozenset(DOCUMENTS))
    assert move(S.VERIFIED, S.SUBMITTED_TO_PROVINCE, A.PROVINCIAL_VERIFIER, complete).allowed
    refused = move(S.VERIFIED, S.SUBMITTED_TO_PROVINCE, A.DISTRICT_OFFICER, complete)
    assert [r.code for r in refused.reasons] == [BlockerCode.WRONG_ACTOR]


NOTHING = frozenset()
TURN_CASES = [
    # subject, structure, at step, documents attached → whose turn, next step, missing documents (code, who attaches)
    (Subject.COMMUNE, THREE, S.REGISTERED, NOTHING, A.COMMUNE_OFFICER, S.SELF_ASSESSED, [
        ("self_assessment_report", A.COMMUNE_OFFICER), ("criteria_summary", A.COMMUNE_OFFICER),
        ("debt_report", A.COMMUNE_OFFICER)]),
    (Subject.COMMUNE, THREE, S.REGISTERED, frozenset({"self_assessment_report", "criteria_summary", "debt_report"}),
     A.COMMUNE_OFFICER, S.SELF_ASSESSED, []),
    (Subject.COMMUNE, THREE, S.SUBMITTED_TO_DISTRICT, frozenset(DOCUMENTS) - {"verification_minutes"},
     A.DISTRICT_OFFICER, S.VERIFIED, [("verification_minutes", A.DISTRICT_OFFICER)]),
    # without districts the province's designated agency verifies, and sends its own request up
    (Subject.COMMUNE, TWO, S.SUBMITTED_TO_DISTRICT, frozenset(DOCUMENTS) - {"verification_report"},
     A.PROVINCIAL_VERIFIER, S.VERIFIED, [("verification_report", A.PROVINCIAL_VERIFIER)]),
    (Subject.COMMUNE, TWO, S.VERIFIED, frozenset(DOCUMENTS) - {"verifier_request"},
     A.PROVINCIAL_VERIFIER, S.SUBMITTED_TO_PROVINCE, [("verifier_request", A.PROVINCIAL_VERIFIER)]),
    # the chairman's turn is recorded by the office; earlier documents still missing name who owed them
    (Subject.COMMUNE, THREE, S.APPRAISED, frozenset(DOCUMENTS) - {"posting_record"}, A.PROVINCE_LEADER,
     S.RECOGNISED, [("posting_record", A.COMMUNE_OFFICER)]),
    (Subject.VILLAGE, THREE, S.SUBMITTED_TO_DISTRICT, frozenset(DOCUMENTS), A.DISTRICT_OFFICER, S.APPRAISED, []),
    (Subject.PROVINCE, TWO, S.SELF_ASSESSED, NOTHING, A.PROVINCE_LEADER, S.SUBMITTED_TO_CENTRAL, [
        ("province_report", A.COORDINATION_OFFICE), ("province_criteria_summary", A.COORDINATION_OFFICE),
        ("province_request", A.PROVINCE_LEADER)]),
]


@pytest.mark.parametrize(("subject", "structure", "at", "attached", "actor", "next_step", "missing"), TURN_CASES)
def test_whose_turn_it_is_and_what_they_must_attach(subject, structure, at, attached, actor, next_step, missing):
    level = LEVELS[subject][0]
    found = turn(facts(subject, level, structure=structure, documents=attached), at)
    assert (found.actor, found.next_step) == (actor, next_step)
    assert [(document.code, owner) for document, owner in found.documents] == missing


def test_the_turn_names_the_office_for_what_the_chairman_signs():
    found = turn(facts(), S.APPRAISED)
    assert found.who == "Văn phòng Điều phối nông thôn mới tỉnh (thay Chủ tịch UBND tỉnh)"
    assert turn(facts(), S.REGISTERED).who == "cán bộ UBND xã"


def test_the_turn_says_what_else_holds_the_dossier():
    found = turn(facts(criteria_met=17, poll_respondents=0), S.POLL_DONE)
    assert [b.code for b in found.blockers] == [BlockerCode.CRITERIA_NOT_MET, BlockerCode.POLL_MISSING]


@pytest.mark.parametrize(("at", "grounds", "actor", "next_step"), [
    (S.RECOGNISED, frozenset(), None, None),  # recognised and nothing to revoke: no one's turn
    (S.RECOGNISED, frozenset({RevocationGround.FALSE_DOSSIER}), A.COORDINATION_OFFICE, S.REVOCATION_PROPOSED),
    (S.REVOCATION_PROPOSED, frozenset({RevocationGround.FALSE_DOSSIER}), A.PROVINCE_LEADER, S.REVOKED),
    (S.REVOKED, frozenset({RevocationGround.FALSE_DOSSIER}), None, None),
])
def test_the_turn_after_recognition(at, grounds, actor, next_step):
    found = turn(facts(revocation_grounds=grounds), at)
    assert (found.actor, found.next_step, found.ended) == (actor, next_step, actor is None)
