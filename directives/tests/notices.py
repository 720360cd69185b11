"""Where the annotated real corpus lives: directives/corpus, in the repository (see its README.md)."""

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PARTS = ("seeds", "shared", "gathered", "untouched")
NOTICES = CORPUS / "seeds" / "texts"  # the five seed notices


def texts(part: str) -> list[Path]:
    """The texts of one part of the corpus, in name order."""
    return sorted((CORPUS / part / "texts").glob("*.txt"))


def gold_path(text: Path) -> Path:
    """The annotation of a text: gold/<same name>.json beside its texts/ folder."""
    return text.parent.parent / "gold" / f"{text.stem}.json"


def gold(text: Path) -> dict:
    return json.loads(gold_path(text).read_text(encoding="utf-8"))
