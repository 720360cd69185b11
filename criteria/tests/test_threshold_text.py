"""Threshold cells read as annexes write them (table: threshold_cells.yaml), and written back the same way."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from criteria.definitions import Indicator, Operator, Threshold, ValueType
from criteria.threshold_text import (
    BadThreshold,
    CellPart,
    Kind,
    cell_text,
    parse_cell,
    parse_part,
    threshold_text,
)

CASES = yaml.safe_load((Path(__file__).parent / "threshold_cells.yaml").read_text(encoding="utf-8"))


def _expected(part: dict) -> CellPart:
    value = part.get("value")
    return CellPart(
        kind=Kind(part["kind"]), value=Decimal(value) if isinstance(value, str) else value,
        operator=Operator(part["operator"]) if "operator" in part else None, percent=part.get("percent", False),
        verified=part.get("verified", True), hint=part.get("hint", ""), year=part.get("year"),
    )


def _without_text(parts) -> list[CellPart]:
    return [CellPart(p.kind, p.value, p.operator, p.percent, p.verified, p.hint, p.year) for p in parts]


@pytest.mark.parametrize("case", [c for c in CASES if "parts" in c], ids=lambda c: repr(c["cell"]))
def test_it_reads_a_threshold_cell(case):
    assert _without_text(parse_cell(case["cell"])) == [_expected(part) for part in case["parts"]]


@pytest.mark.parametrize("case", [c for c in CASES if "error" in c], ids=lambda c: repr(c["cell"]))
def test_it_refuses_a_threshold_cell_it_cannot_read(case):
    with pytest.raises(BadThreshold) as refused:
        parse_cell(case["cell"])
    assert refused.value.message == case["error"]


def test_the_table_has_cases_of_every_kind():
    kinds = {part["kind"] for case in CASES for part in case.get("parts", [])}
    assert (kinds, sum("error" in c for c in CASES)) == ({"number", "bool", "gap"}, 11)


@pytest.mark.parametrize(("raw", "percent_format", "expected"), [
    (45, False, CellPart(Kind.NUMBER, Decimal(45))),
    (47.5, False, CellPart(Kind.NUMBER, Decimal("47.5"))),
    (0.9, True, CellPart(Kind.NUMBER, Decimal(90), percent=True)),  # "90%" typed in a percent cell
    (1, True, CellPart(Kind.NUMBER, Decimal(100), percent=True)),
    (True, False, CellPart(Kind.BOOL, True)),
    (None, False, CellPart(Kind.GAP, None, verified=False)),
])
def test_it_reads_excel_numbers_and_percent_cells(raw, percent_format, expected):
    assert _without_text(parse_cell(raw, percent_format=percent_format)) == [expected]


def test_a_percent_cell_over_100_is_refused():
    with pytest.raises(BadThreshold) as refused:
        parse_cell(1.2, percent_format=True)
    assert refused.value.message == "Tỷ lệ '1.2' phải từ 0 đến 100%."


PERCENT_GE = Indicator("2.1", "Tỷ lệ", ValueType.PERCENT, Operator.GE, ())
NUMBER_LE = Indicator("6.1", "Số", ValueType.NUMBER, Operator.LE, ())
NUMBER_EQ = Indicator("9.1", "Nhà tạm", ValueType.NUMBER, Operator.EQ, ())
BOOL = Indicator("1.1", "Có", ValueType.BOOL, Operator.EQ, ())


@pytest.mark.parametrize(("indicator", "threshold", "text"), [
    (PERCENT_GE, Threshold(90), "≥ 90%"),
    (PERCENT_GE, Threshold(16.5), "≥ 16,5%"),
    (PERCENT_GE, Threshold(70, verified=False), "≥ 70% (tạm)"),
    (PERCENT_GE, Threshold(70, verified=False, hint="~70–90 % (nhớ lại)"), "≥ 70% (tạm: ~70–90 % (nhớ lại))"),
    (PERCENT_GE, Threshold(None, verified=False), "-"),
    (PERCENT_GE, Threshold(None, verified=False, hint="chưa có"), "- (chưa có)"),
    (NUMBER_LE, Threshold(None, verified=False), "≤ -"),
    (NUMBER_LE, Threshold(3260.6), "≤ 3.260,6"),
    (NUMBER_EQ, Threshold(0), "= 0"),
    (BOOL, Threshold(True), "Đạt"),
    (BOOL, Threshold(False), "Không"),
    (PERCENT_GE, None, "-"),
])
def test_it_writes_a_threshold_as_an_annex_does_and_reads_it_back(indicator, threshold, text):
    assert threshold_text(indicator, threshold) == text
    part = parse_part(text)
    assert (part.value is None) == (threshold is None or threshold.value is None)
    if threshold is not None and threshold.value is not None:
        expected = threshold.value if isinstance(threshold.value, bool) else Decimal(str(threshold.value))
        assert (part.value, part.verified, part.hint) == (expected, threshold.verified, threshold.hint)
        assert part.operator in (None, indicator.operator)


def test_a_cell_of_several_years_writes_the_general_threshold_first():
    parts = [(None, Threshold(45)), (2024, Threshold(52)), (2025, Threshold(None, verified=False))]
    text = cell_text(Indicator("10", "Thu nhập", ValueType.MONEY_PER_PERSON, Operator.GE, ()), parts)
    assert text == "≥ 45\n2024: ≥ 52\n2025: -"
    assert [(p.year, p.value) for p in parse_cell(text)] == [(None, 45), (2024, 52), (2025, None)]
