"""The illustrative Hà Tĩnh 2026–2030 set: made from its table through the workbook importer, published, once."""

import datetime

import pytest

from accounts.models import AuditEntry, Role
from criteria import files
from criteria.definitions import CommuneContext, IndicatorTag, Operator, ValueType
from criteria.demo import ILLUSTRATIVE, load_demo_set_2026
from criteria.models import CriteriaSetRecord, SetStatus
from criteria.queries import definition, record_for_year
from criteria.rules import applicable_threshold

CONFIRMED_NAMES = [
    "Quy hoạch", "Hạ tầng kinh tế - xã hội", "Phát triển kinh tế nông thôn", "Đào tạo nguồn nhân lực nông thôn",
    "Văn hóa, giáo dục, y tế", "Giảm nghèo và an sinh xã hội", "Khoa học công nghệ và chuyển đổi số",
    "Môi trường và cảnh quan nông thôn", "Xây dựng hệ thống chính trị và hành chính công",
    "Tiếp cận pháp luật và an ninh, quốc phòng",
]


@pytest.fixture
def national_2026(db):
    path = files.SETS_DIR / "commune-2026-2030.yaml"
    return CriteriaSetRecord.objects.create(
        code="commune-2026-2030", version="2026-02-15", name="Bộ tiêu chí quốc gia 2026-2030", level="commune",
        tier="standard", legal_basis="Quyết định 51/2025/QĐ-TTg", valid_from=datetime.date(2026, 2, 15),
        definition=path.read_text(encoding="utf-8"), source_file=path.name)


def test_the_demo_set_fills_the_47_national_slots_and_is_published_once(cast, geo_map, national_2026):
    record = load_demo_set_2026(geo_map.province, by=cast[Role.COORDINATOR])
    assert (record.status, record.province, record.parent, record.source_file) == (
        SetStatus.PUBLISHED, geo_map.province, national_2026, "ha-tinh-2026-2030-minh-hoa.xlsx")
    assert ILLUSTRATIVE in record.name and ILLUSTRATIVE in record.legal_basis
    criteria_set = definition(record)
    assert [c.name for c in criteria_set.criteria] == CONFIRMED_NAMES
    assert [len(c.indicators) for c in criteria_set.criteria] == [2, 10, 6, 3, 7, 3, 4, 7, 3, 2]
    national = definition(national_2026)
    assert [i.code for i in criteria_set.indicators()] == [i.code for i in national.indicators()]
    assert all(t.value is not None and t.verified for i in criteria_set.indicators() for t in i.thresholds)
    assert record_for_year("commune-2026-2030", 2026, geo_map.province) == record
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "criteria_set.import_workbook", "criteria_set.publish"]

    again = load_demo_set_2026(geo_map.province, by=cast[Role.COORDINATOR])
    assert (again.pk, CriteriaSetRecord.objects.count(), AuditEntry.objects.count()) == (record.pk, 2, 2)


def _group_values(indicator) -> list:
    return [applicable_threshold(indicator, CommuneContext(commune_group=g)).value for g in ("1", "2", "3")]


def test_group_1_is_the_strictest_with_a_poverty_rate_and_an_income(cast, geo_map, national_2026):
    criteria_set = definition(load_demo_set_2026(geo_map.province, by=cast[Role.COORDINATOR]))
    poverty = next(i for i in criteria_set.criteria[5].indicators if "nghèo đa chiều" in i.name)
    income = next(i for i in criteria_set.criteria[2].indicators if i.value_type == ValueType.MONEY_PER_PERSON)
    assert (poverty.value_type, poverty.operator, _group_values(poverty)) == (ValueType.PERCENT, Operator.LE, [1.5, 3, 6])
    assert criteria_set.tagged(IndicatorTag.POVERTY_RATE) == poverty  # the national slot's tag, kept by code
    assert (income.operator, income.unit, _group_values(income)) == (Operator.GE, "triệu đồng/người/năm", [85, 72, 58])
    for indicator in criteria_set.indicators():
        values = _group_values(indicator)
        if indicator.operator == Operator.GE:
            assert values == sorted(values, reverse=True), indicator.code
        elif indicator.operator == Operator.LE:
            assert values == sorted(values), indicator.code
    owners = {criterion.owner_of(i) for criterion in criteria_set.criteria for i in criterion.indicators}
    assert {"Sở Nông nghiệp và Môi trường", "Sở Y tế", "Công an tỉnh", "Sở Tư pháp"} <= owners
    assert not any("Phát triển nông thôn" in owner or "Lao động" in owner for owner in owners)
