"""Writing a criteria set as YAML in the format that `criteria.yaml_format` reads (they round-trip)."""

import yaml

from criteria.definitions import Condition, CriteriaSet, Indicator, Threshold


def dump_set(criteria_set: CriteriaSet) -> str:
    """The set as YAML in the format above; `parse_set(dump_set(s), s.source_file) == s`."""
    lines = [f"{key}: {_scalar(value)}" for key, value in _set_header(criteria_set)]
    lines.append("criteria:")
    for criterion in criteria_set.criteria:
        lines.append(f"  - number: {_scalar(criterion.number)}")
        lines.append(f"    name: {_scalar(criterion.name)}")
        if criterion.owner:
            lines.append(f"    owner: {_scalar(criterion.owner)}")
        lines.append(f"    rule: {_scalar(criterion.rule)}")
        lines.append("    indicators:")
        for indicator in criterion.indicators:
            lines.extend(_indicator_lines(indicator))
    return "\n".join(lines) + "\n"


def _set_header(s: CriteriaSet) -> list[tuple[str, object]]:
    header: list[tuple[str, object]] = [
        ("code", s.code), ("version", s.version), ("name", s.name), ("level", str(s.level)), ("tier", str(s.tier)),
        ("legal_basis", s.legal_basis), ("valid_from", s.valid_from), ("valid_to", s.valid_to),
        ("keys", [str(k) for k in s.keys]),
    ]  # fmt: skip
    header += [
        (key, value)
        for key, value in (("province", s.province), ("extends", s.extends), ("notes", s.notes))
        if value
    ]
    return header


def _indicator_lines(indicator: Indicator) -> list[str]:
    lines = [
        f"      - code: {_scalar(indicator.code)}",
        f"        name: {_scalar(indicator.name)}",
        f"        value_type: {indicator.value_type}",
        f"        operator: {indicator.operator}",
    ]
    optional = (("unit", indicator.unit), ("owner", indicator.owner), ("tags", [str(t) for t in indicator.tags]),
                ("choices", list(indicator.choices)), ("confidence", str(indicator.confidence)),
                ("source", indicator.source), ("notes", indicator.notes))  # fmt: skip
    lines += [f"        {key}: {_scalar(value)}" for key, value in optional if value]
    if indicator.integer:
        lines.append("        integer: true")
    lines.append("        thresholds:")
    lines += [f"          - {_scalar(_threshold_mapping(t))}" for t in indicator.thresholds]
    return lines


def _threshold_mapping(threshold: Threshold) -> dict[str, object]:
    mapping: dict[str, object] = {}
    for name, values in threshold.conditions:
        typed = [int(v) if name == Condition.YEAR else v for v in values]
        mapping[name] = typed[0] if len(typed) == 1 else typed
    value = threshold.value
    mapping["value"] = list(value) if isinstance(value, tuple) else value
    if not threshold.verified:
        mapping["verified"] = False
    if threshold.hint:
        mapping["hint"] = threshold.hint
    if threshold.legal_basis:
        mapping["legal_basis"] = threshold.legal_basis
    return mapping


def _scalar(value: object) -> str:
    """`value` as one line of flow-style YAML (strings quoted where YAML would read them otherwise)."""
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=1_000_000
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()
