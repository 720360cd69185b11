"""The annotated corpus itself (directives/corpus): every text has its gold and every gold its text, every gold file has
the gold shape of the guideline, every quoted span is in its document, and each part's SOURCES.md names each file.
These checks read no parser output: they keep the annotations honest, whatever the parser does."""

import datetime
import json
import re

import pytest

from directives.tests.notices import CORPUS, PARTS, gold_path

META = {"province", "meeting_date", "notice_date", "notice_number", "chair"}
TASK = {"id", "lead", "support", "summary", "deadline", "source_quote"}
DEADLINE = {"kind", "date", "day_of_month", "text"}
TARGET = {"metric", "value", "unit", "scope", "year", "text"}
KINDS = {"date", "recurring_monthly", "month", "quarter", "year_end", "none"}
METRICS = {
    "new_communes_ntm_standard", "total_communes_ntm_standard", "new_communes_advanced_ntm", "new_communes_model_ntm",
    "new_communes_ntm_standard_special_difficulty", "communes_below_10_criteria", "min_criteria_per_commune",
    "avg_criteria_per_commune", "avg_criteria_gain_per_commune", "criteria_level_increase_factor",
    "villages_ntm_standard", "new_model_residential_areas", "new_model_gardens", "new_districts_ntm_standard",
    "province_ntm_standard", "new_ocop_products", "new_ocop_products_4_star", "new_ocop_products_5_star",
    "disbursement_rate", "communes_ntm_standard_pct", "communes_maintaining_19_criteria_pct",
}


def _flat(text: str) -> str:
    """The guideline's comparison: markdown `*` and `#` dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"[*#]", "", text)).strip()


def _files(part: str, folder: str, suffix: str) -> set[str]:
    return {p.name.removesuffix(suffix) for p in (CORPUS / part / folder).glob(f"*{suffix}")}


def _texts():
    return [p for part in PARTS for p in sorted((CORPUS / part / "texts").glob("*.txt"))]


def _iso(value) -> bool:
    if value is None:
        return True
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def test_every_part_is_there_with_texts_and_the_guideline_beside_them():
    assert (CORPUS / "GUIDELINE.md").is_file() and (CORPUS / "README.md").is_file()
    assert {part: bool(_files(part, "texts", ".txt")) for part in PARTS} == dict.fromkeys(PARTS, True)


@pytest.mark.parametrize("part", PARTS)
def test_every_text_has_its_gold_and_every_gold_its_text(part):
    assert _files(part, "texts", ".txt") == _files(part, "gold", ".json")


@pytest.mark.parametrize("part", PARTS)
def test_sources_name_every_file_of_the_part(part):
    sources = (CORPUS / part / "SOURCES.md").read_text(encoding="utf-8")
    assert sorted(name for name in _files(part, "texts", ".txt") if name not in sources) == []


def test_no_text_is_in_two_parts():
    seen: dict[str, str] = {}
    for path in _texts():
        flat = _flat(path.read_text(encoding="utf-8"))
        assert flat not in seen, (path, seen.get(flat))
        seen[flat] = str(path)


@pytest.mark.parametrize("path", _texts(), ids=lambda p: f"{p.parent.parent.name}/{p.stem[:24]}")
def test_the_gold_has_the_gold_shape(path):
    gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
    assert set(gold) == {"meta", "tasks", "targets"}
    assert set(gold["meta"]) == META
    assert _iso(gold["meta"]["meeting_date"]) and _iso(gold["meta"]["notice_date"])
    assert len(path.read_text(encoding="utf-8")) >= 600
    ids = [t["id"] for t in gold["tasks"]]
    assert len(ids) == len(set(ids))
    for task in gold["tasks"]:
        assert set(task) == TASK, task
        assert isinstance(task["lead"], str) and task["lead"] and isinstance(task["support"], list)
        deadline = task["deadline"]
        assert set(deadline) == DEADLINE and deadline["kind"] in KINDS, task
        assert _iso(deadline["date"]), task
        if deadline["kind"] == "none":
            assert deadline["date"] is None, task
        elif deadline["kind"] == "recurring_monthly":
            assert deadline["date"] is None and deadline["day_of_month"] in (None, *range(1, 32)), task
        else:
            assert deadline["date"] is not None and deadline["day_of_month"] is None, task
    for target in gold["targets"]:
        assert set(target) == TARGET and target["metric"] in METRICS, target
        assert isinstance(target["value"], int | float) and isinstance(target["year"], int), target


@pytest.mark.parametrize("path", _texts(), ids=lambda p: f"{p.parent.parent.name}/{p.stem[:24]}")
def test_every_quoted_span_is_verbatim_in_its_document(path):
    gold = json.loads(gold_path(path).read_text(encoding="utf-8"))
    flat = _flat(path.read_text(encoding="utf-8"))
    spans = [t["source_quote"] for t in gold["tasks"]] + [t["deadline"]["text"] for t in gold["tasks"]]
    spans += [t["text"] for t in gold["targets"]]
    assert [s for s in spans if _flat(s) not in flat] == []
    assert all(t["source_quote"].strip() for t in gold["tasks"])
