"""Region attribute of every province row, from geo/data/regions.yaml — pure, no database."""

import datetime

from geo.importers.config import ConfigError, RegionMap
from geo.importers.records import AttributeSpec, Row
from geo.importers.timeline import Timeline
from geo.models import Attribute, Level


def region_attributes(timeline: Timeline, regions: RegionMap, reform_index: int) -> list[AttributeSpec]:
    """One attribute per province row and per region it had: the row's part before snapshot `reform_index`
    reads the pre-2025 codes, the part from it the post-2025 codes (a code may name another province)."""
    reform_day = timeline.transitions[reform_index - 1].default.date
    specs: list[AttributeSpec] = []
    for row in timeline.rows:
        if row.level != Level.PROVINCE:
            continue
        parts: list[tuple[str, datetime.date | None, datetime.date | None]] = []
        if row.first < reform_index:
            end = row.valid_to if row.last < reform_index else reform_day
            parts.append((_region(regions.before_2025, row, "before_2025"), row.valid_from, end))
        if row.last >= reform_index:
            start = row.valid_from if row.first >= reform_index else reform_day
            value = _region(regions.from_2025, row, "from_2025")
            if parts and parts[-1][0] == value:
                parts[-1] = (value, parts[-1][1], row.valid_to)
            else:
                parts.append((value, start, row.valid_to))
        specs += [AttributeSpec(row.id, Attribute.REGION, value, start, end, regions.legal_basis) for value, start, end in parts]
    return specs


def _region(regions: dict[str, str], row: Row, part: str) -> str:
    try:
        return regions[row.code]
    except KeyError:
        raise ConfigError(f"regions.yaml {part}: no region for province {row.code} ({row.name})") from None
