"""How thresholds and values read in Vietnamese: "≥ 70 %", "Đạt", "≥ 48 triệu đồng/người/năm"."""

from criteria.definitions import Indicator, Operator, Threshold, ValueType
from criteria.rules import UNREADABLE, stored_number
from ntm.formatting import format_number

OPERATOR_SIGNS = {Operator.EQ: "=", Operator.GE: "≥", Operator.GT: ">", Operator.LE: "≤", Operator.LT: "<", Operator.IN: "∈"}
GAP = "chưa có ngưỡng"
INVALID = "giá trị không hợp lệ — cần nhập lại"  # a stored value that cannot be read (saved before values were bounded)


def show_value(indicator: Indicator, value: object) -> str:
    """A value as stored or typed, in Vietnamese: "85,5 %", "Đạt"; INVALID for one that cannot be read."""
    if value is None or value == "":
        return ""
    if value is UNREADABLE:
        return INVALID
    if indicator.value_type == ValueType.BOOL:
        if isinstance(value, bool):
            return "Đạt" if value else "Không đạt"
        return {"true": "Đạt", "1": "Đạt", "false": "Không đạt", "0": "Không đạt"}.get(str(value).strip().lower(), INVALID)
    if indicator.value_type == ValueType.CATEGORY:
        return value if isinstance(value, str) else INVALID
    number = stored_number(value)
    if number is None:
        return INVALID
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
