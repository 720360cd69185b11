"""Mục tiêu quốc gia đến 2030 — the goals of the national target program for 2026–2030, shown on the targets page
beside the province's own targets as reference lines: the program's goals, not targets the province set.

The goals are pure data, each with its source as the reference notes give it (shared/domain/annex-findings.md §3,
monitoring-and-finance.md §5), and for each the measures of ntm that tell where the province stands against it
(none where ntm computes nothing comparable, as for rural income).
"""

import datetime
from dataclasses import dataclass

from geo.models import AdministrativeUnit
from ntm.formatting import format_number
from programme.periods import period_of_year
from targets.measures import MEASURES

QD_417 = ("Quyết định 417/QĐ-BNNMT phê duyệt Chương trình MTQG giai đoạn 2026–2035, giai đoạn I 2026–2030 "
          "(theo baogialai.com.vn và nhandan.vn)")
BAOGIALAI = ("https://baogialai.com.vn/tong-ngan-sach-nha-nuoc-bo-tri-cho-chuong-trinh-mtqg-giai-doan-2026-2030-"
             "khoang-423000-ty-dong-post579288.html")
NHANDAN = "https://nhandan.vn/phan-dau-giam-ty-le-ho-ngheo-da-chieu-vung-dong-bao-dan-toc-thieu-so-va-mien-nui-xuong-duoi-10-post941087.html"
VIETNAMNET = "https://vietnamnet.vn/bo-tri-423-000-ty-dong-cho-chuong-trinh-muc-tieu-quoc-gia-giai-doan-2026-2030-2471465.html"
GOAL_YEAR = 2030
FIRST_YEAR = 2026


@dataclass(frozen=True)
class NationalGoal:
    key: str
    goal: str  # Vietnamese, as the program states it
    measures: tuple[str, ...]  # the province's measures to read beside it (targets.measures codes)
    source: str
    addresses: tuple[str, ...]
    note: str = ""  # what ntm cannot compare, or how the goal is read


NATIONAL_GOALS_2030 = (
    NationalGoal("communes_ntm", "Khoảng 65 % số xã cả nước đạt chuẩn nông thôn mới",
                 ("share_communes_ntm_standard", "total_communes_ntm_standard"), QD_417, (BAOGIALAI, VIETNAMNET),
                 "Theo ghi chú, con số 65 % được nêu từ khi còn là đề xuất."),
    NationalGoal("communes_modern", "Trong đó khoảng 10 % đạt chuẩn nông thôn mới hiện đại",
                 ("total_communes_modern_ntm",), QD_417, (BAOGIALAI,),
                 "Nguồn viết \"trong đó\": 10 % có thể tính trên số xã đạt chuẩn hoặc trên tổng số xã; ntm nêu số xã "
                 "hiện đại của tỉnh để tỉnh tự đối chiếu."),
    NationalGoal("provinces_completed", "5 tỉnh, thành phố hoàn thành nhiệm vụ xây dựng nông thôn mới",
                 ("province_ntm_standard",), QD_417, (BAOGIALAI,)),
    NationalGoal("poverty", "Tỷ lệ nghèo đa chiều giảm bình quân 1–1,5 điểm % mỗi năm; vùng đồng bào dân tộc thiểu "
                 "số và miền núi xuống dưới 10 %", ("multidimensional_poverty_rate",), QD_417, (NHANDAN, VIETNAMNET),
                 "Mức giảm của tỉnh đọc ở bảng tỷ lệ nghèo đa chiều theo năm bên dưới."),
    NationalGoal("income", "Thu nhập bình quân của người dân nông thôn gấp 2,5–3 lần năm 2020", (), QD_417,
                 (BAOGIALAI, VIETNAMNET), "ntm chưa tính thu nhập bình quân của tỉnh: chưa có số để so sánh."),
)


def goals_for_year(year: int) -> tuple[NationalGoal, ...]:
    """The goals to show on a year's page: those of the 2026–2030 period, for its years only."""
    period = period_of_year(year)
    return NATIONAL_GOALS_2030 if period is not None and period.first_year == FIRST_YEAR else ()


# --- the reading: where the province stands beside each goal -----------------------------------------------------


@dataclass(frozen=True)
class Reading:
    label: str  # the measure's label
    text: str  # its value as shown: "12 xã", "41,5 %", "Đã hoàn thành", "Chưa có số liệu"


@dataclass(frozen=True)
class GoalRow:
    goal: NationalGoal
    readings: tuple[Reading, ...]


def goal_rows(area: AdministrativeUnit, year: int, day: datetime.date) -> list[GoalRow]:
    """The goals of the year's period with the area's figures beside them (a few queries per measure)."""

    def text(code: str) -> Reading:
        measure = MEASURES[code]
        value = measure.actual(area, year, day)
        if value is None:
            return Reading(measure.label, "Chưa có số liệu")
        if code == "province_ntm_standard":
            return Reading("Tỉnh", "Đã hoàn thành" if value >= 1 else "Chưa được công nhận hoàn thành")
        return Reading(measure.label, f"{format_number(value, measure.decimals, strip_zeros=True)} {measure.unit}")

    return [GoalRow(goal, tuple(text(code) for code in goal.measures)) for goal in goals_for_year(year)]
