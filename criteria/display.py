"""How thresholds and values read in Vietnamese: "≥ 70 %", "Đạt", "≥ 48 triệu đồng/người/năm"."""

from decimal import Decimal

from criteria.definitions import Indicator, Operator, Threshold, ValueType
from ntm.formatting import format_number

OPERATOR_SIGNS = {Operator.EQ: "=", Operator.GE: "≥", Operator.GT: ">", Operator.LE: "≤", Operator.LT: "<", Operator.IN: "∈"}
GAP = "chưa có ngưỡng"


def show_value(indicator: Indicator, value: object) -> str:
    if value is None or value == "":
        return ""
    if indicator.value_type == ValueType.BOOL:
        return "Đạt" if value in (True, "true", "1", 1) else "Không đạt"
    if indicator.value_type == ValueType.CATEGORY:
        return str(value)
    number = Decimal(str(value))
    decimals = 0 if number == number.to_integral_value() else 2
    text = format_number(number, decimals, strip_zeros=True)
    return f"{text} {indicator.unit}".strip()


def describe_threshold(indicator: Indicator, threshold: Threshold | None) -> str:
    if threshold is None or threshold.value is None:
        return GAP
    if indicator.value_type == ValueType.BOOL:
        text = "Đạt" if threshold.value else "Không"
    elif indicator.operator == Operator.IN and isinstance(threshold.value, list | tuple):
        text = "một trong: " + ", ".join(str(v) for v in threshold.value)
    else:
        text = f"{OPERATOR_SIGNS[indicator.operator]} {show_value(indicator, threshold.value)}"
    return text if threshold.verified else f"{text} (tạm, chưa kiểm chứng)"
