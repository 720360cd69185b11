"""Numeric targets (filled in below)."""

from datetime import date


def extract_targets(paragraphs: list[str], reference: date | None, province: str | None) -> list[dict]:
    return []
