"""Numeric targets: vocabulary, lower bounds of ranges, Vietnamese decimals, results excluded."""

from datetime import date

import pytest

from directives.parser.targets import extract_targets

CASES = [
    ("Chỉ tiêu năm 2017: có thêm 18 xã đạt chuẩn", "new_communes_ntm_standard", 18),
    ("phấn đấu 1-2 xã đạt chuẩn NTM kiểu mẫu", "new_communes_model_ntm", 1),
    ("không còn xã dưới 10 tiêu chí", "communes_below_10_criteria", 0),
    ("20 xã biên giới phấn đấu đạt bình quân từ 11,5-12 tiêu chí/xã", "avg_criteria_per_commune", 11.5),
    ("nâng tổng số xã đạt chuẩn nông thôn mới toàn tỉnh lên 65 xã", "total_communes_ntm_standard", 65),
    ("phấn đấu có thêm 03 xã đạt chuẩn nông thôn mới nâng cao", "new_communes_advanced_ntm", 3),
    ("tối thiểu 50 sản phẩm, dịch vụ được chứng nhận đạt chuẩn OCOP", "new_ocop_products", 50),
    ("phấn đấu có sản phẩm đạt chuẩn OCOP 5 sao", "new_ocop_products_5_star", 1),
    ("tỷ lệ giải ngân chung của tỉnh đạt 60% trở lên", "disbursement_rate", 60),
    ("Tất cả các xã mức độ tiêu chí tăng 1,2 lần", "criteria_level_increase_factor", 1.2),
    ("87 vườn mẫu nông thôn mới", "new_model_gardens", 87),
]


@pytest.mark.parametrize(("text", "metric", "value"), CASES)
def test_target_is_read_with_its_metric_and_lower_bound(text, metric, value):
    targets = extract_targets([text], date(2020, 8, 14), "Lạng Sơn")
    assert [(t["metric"], t["value"]) for t in targets] == [(metric, value)]


def test_an_achieved_result_is_not_a_target():
    assert extract_targets(["Năm 2021 toàn tỉnh đã có thêm 02 huyện đạt chuẩn"], date(2022, 2, 23), "Hà Tĩnh") == []


def test_a_goal_without_a_number_is_not_a_target():
    assert extract_targets(["tập trung giảm số xã dưới 15 tiêu chí"], date(2022, 2, 23), "Hà Tĩnh") == []


def test_the_year_defaults_to_the_notice_year_and_text_keeps_the_range():
    (target,) = extract_targets(["mỗi huyện có từ 2-3 khu dân cư kiểu mẫu"], date(2020, 8, 14), "Lạng Sơn")
    assert (target["year"], target["value"], target["text"]) == (2020, 2, "2-3 khu dân cư kiểu mẫu")
