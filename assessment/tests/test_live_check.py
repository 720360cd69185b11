"""The entry form's live check says what the server will say: static/ntm/value-check.js run under Node and
criteria/rules.py (parse_value, evaluate_indicator) on one table of cases, with the data attributes the page renders
(criteria.display.live_check)."""

import json
import pathlib
import shutil
import subprocess

import pytest
import yaml

from criteria import rules
from criteria.definitions import CommuneContext, Indicator, Operator, Threshold, ValueType
from criteria.display import live_check

ROOT = pathlib.Path(__file__).resolve().parents[2]
TABLE = yaml.safe_load((pathlib.Path(__file__).parent / "live_check_cases.yaml").read_text(encoding="utf-8"))


def _case_rows():
    for group in TABLE:
        indicator = Indicator("1.1", "Chỉ tiêu", ValueType(group["type"]), Operator(group["operator"]), (),
                              choices=tuple(group.get("choices", ())), integer=group.get("integer", False))
        threshold = Threshold(group["threshold"])
        for typed, expected in group["cases"]:
            yield indicator, threshold, typed, expected


CASES = list(_case_rows())


def server_outcome(indicator: Indicator, threshold: Threshold, typed: str) -> str:
    try:
        value = rules.parse_value(indicator, typed)
    except rules.InvalidValue:
        return "invalid"
    if value is None:
        return "empty"
    return str(rules.evaluate_indicator(indicator, value, CommuneContext(), threshold).outcome)


@pytest.mark.parametrize(("indicator", "threshold", "typed", "expected"), CASES,
                         ids=[f"{i.value_type}-{i.operator}-{t.value}-{typed!r}" for i, t, typed, _ in CASES])
def test_the_server_rule_gives_the_table(indicator, threshold, typed, expected):
    assert server_outcome(indicator, threshold, typed) == expected


def test_the_live_check_gives_the_same_table_in_the_browser_script():
    node = shutil.which("node")
    assert node, "Node.js runs the entry form's script in this test (make setup installs it)"
    specs = [{"spec": live_check(i, t), "typed": typed, "expected": expected} for i, t, typed, expected in CASES]
    script = (
        "const check = require(process.argv[1]);"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map(c => check.evaluate(c.spec, c.typed))));"
    )
    run = subprocess.run([node, "-e", script, str(ROOT / "static/ntm/value-check.js")],  # noqa: S603 — our own script
                         input=json.dumps(specs), capture_output=True, text=True, timeout=30, check=True)
    given = json.loads(run.stdout)
    wrong = [(c["spec"], c["typed"], c["expected"], got) for c, got in zip(specs, given, strict=True) if got != c["expected"]]
    assert wrong == []
    assert len(given) == len(CASES) == 62
