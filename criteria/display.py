"""How sets, thresholds and values read in Vietnamese: "Bộ tiêu chí … (Quyết định 51/2025/QĐ-TTg)", "≥ 70 %",
"Đạt", "≥ 48 triệu đồng/người/năm". Never a set's code or version string: users know a set by its name and basis."""

import json
import re
from dataclasses import dataclass
from typing import Protocol

from criteria.definitions import Indicator, Operator, Threshold, ValueType
from criteria.rules import UNREADABLE, bounds_of, stored_number
from ntm.formatting import format_number

OPERATOR_SIGNS = {Operator.EQ: "=", Operator.GE: "≥", Operator.GT: ">", Operator.LE: "≤", Operator.LT: "<", Operator.IN: "∈"}
GAP = "chưa có ngưỡng"
PROVISIONAL = "tạm"  # the badge after a provisional threshold; the page's legend says what it means
PROVISIONAL_TITLE = "Ngưỡng tạm, chưa kiểm chứng với văn bản chính thức"
ILLUSTRATIVE_MARK = "minh họa"  # a demo version says so in its name and basis
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


@dataclass(frozen=True)
class ThresholdLabel:
    """A threshold as a page shows it: its text, and whether it is provisional (the "tạm" badge) or missing."""

    text: str  # "≥ 70 %", "Đạt", "chưa có ngưỡng"
    provisional: bool = False  # not verified against the official text: a badge, explained once by the page's legend
    missing: bool = False  # the set has no threshold here yet

    def __str__(self) -> str:
        """In a document or an export cell, where no badge can be drawn: "≥ 70 % (tạm)"."""
        return f"{self.text} ({PROVISIONAL})" if self.provisional else self.text


def threshold_label(indicator: Indicator, threshold: Threshold | None) -> ThresholdLabel:
    if threshold is None or threshold.value is None:
        return ThresholdLabel(GAP, missing=True)
    if indicator.value_type == ValueType.BOOL:
        text = "Đạt" if threshold.value else "Không"
    elif indicator.operator == Operator.IN and isinstance(threshold.value, list | tuple):
        text = "một trong: " + ", ".join(str(v) for v in threshold.value)
    else:
        text = f"{OPERATOR_SIGNS[indicator.operator]} {show_value(indicator, threshold.value)}"
    return ThresholdLabel(text, provisional=not threshold.verified)


def describe_threshold(indicator: Indicator, threshold: Threshold | None) -> str:
    """The threshold as plain text, for documents and export cells: "≥ 70 %", "≤ 13 % (tạm)", "chưa có ngưỡng"."""
    return str(threshold_label(indicator, threshold))


def live_check(indicator: Indicator, threshold: Threshold | None) -> dict[str, str]:
    """What the entry form's live check (static/ntm/value-check.js) needs to judge a typed value as the server will,
    as data attributes: the value's type and bounds, the operator, and the threshold in machine form ("" for none).
    The server stays the authority; assessment/tests/test_live_check.py runs both on one table of cases."""
    bounds = bounds_of(indicator)
    return {
        "type": str(indicator.value_type), "operator": str(indicator.operator), "threshold": _machine(threshold),
        "min": "" if bounds.low is None else format(bounds.low, "f"),
        "max": "" if bounds.high is None else format(bounds.high, "f"), "integer": "1" if bounds.integer else "",
    }


def _machine(threshold: Threshold | None) -> str:
    target = None if threshold is None else threshold.value
    if target is None:
        return ""
    if isinstance(target, bool):
        return "1" if target else "0"
    if isinstance(target, list | tuple):
        return json.dumps([str(item) for item in target], ensure_ascii=False)
    number = stored_number(target)
    if number is None:
        return "" if not isinstance(target, str) else target
    return format(number, "f")


def any_provisional(labels) -> bool:
    """Whether a page shows at least one provisional threshold: then it shows the legend (_provisional_legend.html)."""
    return any(isinstance(label, ThresholdLabel) and label.provisional for label in labels)


class NamedSet(Protocol):
    """A stored version (criteria.models.CriteriaSetRecord) or a parsed definition (criteria.definitions.CriteriaSet)."""

    name: str
    legal_basis: str


# "Quyết định 51/2025/QĐ-TTg", "Quyết định số 318/QĐ-TTg", "Nghị quyết 12/2026/NQ-HĐND": what a user recognises a
# set by. A basis naming no such document is shown whole.
_DOCUMENT = re.compile(
    r"\b(Quyết định|Nghị quyết|Thông tư|Nghị định|Chỉ thị|Công văn|Kế hoạch)\s+(?:số\s+)?(\d+[\w./-]*/[\wĐđ.-]+)",
    re.IGNORECASE)
_YEARS = re.compile(r"\b(\d{4})\s*-\s*(\d{4})\b")


def is_illustrative(named: NamedSet) -> bool:
    """A demo version: its name or basis says "minh họa", and its basis is a disclaimer, not a decision."""
    return ILLUSTRATIVE_MARK in named.name.lower() or ILLUSTRATIVE_MARK in named.legal_basis.lower()


def basis_label(legal_basis: str) -> str:
    """The documents a basis names, short: "Quyết định 318/QĐ-TTg, Quyết định 211/QĐ-TTg"; the basis whole when it
    names none."""
    found = []
    for kind, number in _DOCUMENT.findall(legal_basis):
        text = f"{kind[0].upper()}{kind[1:].lower()} {number.rstrip('.,')}"
        if text not in found:
            found.append(text)
    return ", ".join(found) if found else legal_basis.strip()


def set_label(criteria_set: NamedSet, province_name: str = "") -> str:
    """The set as users know it: its Vietnamese name and its legal basis, never a code or a version string.

    "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030 (Quyết định 51/2025/QĐ-TTg)". A province's version
    is named as such ("…, phiên bản của Tỉnh Hà Tĩnh (Quyết định 12/2026/QĐ-UBND)"); a demo version by its name
    alone, since its basis is a disclaimer (shown by the page's notice)."""
    name = _YEARS.sub(r"\1–\2", criteria_set.name.strip())
    province = province_name or _province_name(criteria_set)
    if province and province.lower() not in name.lower():
        name = f"{name}, phiên bản của {province}"
    if is_illustrative(criteria_set) or not criteria_set.legal_basis.strip():
        return name
    basis = basis_label(criteria_set.legal_basis)
    return name if basis in name else f"{name} ({basis})"


def _province_name(criteria_set: object) -> str:
    """The province of a stored version (its `province` unit); a parsed definition holds a code only: "của tỉnh"."""
    province = getattr(criteria_set, "province", None)
    if province is None or province == "":
        return ""
    return getattr(province, "full_name", "") or "tỉnh"
