"""What the criteria sets do not know yet: every threshold that is provisional (`verified: false`) or missing
(`value: null`), per set version, with the counts a province needs to see before trusting the results.

Pure: takes parsed sets, returns entries and a text report (printed by `manage.py criteria_gaps`).
"""

from dataclasses import dataclass

from criteria.definitions import Condition, CriteriaSet, Indicator, Operator, Threshold, ValueType

CONDITION_WORDS = {
    Condition.REGION: "vùng",
    Condition.COMMUNE_GROUP: "nhóm xã",
    Condition.YEAR: "năm",
    Condition.COMMUNE_TYPE: "loại xã",
}
OPERATOR_SIGNS = {
    Operator.EQ: "=",
    Operator.GE: "≥",
    Operator.GT: ">",
    Operator.LE: "≤",
    Operator.LT: "<",
    Operator.IN: "∈",
}


@dataclass(frozen=True)
class Gap:
    """One threshold a set does not know for sure: provisional when it has a value, missing when not."""

    criterion: str  # "10 Thu nhập"
    indicator_code: str
    indicator_name: str
    conditions: str  # "vùng TDMNPB, năm 2022"
    value: str  # "≥ 70 %" for a provisional value, "chưa có" for a gap
    hint: str
    is_missing: bool


@dataclass(frozen=True)
class SetGaps:
    label: str  # "commune-2021-2025@2022-03-08"
    name: str
    source_file: str
    gaps: tuple[Gap, ...]
    thresholds: int
    verified: int

    @property
    def provisional(self) -> int:
        return sum(1 for gap in self.gaps if not gap.is_missing)

    @property
    def missing(self) -> int:
        return sum(1 for gap in self.gaps if gap.is_missing)


def set_gaps(criteria_set: CriteriaSet) -> SetGaps:
    gaps = []
    total = verified = 0
    for criterion in criteria_set.criteria:
        for indicator in criterion.indicators:
            for threshold in indicator.thresholds:
                total += 1
                if threshold.verified and threshold.value is not None:
                    verified += 1
                    continue
                gaps.append(_gap(f"{criterion.number} {criterion.name}", indicator, threshold))
    return SetGaps(
        label=f"{criteria_set.code}@{criteria_set.version}",
        name=criteria_set.name,
        source_file=criteria_set.source_file,
        gaps=tuple(gaps),
        thresholds=total,
        verified=verified,
    )


def _gap(criterion: str, indicator: Indicator, threshold: Threshold) -> Gap:
    return Gap(
        criterion=criterion,
        indicator_code=indicator.code,
        indicator_name=indicator.name,
        conditions=describe_conditions(threshold),
        value="chưa có" if threshold.value is None else describe_value(indicator, threshold.value),
        hint=threshold.hint,
        is_missing=threshold.value is None,
    )


def describe_conditions(threshold: Threshold) -> str:
    parts = [
        f"{CONDITION_WORDS.get(Condition(name), name)} {', '.join(values)}"
        for name, values in threshold.conditions
    ]
    return "; ".join(parts) or "mọi xã"


def describe_value(indicator: Indicator, value: object) -> str:
    if indicator.value_type == ValueType.BOOL:
        return "Đạt" if value else "Không đạt"
    shown = ", ".join(str(v) for v in value) if isinstance(value, tuple | list) else str(value)
    unit = f" {indicator.unit}" if indicator.unit else ""
    return f"{OPERATOR_SIGNS[indicator.operator]} {shown}{unit}"


def totals_line(summary: SetGaps) -> str:
    return (
        f"Tổng {summary.label}: {summary.thresholds} ngưỡng — {summary.verified} đã kiểm chứng, "
        f"{summary.provisional} tạm tính (chưa kiểm chứng), {summary.missing} còn thiếu."
    )


def report(sets: list[CriteriaSet]) -> str:
    """The text report: per set, one line per provisional or missing threshold, then the set's totals."""
    lines = ["Ngưỡng chưa kiểm chứng và còn thiếu của các bộ tiêu chí (tạo tự động từ các tệp bộ tiêu chí)."]
    summaries = [set_gaps(s) for s in sets]
    for summary in summaries:
        lines += ["", f"== {summary.label} — {summary.name} ({summary.source_file})"]
        lines.append("tiêu chí | chỉ tiêu | điều kiện | giá trị tạm | gợi ý")
        for gap in summary.gaps:
            lines.append(
                f"{gap.criterion} | {gap.indicator_code} {gap.indicator_name} | {gap.conditions} | {gap.value} | {gap.hint or '—'}"
            )
        lines.append(totals_line(summary))
    lines += ["", f"Cộng {len(summaries)} phiên bản: " + _grand_total(summaries)]
    return "\n".join(lines) + "\n"


def _grand_total(summaries: list[SetGaps]) -> str:
    thresholds = sum(s.thresholds for s in summaries)
    verified = sum(s.verified for s in summaries)
    provisional = sum(s.provisional for s in summaries)
    missing = sum(s.missing for s in summaries)
    return f"{thresholds} ngưỡng — {verified} đã kiểm chứng, {provisional} tạm tính, {missing} còn thiếu."
