"""Lineage (UnitChange specs) between consecutive snapshots of a Timeline — pure functions, no database.

Two ways, depending on what the sources give:

- `reform_changes`: the source lists old → new links (the 2025 reform table of vietnam-provinces). Each new
  commune gets one change with its sources as predecessors: `merge` when several, `split` when its only
  source also fed other new communes, else `reclassify`, `rename` or `transfer` (same name and kind, now
  under the province). Provinces likewise. Districts end with `dissolve` (no successor), except island
  districts that became a đặc khu of the same name (`reclassify`).
- `derived_changes`: no lineage in the sources, so it is inferred and every change is flagged approximate:
  a code kept with another name, kind or parent → `rename`/`reclassify`/`transfer`; a district or province
  that vanished → `merge` into the unit that received most of its communes; a new district → `split` from
  the districts its communes came from; a commune that vanished → `merge` into a renamed or new commune of
  the same district whose new name takes up a syllable of its name ("Sơn Bình" + "Sơn Châu" →
  "Châu Bình"); anything else → `dissolve` or `establish` with a note saying the other side is unknown.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable

from geo.importers.names import full_name, name_key, syllables
from geo.importers.records import ChangeSpec, Row, Unit
from geo.importers.timeline import LEVEL_RANK, Key, Timeline
from geo.models import ChangeKind, Level

SAME_CODE = "same_code"
CHILDREN = "children"
SPLIT_FROM = "split_from"
NAME = "name"

# A syllable shared by this many communes of a district ("Sơn" in huyện Hương Sơn) says nothing.
COMMON_SYLLABLE_COUNT = 3


def describe(row: Row, timeline: Timeline) -> str:
    """ "Xã Kỳ Tân (Huyện Kỳ Anh)" — a row named with its parent, for notes."""
    text = full_name(row.kind, row.name)
    if row.parent is not None and row.level == Level.COMMUNE:
        parent = timeline.rows[row.parent]
        text += f" ({full_name(parent.kind, parent.name)})"
    return text


def _names(rows: Iterable[Row], timeline: Timeline) -> str:
    return ", ".join(describe(row, timeline) for row in rows)


def _difference(before: Row, after: Row, timeline: Timeline) -> tuple[str, str]:
    """Kind and note of a one-to-one change."""
    old, new = describe(before, timeline), describe(after, timeline)
    renamed = name_key(before.name) != name_key(after.name)
    if before.kind != after.kind:
        return ChangeKind.RECLASSIFY, f"Chuyển loại{' và đổi tên' if renamed else ''}: {old} → {new}."
    if renamed:
        return ChangeKind.RENAME, f"Đổi tên: {old} → {new}."
    old_parent = None if before.parent is None else timeline.rows[before.parent]
    new_parent = None if after.parent is None else timeline.rows[after.parent]
    if old_parent is not None and new_parent is not None and old_parent.code == new_parent.code and old_parent.level == new_parent.level:
        return ChangeKind.TRANSFER, (
            f"Đơn vị cấp trên đổi tên hoặc chuyển loại ({full_name(old_parent.kind, old_parent.name)} → "
            f"{full_name(new_parent.kind, new_parent.name)}); bản thân {full_name(after.kind, after.name)} không đổi."
        )
    if before.code != after.code and before.parent == after.parent:
        return ChangeKind.TRANSFER, f"Đổi mã: {old} (mã {before.code}) → mã {after.code}."
    where = "" if new_parent is None else f" về {full_name(new_parent.kind, new_parent.name)}"
    return ChangeKind.TRANSFER, f"Chuyển {full_name(before.kind, before.name)}{where}: {old} → {new}."


def _children(units: dict[Key, Unit]) -> dict[Key, list[Unit]]:
    children: dict[Key, list[Unit]] = defaultdict(list)
    for unit in units.values():
        if unit.parent_code is not None:
            children[(unit.parent_level, unit.parent_code)].append(unit)  # type: ignore[index]
    return children


def derived_changes(timeline: Timeline, index: int) -> list[ChangeSpec]:
    """Changes between snapshot `index` and the next one, inferred by comparing them."""
    t = timeline
    before, after = t.units[index], t.units[index + 1]
    ended = [row for row in t.rows if row.last == index]
    started = [row for row in t.rows if row.first == index + 1]
    edges: dict[int, dict[int, str]] = defaultdict(dict)  # successor row → {predecessor row: reason}
    notes: dict[tuple[int, int], str] = {}
    successor_code: dict[Key, Key] = {}  # where a vanished unit's children mostly went

    for row in ended:
        if (row.level, row.code) in after:
            edges[t.at[index + 1][(row.level, row.code)]][row.id] = SAME_CODE

    children_before, children_after = _children(before), _children(after)
    vanished = [row for row in ended if (row.level, row.code) not in after]
    for row in sorted(vanished, key=lambda r: LEVEL_RANK[r.level]):
        if row.level == Level.COMMUNE:
            continue
        destinations: Counter[Key] = Counter()
        for child in children_before[(row.level, row.code)]:
            now = after.get((child.level, child.code))
            if now is not None and now.parent_code is not None:
                destinations[(now.parent_level, now.parent_code)] += 1  # type: ignore[index]
        if not destinations:
            continue
        ranked = sorted(destinations.items(), key=lambda item: (-item[1], item[0]))
        main = ranked[0][0]
        successor_code[(row.level, row.code)] = main
        successor = t.at[index + 1][main]
        edges[successor][row.id] = CHILDREN
        total = len(children_before[(row.level, row.code)])
        spread = "; ".join(f"{count} về {describe(t.rows[t.at[index + 1][key]], t)}" for key, count in ranked)
        notes[(successor, row.id)] = (
            f"{describe(row, t)} không còn; trong {total} đơn vị trực thuộc, {spread}"
            f"{' (các đơn vị còn lại không giữ mã)' if sum(destinations.values()) < total else ''}."
        )

    for row in started:
        if row.level == Level.COMMUNE or (row.level, row.code) in before or row.id in edges:
            continue
        origins: Counter[int] = Counter()
        for child in children_after[(row.level, row.code)]:
            old = before.get((child.level, child.code))
            if old is not None and old.parent_code is not None:
                origins[t.at[index][(old.parent_level, old.parent_code)]] += 1  # type: ignore[index]
        for origin, count in origins.items():
            edges[row.id][origin] = SPLIT_FROM
            notes[(row.id, origin)] = f"{count} đơn vị trực thuộc chuyển từ {describe(t.rows[origin], t)}."

    _infer_commune_merges(t, index, ended, started, successor_code, edges, notes)
    return _changes_from_edges(t, index, ended, started, edges, notes)


def _infer_commune_merges(
    t: Timeline,
    index: int,
    ended: list[Row],
    started: list[Row],
    successor_code: dict[Key, Key],
    edges: dict[int, dict[int, str]],
    notes: dict[tuple[int, int], str],
) -> None:
    before, after = t.units[index], t.units[index + 1]
    candidates: dict[Key, list[tuple[Row, frozenset[str]]]] = defaultdict(list)
    for row in started:
        if row.level != Level.COMMUNE:
            continue
        unit = after[(row.level, row.code)]
        old = before.get((row.level, row.code))
        fresh = syllables(row.name) - (syllables(old.name) if old else frozenset())
        if not fresh:
            continue
        scopes = {(unit.parent_level, unit.parent_code)}
        if old is not None:
            scopes.add((old.parent_level, old.parent_code))
        for scope in scopes:
            candidates[scope].append((row, fresh))  # type: ignore[index]

    siblings: dict[Key, Counter[str]] = defaultdict(Counter)
    for unit in before.values():
        if unit.level == Level.COMMUNE:
            siblings[(unit.parent_level, unit.parent_code)].update(syllables(unit.name))  # type: ignore[index]

    for row in ended:
        if row.level != Level.COMMUNE or (row.level, row.code) in after:
            continue
        unit = before[(row.level, row.code)]
        parent: Key = (unit.parent_level, unit.parent_code)  # type: ignore[assignment]
        common = {s for s, count in siblings[parent].items() if count >= COMMON_SYLLABLE_COUNT}
        own = syllables(row.name) - common
        scored: dict[int, tuple[int, Row]] = {}
        for scope in {parent, successor_code.get(parent, parent)}:
            for candidate, fresh in candidates.get(scope, []):
                score = len(own & fresh)
                if score:
                    scored[candidate.id] = (score, candidate)
        if not scored:
            continue
        best = max(score for score, _ in scored.values())
        winners = [candidate for score, candidate in scored.values() if score == best]
        if len(winners) == 1:
            winner = winners[0]
            edges[winner.id][row.id] = NAME
            shared = ", ".join(sorted(own & syllables(winner.name)))
            notes[(winner.id, row.id)] = (
                f"{describe(row, t)} không còn mã; suy ra đã nhập vào {describe(winner, t)} vì tên mới lấy lại «{shared}»."
            )
        else:
            notes[(-1, row.id)] = "Có thể đã nhập vào một trong: " + _names(winners, t) + "."


def _changes_from_edges(
    t: Timeline,
    index: int,
    ended: list[Row],
    started: list[Row],
    edges: dict[int, dict[int, str]],
    notes: dict[tuple[int, int], str],
) -> list[ChangeSpec]:
    transition = t.transitions[index]
    header = f"Suy ra từ so sánh dữ liệu {t.snapshots[index].label} và {t.snapshots[index + 1].label}; ngày hiệu lực ước tính."
    changes: list[ChangeSpec] = []
    linked: set[int] = set()
    for successor_id in sorted(edges, key=lambda r: (LEVEL_RANK[t.rows[r].level], t.rows[r].code)):
        successor = t.rows[successor_id]
        predecessors = [t.rows[p] for p in sorted(edges[successor_id]) if p != successor_id]
        if not predecessors:
            continue
        linked.update(p.id for p in predecessors)
        reasons = [edges[successor_id][p.id] for p in predecessors]
        kind: str
        extra = [notes[(successor_id, p.id)] for p in predecessors if (successor_id, p.id) in notes]
        if successor.first <= index:
            kind = ChangeKind.MERGE
            text = f"Nhập {_names(predecessors, t)} vào {describe(successor, t)} (giữ tên, loại và mã)."
        elif all(reason == SPLIT_FROM for reason in reasons):
            kind = ChangeKind.SPLIT if len(predecessors) == 1 else ChangeKind.ESTABLISH
            text = f"Thành lập {describe(successor, t)} từ một phần của {_names(predecessors, t)}."
        elif len(predecessors) >= 2:
            kind = ChangeKind.MERGE
            text = f"Nhập {_names(predecessors, t)} thành {describe(successor, t)}."
        else:
            kind, text = _difference(predecessors[0], successor, t)
        dating = transition.dating(successor.province)
        changes.append(
            ChangeSpec(
                kind=kind,
                effective_date=dating.date,
                legal_basis=dating.legal_basis,
                is_approximate=True,
                note=" ".join([header, text, *extra]),
                predecessors=tuple(p.id for p in predecessors),
                successors=(successor_id,),
            )
        )
    for row in started:
        if row.id not in edges:
            dating = transition.dating(row.province)
            changes.append(ChangeSpec(
                ChangeKind.ESTABLISH, dating.date, dating.legal_basis, True,
                f"{header} {describe(row, t)} xuất hiện trong dữ liệu {t.snapshots[index + 1].label}; "
                "chưa xác định được nguồn gốc.",
                (), (row.id,),
            ))
    for row in ended:
        if row.id not in linked:
            dating = transition.dating(row.province)
            maybe = notes.get((-1, row.id), "")
            changes.append(ChangeSpec(
                ChangeKind.DISSOLVE, dating.date, dating.legal_basis, True,
                f"{header} {describe(row, t)} không còn trong dữ liệu {t.snapshots[index + 1].label}; "
                f"chưa xác định được đơn vị kế thừa. {maybe}".strip(),
                (row.id,), (),
            ))
    return changes


def reform_changes(timeline: Timeline, index: int) -> list[ChangeSpec]:
    """Changes of a transition whose source lists old → new links (the reform of 1/7/2025)."""
    t = timeline
    transition = t.transitions[index]
    links = transition.links or ()
    day, approximate = transition.default.date, transition.default.approximate
    basis = transition.legal_basis_by_level
    sources: dict[Key, list] = defaultdict(list)
    fed: Counter[Key] = Counter()
    for link in links:
        if (link.level, link.old_code) in t.at[index] and (link.level, link.new_code) in t.at[index + 1]:
            sources[(link.level, link.new_code)].append(link)
            fed[(link.level, link.old_code)] += 1
    changes: list[ChangeSpec] = []
    used: set[int] = set()

    for key, row_id in sorted(t.at[index + 1].items(), key=lambda item: (LEVEL_RANK[item[0][0]], item[0][1])):
        row = t.rows[row_id]
        level = key[0]
        own = sources.get(key, [])
        pairs = [(t.rows[t.at[index][(level, link.old_code)]], link) for link in own]
        predecessors = [p for p, _ in pairs if p.id != row_id]
        legal = basis.get(level, "")
        if row.first <= index:  # the same row goes on: only absorbed units to record
            if predecessors:
                used.update(p.id for p in predecessors)
                changes.append(ChangeSpec(
                    ChangeKind.MERGE, day, legal, approximate,
                    f"Nhập {_names(predecessors, t)} vào {describe(row, t)} (giữ tên và mã).",
                    tuple(p.id for p in predecessors), (row_id,),
                ))
            continue
        if not predecessors:
            island = _island_district(t, index, row)
            if island is not None:
                used.add(island.id)
                changes.append(ChangeSpec(
                    ChangeKind.RECLASSIFY, day, legal, True,
                    f"{describe(island, t)} trở thành {describe(row, t)} (suy ra từ tên; bảng chuyển đổi không ghi).",
                    (island.id,), (row_id,),
                ))
            else:
                changes.append(ChangeSpec(
                    ChangeKind.ESTABLISH, day, legal, True,
                    f"{describe(row, t)}: bảng chuyển đổi không ghi đơn vị nguồn.", (), (row_id,),
                ))
            continue
        used.update(p.id for p in predecessors)
        partial = [p for p, link in pairs if link.partial and p.id != row_id]
        kind: str
        if len(own) >= 2:
            kind = ChangeKind.MERGE
            text = f"Sắp xếp {len(own)} đơn vị thành {describe(row, t)}: {_names(predecessors, t)}."
        elif fed[(level, own[0].old_code)] > 1:
            kind = ChangeKind.SPLIT
            text = (f"{describe(predecessors[0], t)} được chia cho {fed[(level, own[0].old_code)]} đơn vị mới; "
                    f"một phần thành {describe(row, t)}.")
        else:
            kind, text = _difference(predecessors[0], row, t)
        if partial and len(own) >= 2:
            text += f" Chỉ một phần của: {_names(partial, t)}."
        changes.append(ChangeSpec(kind, day, legal, approximate, text, tuple(p.id for p in predecessors), (row_id,)))

    for key, row_id in t.at[index].items():
        row = t.rows[row_id]
        if row.last != index or row_id in used:
            continue
        if key[0] == Level.DISTRICT:
            text = f"{describe(row, t)} chấm dứt hoạt động khi bỏ cấp huyện."
            changes.append(ChangeSpec(ChangeKind.DISSOLVE, day, basis.get(Level.DISTRICT, ""), approximate, text, (row_id,), ()))
        else:
            text = f"{describe(row, t)} không có trong bảng chuyển đổi của nguồn; chưa xác định được đơn vị kế thừa."
            changes.append(ChangeSpec(ChangeKind.DISSOLVE, day, basis.get(key[0], ""), True, text, (row_id,), ()))
    return changes


def _island_district(t: Timeline, index: int, row: Row) -> Row | None:
    """The district of the same name, in a province that fed the new unit's province (huyện đảo → đặc khu)."""
    links = t.transitions[index].links or ()
    old_provinces = {
        link.old_code for link in links if link.level == Level.PROVINCE and link.new_code == row.province
    }
    matches = [
        t.rows[row_id]
        for (level, _code), row_id in t.at[index].items()
        if level == Level.DISTRICT
        and t.rows[row_id].province in old_provinces
        and name_key(t.rows[row_id].name) == name_key(row.name)
    ]
    return matches[0] if len(matches) == 1 else None
