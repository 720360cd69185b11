"""Pure rules of the recognition procedure (xét, công nhận, thu hồi): the steps of a dossier, the documents each
step asks for, who may move a dossier from which step to which, and what blocks a move. When a recognised commune
must be revoked is `recognition.sustainability`. No ORM, no Django.

Source: Quyết định 18/2022/QĐ-TTg as summarised in the domain notes (shared/domain/procedures.md); the notes say the
text itself was not read, so every number here names its note and its confidence. Where the notes are silent the
rule follows the 2022 procedure as recalled and says so."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from ntm.formatting import format_number, format_vnd
from programme.periods import Structure


class Level(StrEnum):
    """The same values as recognition.models.Level."""

    STANDARD = "standard"  # đạt chuẩn
    ADVANCED = "advanced"  # nâng cao (2016–2025)
    MODEL = "model"  # kiểu mẫu (2016–2025)
    MODERN = "modern"  # nông thôn mới hiện đại, thí điểm (2026–2030: QĐ 51/2025/QĐ-TTg, Phụ lục II)


class Subject(StrEnum):
    """The same values as recognition.models.Subject: a commune by the national sets, the rest by provincial ones."""

    COMMUNE = "commune"
    VILLAGE = "village"  # thôn đạt chuẩn NTM
    MODEL_AREA = "model_area"  # khu dân cư NTM kiểu mẫu
    GARDEN = "garden"  # vườn mẫu NTM
    PROVINCE = "province"  # tỉnh hoàn thành nhiệm vụ xây dựng NTM (2026–2030: QĐ 51/2025/QĐ-TTg, Phụ lục III)


class Actor(StrEnum):
    """Who acts in the procedure; accounts maps its roles onto these."""

    COMMUNE_OFFICER = "commune_officer"
    DISTRICT_OFFICER = "district_officer"
    DISTRICT_LEADER = "district_leader"  # signs the recognition of village titles
    DEPARTMENT_OFFICER = "department_officer"
    COORDINATION_OFFICE = "coordination_office"
    PROVINCE_LEADER = "province_leader"  # Chủ tịch UBND tỉnh
    PROVINCIAL_VERIFIER = "provincial_verifier"  # the agency a province designates to verify (no districts)
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ACTOR_LABELS[self]


ACTOR_LABELS = {
    Actor.COMMUNE_OFFICER: "cán bộ UBND xã",
    Actor.DISTRICT_OFFICER: "cán bộ UBND huyện",
    Actor.DISTRICT_LEADER: "lãnh đạo UBND huyện",
    Actor.DEPARTMENT_OFFICER: "cán bộ sở, ngành phụ trách tiêu chí",
    Actor.COORDINATION_OFFICE: "Văn phòng Điều phối nông thôn mới tỉnh",
    Actor.PROVINCE_LEADER: "Chủ tịch UBND tỉnh",
    Actor.PROVINCIAL_VERIFIER: "cơ quan cấp tỉnh được giao thẩm tra",
    Actor.ADMIN: "quản trị hệ thống",
}


class Step(StrEnum):
    """Where a dossier stands, in the order of procedures.md §2 (the commune path); other subjects skip some."""

    REGISTERED = "registered"
    SELF_ASSESSED = "self_assessed"
    POSTED_PUBLICLY = "posted_publicly"
    POLL_DONE = "poll_done"
    SUBMITTED_TO_DISTRICT = "submitted_to_district"
    VERIFIED = "verified"  # thẩm tra
    SUBMITTED_TO_PROVINCE = "submitted_to_province"
    APPRAISED = "appraised"  # thẩm định
    SUBMITTED_TO_CENTRAL = "submitted_to_central"  # a province's dossier, sent by UBND tỉnh to the Prime Minister
    RECOGNISED = "recognised"  # quyết định công nhận (and Bằng công nhận)
    REVOCATION_PROPOSED = "revocation_proposed"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


STEP_LABELS = {
    Step.REGISTERED: "Đã đăng ký đạt chuẩn",
    Step.SELF_ASSESSED: "Đã tự đánh giá, lập hồ sơ",
    Step.POSTED_PUBLICLY: "Đã công khai lấy ý kiến góp ý",
    Step.POLL_DONE: "Đã lấy ý kiến sự hài lòng của người dân",
    Step.SUBMITTED_TO_DISTRICT: "Đã trình UBND huyện",
    Step.VERIFIED: "UBND huyện đã thẩm tra",
    Step.SUBMITTED_TO_PROVINCE: "Đã trình UBND tỉnh thẩm định",
    Step.APPRAISED: "Đã thẩm định",
    Step.SUBMITTED_TO_CENTRAL: "UBND tỉnh đã trình Thủ tướng Chính phủ xét công nhận",
    Step.RECOGNISED: "Đã công nhận",
    Step.REVOCATION_PROPOSED: "Đề nghị thu hồi",
    Step.REVOKED: "Đã thu hồi quyết định công nhận",
}

REVOCATION_STEPS = (Step.REVOCATION_PROPOSED, Step.REVOKED)


@dataclass(frozen=True)
class Document:
    code: str
    label: str


DOCUMENTS = {d.code: d for d in [
    Document("self_assessment_report", "Báo cáo kết quả xây dựng nông thôn mới (tự đánh giá từng tiêu chí)"),
    Document("criteria_summary", "Biểu tổng hợp kết quả thực hiện các tiêu chí"),
    Document("debt_report", "Báo cáo tình hình nợ đọng xây dựng cơ bản"),
    Document("posting_record", "Biên bản niêm yết công khai báo cáo để lấy ý kiến góp ý"),
    Document("opinions_summary", "Báo cáo tổng hợp ý kiến tham gia của các tổ chức, đoàn thể và nhân dân"),
    Document("satisfaction_poll_result", "Kết quả lấy ý kiến sự hài lòng của người dân (Ủy ban MTTQ)"),
    Document("proposal_minutes", "Biên bản cuộc họp đề nghị xét công nhận"),
    Document("commune_request", "Tờ trình của UBND xã đề nghị thẩm tra, xét công nhận"),
    Document("verification_report", "Báo cáo kết quả thẩm tra (mức độ đạt từng tiêu chí)"),
    Document("verification_minutes", "Biên bản họp thẩm tra"),
    Document("district_request", "Tờ trình của UBND huyện đề nghị thẩm định, xét công nhận"),
    Document("verifier_request", "Văn bản của cơ quan thẩm tra cấp tỉnh đề nghị thẩm định, xét công nhận"),
    Document("statistics_confirmation", "Văn bản của Cục Thống kê về thu nhập bình quân đầu người và tỷ lệ nghèo đa chiều"),
    Document("debt_confirmation", "Văn bản của Sở Tài chính về nợ đọng xây dựng cơ bản"),
    Document("appraisal_report", "Báo cáo kết quả thẩm định"),
    Document("appraisal_minutes", "Biên bản họp hội đồng thẩm định"),
    Document("appraisal_posting", "Biên bản công khai kết quả thẩm định"),
    Document("draft_decision", "Dự thảo quyết định công nhận"),
    Document("review_report", "Báo cáo rà soát mức độ duy trì đạt chuẩn"),
    Document("revocation_request", "Tờ trình đề nghị thu hồi quyết định công nhận"),
    Document("province_report", "Báo cáo kết quả thực hiện nhiệm vụ xây dựng nông thôn mới của tỉnh"),
    Document("province_criteria_summary", "Biểu tổng hợp kết quả thực hiện các tiêu chí tỉnh hoàn thành nhiệm vụ xây "
             "dựng nông thôn mới (Phụ lục III QĐ 51/2025/QĐ-TTg)"),
    Document("province_request", "Tờ trình của UBND tỉnh đề nghị Thủ tướng Chính phủ xét, công nhận tỉnh hoàn thành "
             "nhiệm vụ xây dựng nông thôn mới"),
]}


@dataclass(frozen=True)
class Path:
    """The steps a subject goes through, who acts at each, and the documents needed to enter each."""

    levels: frozenset[Level]
    steps: tuple[Step, ...]  # up to RECOGNISED; revocation follows on every path
    owners: dict[Step, Actor]  # the one actor who moves a dossier on, or back, from the step
    checklist: dict[Step, tuple[str, ...]]
    structure: Structure = Structure.THREE_LEVEL
    labels: tuple[tuple[Step, str], ...] = ()  # where a step reads otherwise on this path

    @property
    def order(self) -> tuple[Step, ...]:
        return self.steps + REVOCATION_STEPS

    def label(self, step: Step) -> str:
        return dict(self.labels).get(step, step.label)


_REVOCATION_CHECKLIST = {Step.REVOCATION_PROPOSED: ("review_report", "revocation_request")}

# Communes: procedures.md §2 steps 1-8 and its dossier list. Every level is recognised by the Chủ tịch UBND tỉnh
# (procedures.md §1; 18/2022 as recalled makes no difference by level), so one path serves the three levels. The
# recognising authority revokes (§4), on the office's proposal ("đề xuất thu hồi", [notice 000 §I.2]).
# The departments owning criteria appraise "their" indicators but do not move the dossier: the office collects
# their opinions (DossierFacts.departments_pending) and takes the council's result to the leader.
COMMUNE_PATH = Path(
    levels=frozenset(Level),
    steps=tuple(s for s in Step if s not in REVOCATION_STEPS and s != Step.SUBMITTED_TO_CENTRAL),
    owners={
        Step.REGISTERED: Actor.COMMUNE_OFFICER,
        Step.SELF_ASSESSED: Actor.COMMUNE_OFFICER,
        Step.POSTED_PUBLICLY: Actor.COMMUNE_OFFICER,
        Step.POLL_DONE: Actor.COMMUNE_OFFICER,  # the MTTQ polls; the commune records the result
        Step.SUBMITTED_TO_DISTRICT: Actor.DISTRICT_OFFICER,
        Step.VERIFIED: Actor.DISTRICT_OFFICER,
        Step.SUBMITTED_TO_PROVINCE: Actor.COORDINATION_OFFICE,
        Step.APPRAISED: Actor.PROVINCE_LEADER,
        Step.RECOGNISED: Actor.COORDINATION_OFFICE,
        Step.REVOCATION_PROPOSED: Actor.PROVINCE_LEADER,
    },
    checklist={
        Step.SELF_ASSESSED: ("self_assessment_report", "criteria_summary", "debt_report"),
        Step.POSTED_PUBLICLY: ("posting_record",),
        Step.POLL_DONE: ("opinions_summary", "satisfaction_poll_result"),
        Step.SUBMITTED_TO_DISTRICT: ("proposal_minutes", "commune_request"),
        Step.VERIFIED: ("verification_report", "verification_minutes"),
        Step.SUBMITTED_TO_PROVINCE: ("district_request",),
        # [notice 000 §I.4-5, §I.8]: statistics office confirms income and poverty, finance the debt.
        Step.APPRAISED: ("statistics_confirmation", "debt_confirmation", "appraisal_report", "appraisal_minutes",
                         "appraisal_posting", "draft_decision"),
        **_REVOCATION_CHECKLIST,
    },
)

# Villages and model residential areas: provincial instruments (procedures.md §6), recognised by the district
# [memory, low]; the commune prepares the dossier, residents are polled with public posting (the Quảng Nam model
# area of §6), the district appraises and decides. After 1/7/2025 the competent level is to be re-checked per
# province: the mapping of roles onto Actor is where that changes, not here.
_VILLAGE_OWNERS = {
    Step.REGISTERED: Actor.COMMUNE_OFFICER,
    Step.SELF_ASSESSED: Actor.COMMUNE_OFFICER,
    Step.POSTED_PUBLICLY: Actor.COMMUNE_OFFICER,
    Step.POLL_DONE: Actor.COMMUNE_OFFICER,
    Step.SUBMITTED_TO_DISTRICT: Actor.DISTRICT_OFFICER,
    Step.APPRAISED: Actor.DISTRICT_LEADER,
    Step.RECOGNISED: Actor.DISTRICT_OFFICER,
    Step.REVOCATION_PROPOSED: Actor.DISTRICT_LEADER,
}
VILLAGE_PATH = Path(
    levels=frozenset({Level.STANDARD}),
    steps=(Step.REGISTERED, Step.SELF_ASSESSED, Step.POSTED_PUBLICLY, Step.POLL_DONE, Step.SUBMITTED_TO_DISTRICT,
           Step.APPRAISED, Step.RECOGNISED),
    owners=_VILLAGE_OWNERS,
    checklist={
        Step.SELF_ASSESSED: ("self_assessment_report", "criteria_summary"),
        Step.POSTED_PUBLICLY: ("posting_record",),
        Step.POLL_DONE: ("satisfaction_poll_result",),
        Step.SUBMITTED_TO_DISTRICT: ("commune_request",),
        Step.APPRAISED: ("appraisal_report", "appraisal_minutes"),
        **_REVOCATION_CHECKLIST,
    },
)
MODEL_AREA_PATH = Path(levels=frozenset({Level.MODEL}), steps=VILLAGE_PATH.steps, owners=_VILLAGE_OWNERS,
                       checklist=VILLAGE_PATH.checklist)

# A model garden is one household's: no residents' poll and no public posting (the notes give neither for gardens).
GARDEN_PATH = Path(
    levels=frozenset({Level.MODEL}),
    steps=(Step.REGISTERED, Step.SELF_ASSESSED, Step.SUBMITTED_TO_DISTRICT, Step.APPRAISED, Step.RECOGNISED),
    owners={s: a for s, a in _VILLAGE_OWNERS.items() if s not in (Step.POSTED_PUBLICLY, Step.POLL_DONE)},
    checklist={
        Step.SELF_ASSESSED: ("self_assessment_report", "criteria_summary"),
        Step.SUBMITTED_TO_DISTRICT: ("commune_request",),
        Step.APPRAISED: ("appraisal_report",),
        **_REVOCATION_CHECKLIST,
    },
)

# A province completing the NTM task (QĐ 51/2025/QĐ-TTg, Phụ lục III; annex-findings.md §3, monitoring-and-finance.md
# §5). The notes give the annex's title only, not its procedure. The project's reading: the Coordination Office
# prepares the dossier (report and criteria summary, the criteria counted by hand as for village titles: ntm holds no
# province set), UBND tỉnh submits it to the Prime Minister, and the office records the Prime Minister's decision
# with its number and date — the central appraisal happens outside the province and has no step here. No residents'
# poll and no construction-debt condition are checked (the notes give neither for a province). A revocation, if one
# ever comes, is the central government's: the office records it.
PROVINCE_PATH = Path(
    levels=frozenset({Level.STANDARD}),
    steps=(Step.REGISTERED, Step.SELF_ASSESSED, Step.SUBMITTED_TO_CENTRAL, Step.RECOGNISED),
    owners={
        Step.REGISTERED: Actor.COORDINATION_OFFICE,
        Step.SELF_ASSESSED: Actor.PROVINCE_LEADER,  # UBND tỉnh signs the request and submits
        Step.SUBMITTED_TO_CENTRAL: Actor.COORDINATION_OFFICE,  # records the Prime Minister's decision
        Step.RECOGNISED: Actor.COORDINATION_OFFICE,
        Step.REVOCATION_PROPOSED: Actor.COORDINATION_OFFICE,
    },
    checklist={
        Step.SELF_ASSESSED: ("province_report", "province_criteria_summary"),
        Step.SUBMITTED_TO_CENTRAL: ("province_request",),
        **_REVOCATION_CHECKLIST,
    },
)

_THREE_LEVEL_PATHS = {Subject.COMMUNE: COMMUNE_PATH, Subject.VILLAGE: VILLAGE_PATH, Subject.MODEL_AREA: MODEL_AREA_PATH,
                      Subject.GARDEN: GARDEN_PATH, Subject.PROVINCE: PROVINCE_PATH}

# Without districts (from 1/7/2025). The procedure replacing 18/2022 for 2026–2030 is not in the notes
# (monitoring-and-finance.md §5: "who verifies now that districts are gone" is unknown). The project's reading, the
# same as for the figures (programme/rules.py): what the district's officers did is done by the agency the province
# designates (by default its Coordination Office); what the district's leader signed (village titles, model areas,
# gardens) is signed by the province's chairman, recorded by the office; the request the district sent up is the
# designated agency's. A province that rules otherwise changes its designated agency, not this table.
WITHOUT_DISTRICTS = {Actor.DISTRICT_OFFICER: Actor.PROVINCIAL_VERIFIER, Actor.DISTRICT_LEADER: Actor.PROVINCE_LEADER}
DOCUMENTS_WITHOUT_DISTRICTS = {"district_request": "verifier_request"}
LABELS_WITHOUT_DISTRICTS = ((Step.SUBMITTED_TO_DISTRICT, "Đã trình thẩm tra (cấp tỉnh)"),
                            (Step.VERIFIED, "Đã thẩm tra"))


def _without_districts(path: Path) -> Path:
    return Path(
        levels=path.levels, steps=path.steps, structure=Structure.TWO_LEVEL, labels=LABELS_WITHOUT_DISTRICTS,
        owners={step: WITHOUT_DISTRICTS.get(actor, actor) for step, actor in path.owners.items()},
        checklist={step: tuple(DOCUMENTS_WITHOUT_DISTRICTS.get(code, code) for code in codes)
                   for step, codes in path.checklist.items()},
    )


PATHS: dict[Structure, dict[Subject, Path]] = {
    Structure.THREE_LEVEL: _THREE_LEVEL_PATHS,
    Structure.TWO_LEVEL: {subject: _without_districts(path) for subject, path in _THREE_LEVEL_PATHS.items()},
}


def path_of(subject: Subject, structure: Structure) -> Path:
    """The path of `subject` in the structure its unit stood in (a 2024 commune: with its district)."""
    return PATHS[structure][subject]


# What may be recognised in a year. 2016–2025: a commune at the standard, advanced (318 Phụ lục II) or model (319)
# level. 2026–2030 has no advanced or model commune sets (annex-findings.md §3, the 2026–2030 set's notes): a commune
# at the standard (51/2025 Phụ lục I) or the pilot modern level (Phụ lục II), and a province completing the task
# (Phụ lục III). Village titles, model residential areas and gardens are provincial instruments; the notes do not
# say 2026–2030 ended them, so they stay offered every year. The project's reading: the province's completion is offered from 2026 only (the
# notes source it only in 51/2025); a province recognised before is not recorded as a dossier.
FIRST_YEAR_2026_2030 = 2026
LEVELS_UNTIL_2025 = (Level.STANDARD, Level.ADVANCED, Level.MODEL)
LEVELS_FROM_2026 = (Level.STANDARD, Level.MODERN)


def levels_offered(subject: Subject, year: int) -> tuple[Level, ...]:
    """The levels a dossier of `subject` may be opened for in `year` (none: the subject is not offered)."""
    if subject == Subject.PROVINCE:
        return (Level.STANDARD,) if year >= FIRST_YEAR_2026_2030 else ()
    if subject != Subject.COMMUNE:
        return tuple(level for level in Level if level in path_of(subject, Structure.THREE_LEVEL).levels)
    return LEVELS_FROM_2026 if year >= FIRST_YEAR_2026_2030 else LEVELS_UNTIL_2025


def subjects_offered(year: int) -> tuple[Subject, ...]:
    return tuple(subject for subject in Subject if levels_offered(subject, year))


def offer_refusal(subject: Subject, level: Level, year: int) -> str:
    """Why a dossier of `subject` at `level` cannot be opened for `year`, in Vietnamese; "" when it can."""
    if level in levels_offered(subject, year):
        return ""
    if subject == Subject.PROVINCE:
        return "Công nhận tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới xét từ năm 2026 (QĐ 51/2025/QĐ-TTg)."
    if subject == Subject.COMMUNE and level == Level.MODERN:
        return "Xã nông thôn mới hiện đại xét từ năm 2026 (thí điểm theo QĐ 51/2025/QĐ-TTg)."
    if subject == Subject.COMMUNE:
        return (f"Giai đoạn 2026–2030 không còn bộ tiêu chí {COMMUNE_TITLES[level]}: xã xét đạt chuẩn hoặc nông thôn "
                "mới hiện đại.")
    return "Mức công nhận không áp dụng cho đối tượng này."


def required_documents(path: Path, to_step: Step) -> list[Document]:
    """Everything the dossier must hold on entering `to_step`: that step's documents and those of the steps
    before it (a dossier sent up is sent whole); the revocation steps ask only for their own."""
    if to_step not in path.order:
        return []
    before = path.order[: path.order.index(to_step) + 1]
    steps = [s for s in before if (s in REVOCATION_STEPS) == (to_step in REVOCATION_STEPS)]
    return [DOCUMENTS[code] for step in steps for code in path.checklist.get(step, ())]


def missing_documents(path: Path, to_step: Step, attached: frozenset[str]) -> list[Document]:
    return [d for d in required_documents(path, to_step) if d.code not in attached]


def document_step(path: Path, code: str) -> Step | None:
    """The step of the path whose checklist asks for the document (None: the path never asks for it)."""
    return next((step for step in path.order if code in path.checklist.get(step, ())), None)


def document_owner(path: Path, code: str) -> Actor | None:
    """Who attaches the document: the actor who moves the dossier into the step asking for it — the owner of the step
    before (the commune its self-assessment, the verifier its report, the office the appraisal's papers; what the
    province's chairman signs is recorded by the office, which acts for the chairman)."""
    step = document_step(path, code)
    if step is None or path.order.index(step) == 0:
        return None
    return path.owners.get(path.order[path.order.index(step) - 1])


# Who records what a leader signs: the office enters the chairman's papers, the district's officers their leader's.
RECORDED_BY = {Actor.PROVINCE_LEADER: f"{Actor.COORDINATION_OFFICE.label} (thay {Actor.PROVINCE_LEADER.label})",
               Actor.DISTRICT_LEADER: f"{Actor.DISTRICT_OFFICER.label} (thay {Actor.DISTRICT_LEADER.label})"}


def attach_refusal(path: Path, code: str, actors: frozenset[Actor] | set[Actor]) -> str:
    """Why a user acting as `actors` may not attach the document to a dossier on `path`, in Vietnamese; "" when the
    document is theirs to attach."""
    document = DOCUMENTS.get(code)
    if document is None:
        return "Loại tài liệu không có trong danh mục hồ sơ."
    owner = document_owner(path, code)
    if owner is None:
        return f"Hồ sơ này không cần tài liệu «{document.label}»."
    if owner in actors:
        return ""
    return f"Tài liệu «{document.label}» do {RECORDED_BY.get(owner, owner.label)} đính kèm."


def attachable_documents(path: Path, actors: frozenset[Actor] | set[Actor]) -> list[Document]:
    """The documents of the path the user may attach, in the order of the steps."""
    codes = [code for step in path.order for code in path.checklist.get(step, ())]
    return [DOCUMENTS[code] for code in dict.fromkeys(codes) if not attach_refusal(path, code, actors)]


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


def refusal(actor: Actor, path: Path, level: Level, from_step: Step, to_step: Step) -> Blocker | None:
    """Why `actor` may not move the dossier from one step to the other, or None when the move is theirs to make:
    one step forward, or back to the step just before, by the one actor owning the current step."""
    if level not in path.levels:
        return Blocker(BlockerCode.LEVEL_NOT_FOR_SUBJECT, "Mức công nhận không áp dụng cho đối tượng này.")
    if from_step == Step.REVOKED:
        return Blocker(BlockerCode.CLOSED, "Quyết định công nhận đã bị thu hồi: hồ sơ không thể chuyển bước.")
    if from_step not in path.order or to_step not in path.order:
        return Blocker(BlockerCode.STEP_NOT_IN_PATH, "Bước này không có trong quy trình của đối tượng.")
    distance = path.order.index(to_step) - path.order.index(from_step)
    if distance not in (1, -1):
        return Blocker(BlockerCode.NOT_ADJACENT,
                       "Chỉ được chuyển sang bước kế tiếp hoặc trả lại bước liền trước.")
    if distance == -1 and from_step == Step.RECOGNISED:
        return Blocker(BlockerCode.NO_RETURN, "Đã có quyết định công nhận: chỉ có thể đề nghị thu hồi.")
    owner = path.owners[from_step]
    if actor != owner:
        return Blocker(BlockerCode.WRONG_ACTOR, f"Hồ sơ đang ở bước «{path.label(from_step)}»: chỉ {owner.label} xử lý.")
    return None


def may_move(actor: Actor, path: Path, level: Level, from_step: Step, to_step: Step) -> bool:
    return refusal(actor, path, level, from_step, to_step) is None


def is_return(path: Path, from_step: Step, to_step: Step) -> bool:
    """Trả lại — back to the step just before (the rest of the rules decide whether it is allowed)."""
    order = path.order
    return from_step in order and to_step in order and order.index(to_step) == order.index(from_step) - 1


# Tỷ lệ hộ hài lòng tối thiểu, %. UNVERIFIED against QĐ 18/2022/QĐ-TTg: standard 90 is procedures.md §2.4
# [memory, moderate]; advanced and model 95 are the same note's "≥ 95 %?" [memory, low]. Village titles follow
# provincial rules the notes do not give: they use the figure of their level as a placeholder.
# The modern commune of 2026–2030 is given the advanced/model placeholder until its pilot framework is read.
SATISFACTION_MINIMUM = {Level.STANDARD: Decimal(90), Level.ADVANCED: Decimal(95), Level.MODEL: Decimal(95),
                        Level.MODERN: Decimal(95)}

# Số hộ được lấy ý kiến, % of the commune's households: "ít nhất 70% số hộ gia đình" for a commune
# [source: baoninhthuan.com.vn, also mattrantoquoc.tayninh.gov.vn 2019; procedures.md §2.4]. The notes give no
# coverage for village titles, so none is checked for them.
POLL_COVERAGE_MINIMUM = Decimal(70)

# The level a commune must already hold (criteria-2021-2025.md §6-§7 [memory]: advanced needs standard, model
# needs advanced — 318 Phụ lục II, 319/QĐ-TTg). The pilot modern commune of 2026–2030 builds on the standard
# (the project's reading of "xã NTM hiện đại": the notes give the framework's title, not its conditions).
PREREQUISITE = {Level.ADVANCED: Level.STANDARD, Level.MODEL: Level.ADVANCED, Level.MODERN: Level.STANDARD}
COMMUNE_TITLES = {
    Level.STANDARD: "xã đạt chuẩn nông thôn mới",
    Level.ADVANCED: "xã đạt chuẩn nông thôn mới nâng cao",
    Level.MODEL: "xã đạt chuẩn nông thôn mới kiểu mẫu",
    Level.MODERN: "xã nông thôn mới hiện đại",
}

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
    level: Level
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


@dataclass(frozen=True)
class Outcome:
    reasons: tuple[Blocker, ...]  # empty when the move is allowed
    returned: bool = False  # trả lại: back one step

    @property
    def allowed(self) -> bool:
        return not self.reasons


def move(current: Step, to_step: Step, actor: Actor, facts: DossierFacts) -> Outcome:
    """May `actor` move the dossier of `facts` from `current` to `to_step`, and if not, every reason why."""
    refused = refusal(actor, facts.path, facts.level, current, to_step)
    if refused is not None:
        return Outcome((refused,))
    if is_return(facts.path, current, to_step):
        return Outcome((), returned=True)
    return Outcome(tuple(blockers(facts, to_step)))


@dataclass(frozen=True)
class Turn:
    """Lượt xử lý — whose turn it is on a dossier and what they must do to move it on: the actor owning the current
    step, the step they move it to, the documents that step still lacks (each with who attaches it), and whatever
    else keeps it where it is (criteria, debt, poll, opinions, a decision). No actor once the procedure has ended."""

    actor: Actor | None
    next_step: Step | None = None
    documents: tuple[tuple[Document, Actor | None], ...] = ()
    blockers: tuple[Blocker, ...] = ()

    @property
    def ended(self) -> bool:
        return self.actor is None

    @property
    def who(self) -> str:
        """The actor in words: the office recording what the province's chairman signs says so."""
        return "" if self.actor is None else RECORDED_BY.get(self.actor, self.actor.label)


def turn(facts: DossierFacts, current: Step) -> Turn:
    """Whose turn it is on a dossier of `facts` standing at `current`. A recognised dossier waits for no one unless
    a ground to revoke it stands; a revoked one is closed."""
    path = facts.path
    if current not in path.order or current == Step.REVOKED:
        return Turn(None)
    if current == Step.RECOGNISED and not facts.revocation_grounds:
        return Turn(None)
    next_step = path.order[path.order.index(current) + 1]
    documents = tuple((d, document_owner(path, d.code)) for d in missing_documents(path, next_step, facts.documents))
    others = tuple(b for b in blockers(facts, next_step) if b.code != BlockerCode.DOCUMENT_MISSING)
    return Turn(path.owners[current], next_step, documents, others)
