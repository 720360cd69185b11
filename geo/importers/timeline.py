"""Incarnations and validity from a sequence of snapshots — pure functions, no database.

A unit present in consecutive snapshots with the same level, code, name (spelling aside, see
names.name_key), kind and parent row is one row. "Same parent row", not merely "same parent code": a row's
parent is fixed for its life (AdministrativeUnit.within follows parent links), so when a parent gets a new
row (say a thị xã becomes a thành phố) its children get new rows on the same day, linked by a `transfer`
change (lineage.py).

A row starting in the first snapshot has no start date ("before our records"); a row still present in the
last snapshot has no end. Other dates come from the transition between the two snapshots, per province.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from geo.importers.names import name_key
from geo.importers.records import Row, Snapshot, Transition, Unit
from geo.models import Level

LEVEL_RANK: dict[str, int] = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2, Level.VILLAGE: 3}

Key = tuple[str, str]  # (level, code)


def province_of(snapshot: Snapshot) -> dict[Key, str]:
    """The province code of every unit of a snapshot, following parents up."""
    units = {(u.level, u.code): u for u in snapshot.units}
    result: dict[Key, str] = {}

    def resolve(key: Key) -> str:
        if key not in result:
            unit = units[key]
            parent = (unit.parent_level, unit.parent_code)
            result[key] = unit.code if unit.level == Level.PROVINCE or unit.parent_code is None else resolve(parent)  # type: ignore[arg-type]
        return result[key]

    for key in units:
        resolve(key)
    return result


def restrict(snapshot: Snapshot, province_codes: set[str]) -> Snapshot:
    """The part of a snapshot inside the given provinces."""
    provinces = province_of(snapshot)
    units = tuple(u for u in snapshot.units if provinces[(u.level, u.code)] in province_codes)
    return Snapshot(snapshot.key, snapshot.source, units, snapshot.label)


@dataclass(frozen=True, eq=False)
class Timeline:
    """Rows over all snapshots, and for each snapshot the row of every (level, code) and its unit."""

    snapshots: tuple[Snapshot, ...]
    transitions: tuple[Transition, ...]
    rows: tuple[Row, ...]
    at: tuple[dict[Key, int], ...]
    units: tuple[dict[Key, Unit], ...]
    provinces: tuple[dict[Key, str], ...]

    def row_at(self, index: int, level: str, code: str) -> Row | None:
        row_id = self.at[index].get((level, code))
        return None if row_id is None else self.rows[row_id]


@dataclass
class _Draft:
    unit: Unit
    parent: int | None
    province: str
    first: int
    last: int


def build_timeline(snapshots: Sequence[Snapshot], transitions: Sequence[Transition]) -> Timeline:
    """Rows with their validity for snapshots given in time order, `transitions[i]` leading into snapshot i+1."""
    if len(transitions) != len(snapshots) - 1:
        raise ValueError("one transition between each pair of consecutive snapshots")
    drafts: list[_Draft] = []
    at: list[dict[Key, int]] = []
    provinces = [province_of(snapshot) for snapshot in snapshots]
    for index, snapshot in enumerate(snapshots):
        here: dict[Key, int] = {}
        for unit in sorted(snapshot.units, key=lambda u: LEVEL_RANK[u.level]):
            parent = None
            if unit.parent_code is not None:
                parent = here.get((unit.parent_level, unit.parent_code))  # type: ignore[arg-type]
                if parent is None:
                    raise ValueError(f"{snapshot.key}: {unit.level} {unit.code} has no parent {unit.parent_code}")
            previous = at[index - 1].get((unit.level, unit.code)) if index else None
            if previous is not None and _continues(drafts[previous], unit, parent, index):
                drafts[previous].last = index
                drafts[previous].unit = unit  # the later spelling wins
                here[(unit.level, unit.code)] = previous
                continue
            here[(unit.level, unit.code)] = len(drafts)
            drafts.append(_Draft(unit, parent, provinces[index][(unit.level, unit.code)], index, index))
        at.append(here)
    rows = tuple(_row(number, draft, snapshots, transitions) for number, draft in enumerate(drafts))
    units = tuple({(u.level, u.code): u for u in snapshot.units} for snapshot in snapshots)
    return Timeline(tuple(snapshots), tuple(transitions), rows, tuple(at), units, tuple(provinces))


def _continues(draft: _Draft, unit: Unit, parent: int | None, index: int) -> bool:
    before = draft.unit
    return (
        draft.last == index - 1
        and before.kind == unit.kind
        and name_key(before.name) == name_key(unit.name)
        and draft.parent == parent
    )


def _row(number: int, draft: _Draft, snapshots: Sequence[Snapshot], transitions: Sequence[Transition]) -> Row:
    starts = None if draft.first == 0 else transitions[draft.first - 1].dating(draft.province)
    ends = None if draft.last == len(snapshots) - 1 else transitions[draft.last].dating(draft.province)
    sources: list[str] = []
    for snapshot in snapshots[draft.first : draft.last + 1]:
        if snapshot.source not in sources:
            sources.append(snapshot.source)
    unit = draft.unit
    return Row(
        id=number,
        level=unit.level,
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        parent=draft.parent,
        province=draft.province,
        first=draft.first,
        last=draft.last,
        valid_from=None if starts is None else starts.date,
        valid_to=None if ends is None else ends.date,
        is_approximate=bool((starts and starts.approximate) or (ends and ends.approximate)),
        source=" + ".join(sources)[:60],
    )
