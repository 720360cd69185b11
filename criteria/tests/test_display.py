import pytest

from criteria.definitions import Confidence, Indicator, Operator, Threshold, ValueType
from criteria.display import describe_threshold, show_value


def indicator(value_type, operator=Operator.GE, unit=""):
    return Indicator("2.1", "x", value_type, operator, (), unit=unit, confidence=Confidence.SOURCE)


@pytest.mark.parametrize(("ind", "threshold", "expected"), [
    (indicator(ValueType.PERCENT, unit="%"), Threshold(70), "≥ 70 %"),
    (indicator(ValueType.MONEY_PER_PERSON, unit="triệu đồng/người/năm"), Threshold(47.5), "≥ 47,5 triệu đồng/người/năm"),
    (indicator(ValueType.PERCENT, Operator.LE, "%"), Threshold(13, verified=False), "≤ 13 % (tạm)"),
    (indicator(ValueType.BOOL, Operator.EQ), Threshold(True), "Đạt"),
    (indicator(ValueType.PERCENT, unit="%"), Threshold(None, verified=False), "chưa có ngưỡng"),
    (indicator(ValueType.PERCENT, unit="%"), None, "chưa có ngưỡng"),
])
def test_thresholds_read_in_vietnamese(ind, threshold, expected):
    assert describe_threshold(ind, threshold) == expected


def test_values_read_with_vietnamese_decimals():
    assert show_value(indicator(ValueType.PERCENT, unit="%"), "85.50") == "85,5 %"
    assert show_value(indicator(ValueType.BOOL, Operator.EQ), False) == "Không đạt"
