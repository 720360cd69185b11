"""Plain values passed between the readers, the timeline and the loader — no Django, no package types."""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unit:
    """One unit as a snapshot lists it: name without the kind prefix, kind and level as geo.models values."""

    level: str
    code: str
    name: str
    kind: str
    parent_level: str | None = None
    parent_code: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """The whole map (or part of it) as one source describes it at one moment."""

    key: str
    source: str
    units: tuple[Unit, ...]
    label: str = ""


@dataclass(frozen=True)
class Link:
    """A lineage statement given by a source: the old unit became (part of) the new one."""

    level: str
    old_code: str
    new_code: str
    partial: bool = False


@dataclass(frozen=True)
class Dating:
    """When a transition took effect, how sure we are, and on what basis."""

    date: datetime.date
    approximate: bool
    legal_basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class Transition:
    """The passage from one snapshot to the next: its dates (per province if need be) and its lineage.

    `links` is None when the sources give no lineage and it must be derived by comparing the snapshots.
    Overrides are keyed by the province code the unit has in the snapshot before the transition.
    """

    default: Dating
    overrides: dict[str, Dating] = field(default_factory=dict)
    links: tuple[Link, ...] | None = None
    legal_basis_by_level: dict[str, str] = field(default_factory=dict)

    def dating(self, province_code: str | None) -> Dating:
        return self.overrides.get(province_code or "", self.default)


@dataclass(frozen=True)
class Row:
    """One incarnation to be written as an AdministrativeUnit; `parent` and `id` index Timeline.rows."""

    id: int
    level: str
    code: str
    name: str
    kind: str
    parent: int | None
    province: str
    first: int
    last: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    is_approximate: bool
    source: str


@dataclass(frozen=True)
class ChangeSpec:
    """One UnitChange: rows (by id) that became other rows."""

    kind: str
    effective_date: datetime.date
    legal_basis: str
    is_approximate: bool
    note: str
    predecessors: tuple[int, ...]
    successors: tuple[int, ...]


@dataclass(frozen=True)
class AttributeSpec:
    row: int
    name: str
    value: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    legal_basis: str
