"""Which commune situations (region or group, year) of a set an indicator's thresholds cover: none, one, or two
equally specific ones. The set format refuses a file whose thresholds leave a situation uncovered or ambiguous."""

import datetime
import itertools

from criteria.definitions import COMMUNE_GROUPS, REGIONS, CommuneContext, Condition, CriteriaSet, Indicator
from geo.models import Region


def threshold_coverage(criteria_set: CriteriaSet, indicator: Indicator) -> tuple[list[str], list[str]]:
    """The commune situations without a threshold, and those where two equally specific ones apply."""
    missing, ambiguous = [], []
    for context in _required_contexts(criteria_set, indicator):
        matching = [t for t in indicator.thresholds if t.matches(context)]
        label = _context_label(context)
        if not matching:
            missing.append(label)
            continue
        top = max(t.specificity for t in matching)
        if sum(1 for t in matching if t.specificity == top) > 1:
            ambiguous.append(label)
    return missing, ambiguous


def _required_contexts(criteria_set: CriteriaSet, indicator: Indicator) -> list[CommuneContext]:
    regions: tuple[str, ...] = REGIONS if Condition.REGION in criteria_set.keys else ("",)
    groups: tuple[str, ...] = COMMUNE_GROUPS if Condition.COMMUNE_GROUP in criteria_set.keys else ("",)
    named = {
        int(v)
        for t in indicator.thresholds
        for name, values in t.conditions
        if name == Condition.YEAR
        for v in values
    }
    years: list[int | None] = [*sorted(named | _years_in_force(criteria_set))] if named else [None]
    return [
        CommuneContext(region=region, commune_group=group, year=year)
        for region, group, year in itertools.product(regions, groups, years)
    ]


def _years_in_force(criteria_set: CriteriaSet) -> set[int]:
    """The years a bounded set evaluates: those whose 31 December it is in force on (see criteria.files)."""
    if criteria_set.valid_from is None or criteria_set.valid_to is None:
        return set()
    years = range(criteria_set.valid_from.year, criteria_set.valid_to.year + 1)
    return {year for year in years if criteria_set.is_valid_on(datetime.date(year, 12, 31))}


def _context_label(context: CommuneContext) -> str:
    parts = []
    if context.region:
        parts.append(f"vùng {Region(context.region).label if context.region in Region.values else context.region}")
    if context.commune_group:
        parts.append(f"nhóm {context.commune_group}")
    if context.year is not None:
        parts.append(f"năm {context.year}")
    return ", ".join(parts) or "mọi xã"
