"""The words of the recognition procedure: tiers, subjects, actors, steps and documents, with their Vietnamese
labels. The other modules of `recognition.rules` speak these."""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models  # TextChoices only (an enum with labels): no ORM here


class Tier(models.TextChoices):
    """Mức công nhận — the tier a subject is recognised at ("level" is the map's word: geo.models.Level). The one
    definition: the models' choices, the forms and the rules all read this."""

    STANDARD = "standard", "Đạt chuẩn"
    ADVANCED = "advanced", "Nâng cao"  # 2016–2025
    MODEL = "model", "Kiểu mẫu"  # 2016–2025
    MODERN = "modern", "Hiện đại"  # 2026–2030, thí điểm (QĐ 51/2025/QĐ-TTg, Phụ lục II)


class Subject(models.TextChoices):
    """What is recognised: a commune by the national set, villages, model areas and gardens by the province's own
    sets, and (2026–2030) the province itself completing the NTM task (QĐ 51/2025/QĐ-TTg, Phụ lục III)."""

    COMMUNE = "commune", "Xã nông thôn mới"
    VILLAGE = "village", "Thôn đạt chuẩn nông thôn mới"
    MODEL_AREA = "model_area", "Khu dân cư nông thôn mới kiểu mẫu"
    GARDEN = "garden", "Vườn mẫu nông thôn mới"
    PROVINCE = "province", "Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới"


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

# Who records what a leader signs: the office enters the chairman's papers, the district's officers their leader's.
RECORDED_BY = {Actor.PROVINCE_LEADER: f"{Actor.COORDINATION_OFFICE.label} (thay {Actor.PROVINCE_LEADER.label})",
               Actor.DISTRICT_LEADER: f"{Actor.DISTRICT_OFFICER.label} (thay {Actor.DISTRICT_LEADER.label})"}

COMMUNE_TITLES = {
    Tier.STANDARD: "xã đạt chuẩn nông thôn mới",
    Tier.ADVANCED: "xã đạt chuẩn nông thôn mới nâng cao",
    Tier.MODEL: "xã đạt chuẩn nông thôn mới kiểu mẫu",
    Tier.MODERN: "xã nông thôn mới hiện đại",
}
