"""Conclusion-notice parser: pure functions from notice text to the gold annotation shape."""

from datetime import date

from .meta import parse_meta
from .targets import extract_targets
from .tasks import extract_tasks
from .text import body_paragraphs


def parse_notice(text: str, *, explain: bool = False) -> dict:
    """Notice text → {"meta", "tasks", "targets"} in the shape of the gold annotations; with `explain`, each task also
    says why it was proposed ({"why": {"rule", "cue", "confident"}}: tasks.ADDRESSEE, HANDED, HEADING, …)."""
    meta = parse_meta(text)
    reference = date.fromisoformat(meta["notice_date"] or meta["meeting_date"]) if (
        meta["notice_date"] or meta["meeting_date"]
    ) else None
    paragraphs = body_paragraphs(text)
    return {
        "meta": meta,
        "tasks": extract_tasks(paragraphs, reference, explain),
        "targets": extract_targets(paragraphs, reference, meta["province"]),
    }
