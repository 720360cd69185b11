"""Tên chỉ tiêu — the one place a measure's code gets its Vietnamese name and unit.

Every measure a target can be set on (targets.measures.MEASURES) and every metric the notice parser reads
(directives/parser/targets.py) has a label here, so that no page, document, export or audit line ever shows a code
such as `new_ocop_products_5_star`. Pure data and two small functions: directives, reports and the audit log import it
without pulling the figures' queries.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    label: str
    unit: str  # what the number counts, as notices write it: "xã", "tiêu chí/xã", "%"


TERMS: dict[str, Term] = {
    "new_communes_ntm_standard": Term("Số xã được công nhận đạt chuẩn nông thôn mới trong năm", "xã"),
    "total_communes_ntm_standard": Term("Tổng số xã đạt chuẩn nông thôn mới (lũy kế)", "xã"),
    "new_communes_advanced_ntm": Term("Số xã được công nhận đạt chuẩn nông thôn mới nâng cao trong năm", "xã"),
    "new_communes_model_ntm": Term("Số xã được công nhận đạt chuẩn nông thôn mới kiểu mẫu trong năm", "xã"),
    "avg_criteria_per_commune": Term("Bình quân số tiêu chí đạt trên mỗi xã", "tiêu chí/xã"),
    "avg_criteria_gain_per_commune": Term("Bình quân số tiêu chí tăng thêm trên mỗi xã so với năm trước",
                                          "tiêu chí/xã"),
    "communes_below_10_criteria": Term("Số xã đạt dưới 10 tiêu chí", "xã"),
    "min_criteria_per_commune": Term("Số tiêu chí đạt thấp nhất của một xã", "tiêu chí/xã"),
    "villages_ntm_standard": Term("Số thôn được công nhận đạt chuẩn nông thôn mới trong năm", "thôn"),
    "new_model_residential_areas": Term("Số khu dân cư nông thôn mới kiểu mẫu được công nhận trong năm",
                                        "khu dân cư"),
    "new_model_gardens": Term("Số vườn mẫu nông thôn mới được công nhận trong năm", "vườn"),
    "disbursement_rate": Term("Tỷ lệ giải ngân vốn của Chương trình", "%"),
    "communes_meeting_all_criteria": Term(
        "Số xã đạt đủ các tiêu chí của bộ tiêu chí đang áp dụng (theo kết quả đánh giá)", "xã"),
    "share_communes_ntm_standard": Term("Tỷ lệ xã đạt chuẩn nông thôn mới (lũy kế, trên tổng số xã)", "%"),
    "new_communes_modern_ntm": Term("Số xã được công nhận nông thôn mới hiện đại trong năm", "xã"),
    "total_communes_modern_ntm": Term("Tổng số xã nông thôn mới hiện đại (lũy kế)", "xã"),
    "province_ntm_standard": Term("Tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới (1: đã hoàn thành)", "tỉnh"),
    "multidimensional_poverty_rate": Term("Tỷ lệ nghèo đa chiều (hộ nghèo và hộ cận nghèo)", "%"),
    # Read from notices, not computed by ntm (no target can be set on them; the notices' page lists them).
    "new_communes_ntm_standard_special_difficulty": Term(
        "Số xã đặc biệt khó khăn được công nhận đạt chuẩn nông thôn mới trong năm", "xã"),
    "criteria_level_increase_factor": Term("Số tiêu chí đạt tăng lên (số lần so với trước)", "lần"),
    "new_districts_ntm_standard": Term("Số huyện được công nhận đạt chuẩn nông thôn mới trong năm", "huyện"),
    "new_ocop_products": Term("Số sản phẩm OCOP mới được công nhận", "sản phẩm"),
    "new_ocop_products_4_star": Term("Số sản phẩm OCOP 4 sao mới được công nhận", "sản phẩm"),
    "new_ocop_products_5_star": Term("Số sản phẩm OCOP 5 sao mới được công nhận", "sản phẩm"),
}

UNKNOWN = "Chỉ tiêu khác (chưa có tên trong hệ thống)"
_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def measure_label(code: str) -> str:
    """The measure's Vietnamese name; never the code, even for one this list does not know."""
    term = TERMS.get(code)
    return term.label if term else UNKNOWN


def measure_unit(code: str) -> str:
    term = TERMS.get(code)
    return term.unit if term else ""


def name_measures(text: str) -> str:
    """A stored text written with codes (an old audit line: "Tỉnh Hà Tĩnh 2026: new_communes_modern_ntm tối thiểu
    1.00") with each known code replaced by its name."""
    return _CODE.sub(lambda m: TERMS[m.group(0)].label if m.group(0) in TERMS else m.group(0), text)
