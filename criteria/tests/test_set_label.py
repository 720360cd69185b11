"""Sets are shown by their name and legal basis, never by a code or version string; a provisional threshold is one
small "tạm" badge, explained once per page by one legend."""

import datetime
from dataclasses import dataclass

import pytest
from django.template import Context, Template

from criteria.definitions import Confidence, Indicator, Operator, Threshold, ValueType
from criteria.display import ThresholdLabel, any_provisional, basis_label, set_label, threshold_label
from criteria.models import CriteriaSetRecord
from criteria.queries import set_code_label


@dataclass
class Named:
    name: str
    legal_basis: str
    province: object = None


@dataclass
class Province:
    full_name: str


@pytest.mark.parametrize(("named", "expected"), [
    (Named("Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030",
           "Quyết định 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ, Phụ lục I"),
     "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030 (Quyết định 51/2025/QĐ-TTg)"),
    (Named("Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025",
           "Quyết định 318/QĐ-TTg ngày 08/3/2022, Phụ lục I, sửa đổi bởi Quyết định 211/QĐ-TTg ngày 01/3/2024"),
     "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025 (Quyết định 318/QĐ-TTg, Quyết định 211/QĐ-TTg)"),
    (Named("Bộ tiêu chí xã nông thôn mới 2026-2030", "Quyết định số 12/2026/QĐ-UBND ngày 3/3/2026 của UBND tỉnh",
           Province("Tỉnh Hà Tĩnh")),
     "Bộ tiêu chí xã nông thôn mới 2026–2030, phiên bản của Tỉnh Hà Tĩnh (Quyết định 12/2026/QĐ-UBND)"),
    (Named("Bộ tiêu chí 2026-2030 — áp dụng tại Tỉnh Hà Tĩnh", "Quyết định 12/2026/QĐ-UBND", Province("Tỉnh Hà Tĩnh")),
     "Bộ tiêu chí 2026–2030 — áp dụng tại Tỉnh Hà Tĩnh (Quyết định 12/2026/QĐ-UBND)"),
    (Named("Bộ tiêu chí minh họa — không phải nội dung Phụ lục I Quyết định 51/2025/QĐ-TTg",
           "Bộ tiêu chí minh họa — không phải nội dung Phụ lục I Quyết định 51/2025/QĐ-TTg", Province("Tỉnh Hà Tĩnh")),
     "Bộ tiêu chí minh họa — không phải nội dung Phụ lục I Quyết định 51/2025/QĐ-TTg, phiên bản của Tỉnh Hà Tĩnh"),
    (Named("Bộ tiêu chí thử nghiệm", "Văn bản hướng dẫn của Bộ"), "Bộ tiêu chí thử nghiệm (Văn bản hướng dẫn của Bộ)"),
    (Named("Bộ tiêu chí thử nghiệm", ""), "Bộ tiêu chí thử nghiệm"),
])
def test_a_set_reads_as_its_name_and_basis(named, expected):
    assert set_label(named) == expected


def test_the_basis_names_each_document_once():
    assert basis_label("Quyết định 318/QĐ-TTg; Quyết định số 318/QĐ-TTg.") == "Quyết định 318/QĐ-TTg"


def test_a_stored_version_never_shows_its_code_or_version(db, geo_map):
    record = CriteriaSetRecord.objects.create(
        code="commune-2026-2030", version="2026-02-15+42.1", name="Bộ tiêu chí xã 2026-2030", level="commune",
        tier="standard", legal_basis="Quyết định 7/2026/QĐ-UBND", province=geo_map.province,
        valid_from=datetime.date(2026, 2, 15), definition="")
    label = set_label(record)
    assert label == f"Bộ tiêu chí xã 2026–2030, phiên bản của {geo_map.province.full_name} (Quyết định 7/2026/QĐ-UBND)"
    assert set_code_label("commune-2026-2030") == label
    assert "commune-" not in label and "+42" not in label
    assert set_code_label("commune-1999") == "Bộ tiêu chí đã chọn"


def _indicator(operator=Operator.GE):
    return Indicator("2.1", "Tỷ lệ", ValueType.PERCENT, operator, (), unit="%", confidence=Confidence.SOURCE)


@pytest.mark.parametrize(("threshold", "expected", "plain"), [
    (Threshold(70), ThresholdLabel("≥ 70 %"), "≥ 70 %"),
    (Threshold(70, verified=False), ThresholdLabel("≥ 70 %", provisional=True), "≥ 70 % (tạm)"),
    (Threshold(None, verified=False), ThresholdLabel("chưa có ngưỡng", missing=True), "chưa có ngưỡng"),
    (None, ThresholdLabel("chưa có ngưỡng", missing=True), "chưa có ngưỡng"),
])
def test_a_threshold_label_says_whether_it_is_provisional(threshold, expected, plain):
    label = threshold_label(_indicator(), threshold)
    assert label == expected
    assert str(label) == plain


BADGE_PAGE = Template(
    "{% load criteria_display %}{% for label in labels %}<td>{{ label|threshold }}</td>{% endfor %}"
    '{% include "_provisional_legend.html" with provisional=provisional %}')


@pytest.mark.parametrize(("thresholds", "badges", "legends"), [
    ([Threshold(70, verified=False), Threshold(80, verified=False), Threshold(90)], 2, 1),
    ([Threshold(70), Threshold(80)], 0, 0),
    ([Threshold(None, verified=False)], 0, 0),  # a gap says "chưa có ngưỡng", not "tạm"
])
def test_each_provisional_threshold_has_one_badge_and_the_page_one_legend(thresholds, badges, legends):
    labels = [threshold_label(_indicator(), t) for t in thresholds]
    html = BADGE_PAGE.render(Context({"labels": labels, "provisional": any_provisional(labels)}))
    assert html.count('data-testid="provisional"') == badges
    assert html.count('data-testid="provisional-legend"') == legends
    assert html.count("chưa kiểm chứng với văn bản chính thức (") == legends  # said once, in the legend
    assert "(tạm" not in html
