"""What keeps a dossier from moving forward: the hard conditions of recognition (criteria, construction debt, the
residents' poll, the level below, the departments' opinions, the decisions) and the grounds of a revocation."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from ntm.formatting import format_number, format_vnd
from programme.periods import Structure
from recognition.rules.documents import missing_documents
from recognition.rules.paths import Path, path_of
from recognition.rules.vocabulary import COMMUNE_TITLES, REVOCATION_STEPS, Step, Subject, Tier


class BlockerCode(StrEnum):
    # the move itself
    LEVEL_NOT_FOR_SUBJECT = "level_not_for_subject"
    STEP_NOT_IN_PATH = "step_not_in_path"
    CLOSED = "closed"  # revoked: nothing moves any more
    NOT_ADJACENT = "not_adjacent"
    NO_RETURN = "no_return"
    WRONG_ACTOR = "wrong_actor"
    # the dossier
    CRITERIA_NOT_MET = "criteria_not_met"
    CONSTRUCTION_DEBT = "construction_debt"
    POLL_MISSING = "poll_missing"
    POLL_INCONSISTENT = "poll_inconsistent"
    POLL_COVERAGE_LOW = "poll_coverage_low"
    POLL_BELOW_THRESHOLD = "poll_below_threshold"
    PREREQUISITE_LEVEL = "prerequisite_level"
    DOCUMENT_MISSING = "document_missing"
    DEPARTMENT_OPINION_MISSING = "department_opinion_missing"
    DECISION_MISSING = "decision_missing"
    NO_REVOCATION_GROUND = "no_revocation_ground"
    REVOCATION_DECISION_MISSING = "revocation_decision_missing"


@dataclass(frozen=True)
class Blocker:
    code: BlockerCode
    message: str  # Vietnamese, for the user



# Tỷ lệ hộ hài lòng tối thiểu, %. UNVERIFIED against QĐ 18/2022/QĐ-TTg: standard 90 is procedures.md §2.4
# [memory, moderate]; advanced and model 95 are the same note's "≥ 95 %?" [memory, low]. Village titles follow
# provincial rules the notes do not give: they use the figure of their level as a placeholder.
# The modern commune of 2026–2030 is given the advanced/model placeholder until its pilot framework is read.
SATISFACTION_MINIMUM = {Tier.STANDARD: Decimal(90), Tier.ADVANCED: Decimal(95), Tier.MODEL: Decimal(95),
                        Tier.MODERN: Decimal(95)}

# Số hộ được lấy ý kiến, % of the commune's households: "ít nhất 70% số hộ gia đình" for a commune
# [source: baoninhthuan.com.vn, also mattrantoquoc.tayninh.gov.vn 2019; procedures.md §2.4]. The notes give no
# coverage for village titles, so none is checked for them.
POLL_COVERAGE_MINIMUM = Decimal(70)

# The level a commune must already hold (criteria-2021-2025.md §6-§7 [memory]: advanced needs standard, model
# needs advanced — 318 Phụ lục II, 319/QĐ-TTg). The pilot modern commune of 2026–2030 builds on the standard
# (the project's reading of "xã NTM hiện đại": the notes give the framework's title, not its conditions).
PREREQUISITE = {Tier.ADVANCED: Tier.STANDARD, Tier.MODEL: Tier.ADVANCED, Tier.MODERN: Tier.STANDARD}

# Entering these steps asks for the hard conditions of recognition (procedures.md §2 "gate checks"): every
# criterion met, no construction debt, the poll passed. The commune asks for verification only once it meets them,
# and no later step can pass without them.
GATED_STEPS = frozenset({Step.SUBMITTED_TO_DISTRICT, Step.VERIFIED, Step.SUBMITTED_TO_PROVINCE, Step.APPRAISED,
                         Step.SUBMITTED_TO_CENTRAL, Step.RECOGNISED})


class RevocationGround(StrEnum):
    """Căn cứ thu hồi — procedures.md §4."""

    SHORTFALL_NOT_RECOVERED = "shortfall_not_recovered"  # no longer meets its level, not recovered in time
    NEW_SET_NOT_MET = "new_set_not_met"  # a new criteria set not met by its deadline ([notice 004 §II.3])
    ARREARS_NOT_CLEARED = "arrears_not_cleared"  # overdue debts not cleared by the deadline ([notice 000 §II.1])
    FALSE_DOSSIER = "false_dossier"  # dossier or figures found untrue [memory]
    CRITERIA_SHORTFALL = "criteria_shortfall"  # 18/2022: 30–50 % of the criteria failed incl. a key one, or ≥ 50 %


# Grounds that stand as soon as they are found: no recovery deadline is waited for (the count-based ground of
# 18/2022 names none; a false dossier never recovers). The others wait for their deadline to pass.
IMMEDIATE_GROUNDS = frozenset({RevocationGround.FALSE_DOSSIER, RevocationGround.CRITERIA_SHORTFALL})


@dataclass(frozen=True, kw_only=True)
class DossierFacts:
    """What the rules need to know about a dossier. Left out means not known, and not known blocks."""

    subject: Subject
    structure: Structure  # where the dossier's unit stood: with its district, or directly under the province
    level: Tier
    criteria_met: int
    criteria_total: int  # of the set for the subject and level; 0 when there is no result
    households: int | None = None  # of the commune (or area): the base of the poll's coverage
    poll_respondents: int | None = None
    poll_satisfied: int | None = None
    construction_debt: Decimal | None = None  # nợ đọng XDCB, đồng; None when not reported
    documents: frozenset[str] = frozenset()  # codes of the attached documents
    prerequisite_recognised: bool = False  # advanced/model: the level below is already recognised
    departments_pending: tuple[str, ...] = ()  # departments owning a criterion that have not given their opinion
    decision_number: str = ""
    decision_date: datetime.date | None = None
    revocation_grounds: frozenset[RevocationGround] = frozenset()
    revocation_decision_number: str = ""
    revocation_decision_date: datetime.date | None = None

    @property
    def path(self) -> Path:
        return path_of(self.subject, self.structure)

    @property
    def all_criteria_met(self) -> bool:
        return self.criteria_total > 0 and self.criteria_met == self.criteria_total


def floor_share(value: Decimal) -> str:
    """A share shown without rounding up: 89,99 % must not read "90,0 %" next to "below 90 %"."""
    return format_number(value.quantize(Decimal("0.1"), rounding=ROUND_DOWN), 1)


def _criteria_blockers(facts: DossierFacts) -> list[Blocker]:
    if facts.all_criteria_met:
        return []
    if facts.criteria_total <= 0:
        return [Blocker(BlockerCode.CRITERIA_NOT_MET,
                        "Chưa có kết quả đánh giá các tiêu chí: chưa đủ điều kiện công nhận.")]
    return [Blocker(BlockerCode.CRITERIA_NOT_MET,
                    f"Mới đạt {facts.criteria_met}/{facts.criteria_total} tiêu chí, chưa đạt tất cả các tiêu chí: "
                    "chưa đủ điều kiện công nhận.")]


def _debt_blockers(facts: DossierFacts) -> list[Blocker]:
    # "Không còn nợ đọng xây dựng cơ bản" — a hard condition (procedures.md §2, [notice 000 §6]). Communes only: the
    # commune, not its villages, owes for the works.
    if facts.subject != Subject.COMMUNE:
        return []
    if facts.construction_debt is None:
        return [Blocker(BlockerCode.CONSTRUCTION_DEBT,
                        "Chưa có số liệu nợ đọng xây dựng cơ bản: chưa đủ điều kiện công nhận.")]
    if facts.construction_debt > 0:
        return [Blocker(BlockerCode.CONSTRUCTION_DEBT, f"Còn nợ đọng xây dựng cơ bản "
                        f"{format_vnd(facts.construction_debt)}: chưa đủ điều kiện công nhận.")]
    return []


def _poll_blockers(facts: DossierFacts) -> list[Blocker]:
    respondents, satisfied = facts.poll_respondents or 0, facts.poll_satisfied or 0
    if respondents <= 0:
        return [Blocker(BlockerCode.POLL_MISSING,
                        "Chưa có kết quả lấy ý kiến sự hài lòng của người dân (chưa có phiếu trả lời).")]
    if satisfied > respondents:
        return [Blocker(BlockerCode.POLL_INCONSISTENT, f"Số hộ hài lòng ({format_number(satisfied)}) lớn hơn số "
                        f"hộ trả lời ({format_number(respondents)}): kiểm tra lại kết quả lấy ý kiến.")]
    found = []
    if facts.subject == Subject.COMMUNE:
        found += _coverage_blockers(respondents, facts.households)
    minimum = SATISFACTION_MINIMUM[facts.level]
    # Compared exactly, never on a rounded share.
    if satisfied * 100 < minimum * respondents:
        share = Decimal(satisfied * 100) / respondents
        found.append(Blocker(BlockerCode.POLL_BELOW_THRESHOLD, f"Tỷ lệ hài lòng {floor_share(share)} % "
                             f"({format_number(satisfied)}/{format_number(respondents)} hộ trả lời), dưới mức "
                             f"tối thiểu {format_number(minimum)} %: chưa đủ điều kiện công nhận."))
    return found


def _coverage_blockers(respondents: int, households: int | None) -> list[Blocker]:
    if not households:
        return [Blocker(BlockerCode.POLL_COVERAGE_LOW,
                        "Chưa có tổng số hộ của xã để tính tỷ lệ hộ được lấy ý kiến.")]
    if respondents > households:
        return [Blocker(BlockerCode.POLL_INCONSISTENT, f"Số hộ trả lời ({format_number(respondents)}) lớn hơn "
                        f"tổng số hộ ({format_number(households)}): kiểm tra lại kết quả lấy ý kiến.")]
    if respondents * 100 < POLL_COVERAGE_MINIMUM * households:
        share = Decimal(respondents * 100) / households
        return [Blocker(BlockerCode.POLL_COVERAGE_LOW, f"Mới lấy ý kiến {format_number(respondents)}/"
                        f"{format_number(households)} hộ ({floor_share(share)} %), dưới mức tối thiểu "
                        f"{format_number(POLL_COVERAGE_MINIMUM)} % số hộ: chưa đủ điều kiện công nhận.")]
    return []


def _prerequisite_blockers(facts: DossierFacts) -> list[Blocker]:
    below = PREREQUISITE.get(facts.level)
    if facts.subject != Subject.COMMUNE or below is None or facts.prerequisite_recognised:
        return []
    return [Blocker(BlockerCode.PREREQUISITE_LEVEL, f"Xã chưa được công nhận là {COMMUNE_TITLES[below]}: "
                    f"chưa đủ điều kiện xét công nhận {COMMUNE_TITLES[facts.level]}.")]


def _decision_blocker(number: str, date: datetime.date | None, code: BlockerCode, what: str) -> list[Blocker]:
    missing = [name for name, absent in (("số", not number.strip()), ("ngày", date is None)) if absent]
    return [Blocker(code, f"Chưa có {' và '.join(missing)} quyết định {what}.")] if missing else []


def blockers(facts: DossierFacts, to_step: Step) -> list[Blocker]:
    """What keeps the dossier from moving forward into `to_step` (a return is never blocked by the dossier)."""
    path = facts.path
    found = [Blocker(BlockerCode.DOCUMENT_MISSING, f"Thiếu tài liệu: {d.label}.")
             for d in missing_documents(path, to_step, facts.documents)]
    if to_step in GATED_STEPS:
        found += _prerequisite_blockers(facts) + _criteria_blockers(facts) + _debt_blockers(facts)
    if Step.POLL_DONE in path.steps and (to_step == Step.POLL_DONE or to_step in GATED_STEPS):
        found += _poll_blockers(facts)
    if to_step == Step.APPRAISED:
        found += [Blocker(BlockerCode.DEPARTMENT_OPINION_MISSING, f"Chưa có ý kiến thẩm định của {name}.")
                  for name in facts.departments_pending]
    if to_step == Step.RECOGNISED:
        found += _decision_blocker(facts.decision_number, facts.decision_date, BlockerCode.DECISION_MISSING,
                                   "công nhận")
    if to_step in REVOCATION_STEPS and not facts.revocation_grounds:
        found.append(Blocker(BlockerCode.NO_REVOCATION_GROUND, "Chưa có căn cứ thu hồi: quá hạn khắc phục, "
                             "không đạt bộ tiêu chí mới trong thời hạn, còn nợ đọng quá hạn, hồ sơ không trung "
                             "thực, hoặc số tiêu chí không đạt đến mức phải thu hồi."))
    if to_step == Step.REVOKED:
        found += _decision_blocker(facts.revocation_decision_number, facts.revocation_decision_date,
                                   BlockerCode.REVOCATION_DECISION_MISSING, "thu hồi")
    return found

