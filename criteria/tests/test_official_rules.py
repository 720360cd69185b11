"""The set files against the official rules as the reference notes give them (criteria/tests/cases/*.yaml).

For every indicator of every case block and every region (or commune group): a value exactly at the threshold
is met and a value just past it is not; a gap gives no_threshold; the verified flag is as the notes say.
"""

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
import yaml

from criteria import files
from criteria.definitions import COMMUNE_GROUPS, REGIONS, CommuneContext, CriteriaSet, Indicator, Operator
from criteria.rules import Outcome, applicable_threshold, evaluate_indicator, parse_value

CASES_DIR = Path(__file__).parent / "cases"
STEP = Decimal("0.1")


def _read(name: str) -> dict:
    return yaml.safe_load((CASES_DIR / name).read_text(encoding="utf-8"))


def _blocks(name: str) -> list[dict]:
    """The blocks of a case file; a file that `extends` another starts each complete block from the other's."""
    case = _read(name)
    base = {}
    if "extends" in case:
        base = next(b for b in _read(case["extends"])["blocks"] if b.get("complete"))["indicators"]
    return [
        {**block, "indicators": {**(base if block.get("complete") else {}), **block["indicators"]}}
        for block in case["blocks"]
    ]


CASE_FILES = sorted(path.name for path in CASES_DIR.glob("*.yaml"))
PARAMS = [
    pytest.param(name, block["year"], code, expected, id=f"{name[:-5]}-{block['year']}-{code}")
    for name in CASE_FILES
    for block in _blocks(name)
    for code, expected in block["indicators"].items()
]


@cache
def _set(name: str) -> CriteriaSet:
    case = _read(name)
    return next(s for s in files.load_all_sets() if (s.code, s.version) == (case["set"], case["version"]))


def _contexts(name: str, year: int) -> dict[str, CommuneContext]:
    if _read(name)["by"] == "commune_group":
        return {group: CommuneContext(commune_group=group, year=year) for group in COMMUNE_GROUPS}
    return {region: CommuneContext(region=region, year=year) for region in REGIONS}


def _expected(expected: dict | str, place: str) -> object:
    if expected == "gap":
        return "gap"
    return expected.get(place, expected.get("all", expected.get("other")))


def _verified(expected: dict | str, place: str) -> bool:
    flag = "gap" if expected == "gap" else expected.get("verified", False)
    return flag is True or (isinstance(flag, list) and place in flag)


def _past(indicator: Indicator, target: object) -> object:
    """A value that just misses `target` (the notes only give ≥, ≤ and = thresholds)."""
    if isinstance(target, bool):
        return not target
    return (
        Decimal(str(target))
        + {Operator.GE: -STEP, Operator.LE: STEP, Operator.EQ: Decimal(1)}[indicator.operator]
    )


def test_every_case_file_names_a_set_in_the_repository():
    assert [(name, _set(name).source_file != "") for name in CASE_FILES] == [
        (name, True) for name in CASE_FILES
    ]


@pytest.mark.parametrize("name", CASE_FILES)
def test_each_complete_case_block_covers_every_indicator_of_its_set(name):
    codes = [i.code for i in _set(name).indicators()]
    for block in _blocks(name):
        if block.get("complete"):
            assert sorted(block["indicators"]) == sorted(codes)


@pytest.mark.parametrize(("name", "year", "code", "expected"), PARAMS)
def test_the_set_applies_the_official_threshold(name, year, code, expected):
    indicator = _set(name).indicator(code)
    assert indicator is not None, f"{code} missing from the set"
    if expected != "gap":
        assert indicator.operator == expected["op"]
    for place, context in _contexts(name, year).items():
        target = _expected(expected, place)
        threshold = applicable_threshold(indicator, context)
        assert threshold is not None, place
        assert threshold.verified == _verified(expected, place), place
        if target == "gap":
            assert threshold.value is None, place
            assert evaluate_indicator(indicator, Decimal(1), context).outcome == Outcome.NO_THRESHOLD, place
            continue
        at = parse_value(indicator, str(int(target)) if isinstance(target, bool) else str(target))
        assert evaluate_indicator(indicator, at, context).outcome == Outcome.MET, place
        assert evaluate_indicator(indicator, _past(indicator, target), context).outcome == Outcome.NOT_MET, (
            place
        )
