"""Reads of the administrative map that other apps may use."""

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import F, Prefetch

from geo import commune_groups
from geo.models import (
    AdministrativeUnit,
    Attribute,
    Level,
    UnitAttribute,
    UnitChange,
    UnitQuerySet,
)
from ntm.text import sort_key


def unit_by_code(within: AdministrativeUnit, code: str, day: datetime.date,
                 levels: tuple[str, ...] = (Level.COMMUNE,)) -> AdministrativeUnit | None:
    """The unit of that code inside `within`, as it was on `day`; else its latest incarnation (a code typed from
    an older list still finds its commune)."""
    units = AdministrativeUnit.objects.within(within).filter(code=code.strip(), level__in=levels)
    return units.valid_on(day).first() or units.order_by(F("valid_from").desc(nulls_last=True)).first()


def units_on(day: datetime.date) -> UnitQuerySet:
    return AdministrativeUnit.objects.valid_on(day)


def predecessors(unit: AdministrativeUnit, *, transitive: bool = False) -> list[AdministrativeUnit]:
    """Units that became `unit` (through merges, renames, splits…); with `transitive`, their forebears too."""
    return _walk(unit, "changes_as_predecessor__successors__in", transitive)


def successors(unit: AdministrativeUnit, *, transitive: bool = False) -> list[AdministrativeUnit]:
    """Units that `unit` became; with `transitive`, down to today's."""
    return _walk(unit, "changes_as_successor__predecessors__in", transitive)


def _walk(unit: AdministrativeUnit, link: str, transitive: bool) -> list[AdministrativeUnit]:
    found: dict[int, AdministrativeUnit] = {}
    frontier = [unit.pk]
    while frontier:
        step = AdministrativeUnit.objects.filter(**{link: frontier}).exclude(pk__in=[unit.pk, *found])
        batch = {u.pk: u for u in step.select_related("parent")}
        found.update(batch)
        frontier = list(batch) if transitive else []
    return sorted(found.values(), key=lambda u: (u.valid_from or datetime.date.min, u.code))


def changes_of(unit: AdministrativeUnit) -> list[UnitChange]:
    """Every change this unit took part in, either side, oldest first."""
    # Two indexed lookups in the link tables beat one OR across both joins (and its DISTINCT).
    as_predecessor = UnitChange.predecessors.through.objects.filter(administrativeunit=unit).values("unitchange")
    as_successor = UnitChange.successors.through.objects.filter(administrativeunit=unit).values("unitchange")
    ids = {row["unitchange"] for row in as_predecessor} | {row["unitchange"] for row in as_successor}
    related = AdministrativeUnit.objects.select_related(None).only("pk", "code", "name", "kind", "valid_from", "valid_to")
    return list(
        UnitChange.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("predecessors", queryset=related), Prefetch("successors", queryset=related)
        )
    )


def attribute_on(unit: AdministrativeUnit, name: Attribute, day: datetime.date) -> UnitAttribute | None:
    """The attribute in force on `day`, the unit's own or else its nearest ancestor's."""
    chain = [unit, *reversed(unit.ancestors())]
    found = {
        attribute.unit_id: attribute
        for attribute in UnitAttribute.objects.valid_on(day).filter(unit__in=chain, name=name)
    }
    return next((found[u.pk] for u in chain if u.pk in found), None)


def attributes_on(unit: AdministrativeUnit, day: datetime.date) -> dict[str, UnitAttribute]:
    """Every attribute in force on `day`, own or inherited, keyed by name."""
    result: dict[str, UnitAttribute] = {}
    chain = [unit, *reversed(unit.ancestors())]
    own = list(UnitAttribute.objects.valid_on(day).filter(unit__in=chain))
    for ancestor in chain:
        for attribute in own:
            if attribute.unit_id == ancestor.pk:
                result.setdefault(attribute.name, attribute)
    return result


def child_counts(units: list[AdministrativeUnit], day: datetime.date) -> dict[int, dict[str, int]]:
    """For each unit, how many districts, communes and villages lie within it on `day`.

    The (id, parent, level) of every unit of those subtrees valid on the day are fetched, and the tally climbs
    parents in Python: cheaper than one GROUP BY per depth with self-joins, on SQLite and PostgreSQL.
    """
    counts: dict[int, dict[str, int]] = {u.pk: dict.fromkeys(Level.values, 0) for u in units}
    if not counts:
        return counts
    rows = _subtree_rows(units, day)
    parent_of = {pk: parent for pk, parent, _ in rows}
    parent: int | None
    for _unit, parent, level in rows:
        for _ in range(3):  # a village is at most three steps below a province
            if parent in counts:
                counts[parent][level] += 1
            parent = parent_of.get(parent)
            if parent is None:
                break
    return counts


WHOLE_MAP_FROM = 10  # provinces: past this, one scan of the map beats walking the subtrees


def totals(children: list[AdministrativeUnit], counts: dict[int, dict[str, int]]) -> dict[str, int]:
    """How many units of each level lie within the parent of `children`, from the children's own counts."""
    result = dict.fromkeys(Level.values, 0)
    for child in children:
        result[child.level] += 1
        for level, number in counts[child.pk].items():
            result[level] += number
    return result


def _subtree_rows(units: list[AdministrativeUnit], day: datetime.date) -> list[tuple[int, int, str]]:
    """(id, parent id, level) of the units below `units` on `day`: one indexed step per depth, or the whole
    map at once when the units are provinces (the root page)."""
    valid = AdministrativeUnit.objects.valid_on(day).exclude(level=Level.PROVINCE)
    if len(units) > WHOLE_MAP_FROM and all(u.level == Level.PROVINCE for u in units):
        return list(valid.values_list("pk", "parent_id", "level"))
    rows: dict[int, tuple[int, int, str]] = {}  # keyed by id: a unit and its ancestor may both be asked for
    frontier = [u.pk for u in units]
    while frontier:
        step = [row for row in valid.filter(parent__in=frontier).values_list("pk", "parent_id", "level") if row[0] not in rows]
        rows.update((row[0], row) for row in step)
        frontier = [pk for pk, _, level in step if level != Level.VILLAGE]
    return list(rows.values())


def attributes_in_force(units: list[AdministrativeUnit], name: Attribute, day: datetime.date) -> dict[int, UnitAttribute | None]:
    """For many units at once: the attribute row in force on `day` (value, legal basis, since when), own or
    inherited from the nearest ancestor; None where there is none.

    The units' parents must be loaded (select_related) so that no query is made per unit.
    """
    chains = {unit.pk: [unit, *reversed(unit.ancestors())] for unit in units}
    ids = {member.pk for chain in chains.values() for member in chain}
    found = {row.unit_id: row for row in UnitAttribute.objects.valid_on(day).filter(unit_id__in=ids, name=name)}
    return {
        pk: next((found[member.pk] for member in chain if member.pk in found), None)
        for pk, chain in chains.items()
    }


def attribute_values(units: list[AdministrativeUnit], name: Attribute, day: datetime.date) -> dict[int, str]:
    """For many units at once: the value of the attribute in force on `day`, own or inherited; "" where none."""
    return {pk: row.value if row else "" for pk, row in attributes_in_force(units, name, day).items()}


def commune_groups_on(units: list[AdministrativeUnit], day: datetime.date) -> dict[int, str]:
    """Nhóm xã (2026–2030) of each unit on `day`: "1", "2", "3", or "" where none is recorded (its indicators then
    have no threshold). Parents loaded, as for `attribute_values`."""
    return attribute_values(units, Attribute.COMMUNE_GROUP, day)


def successors_today(unit: AdministrativeUnit, day: datetime.date) -> list[AdministrativeUnit]:
    """The units valid on `day` that carry `unit` on, sorted by name.

    Itself while it is valid; else where the lineage leads, through every intermediate change (a merged commune →
    the commune that absorbed it; a commune split in parts → each part). A unit that ended without successor (a
    district abolished on 1/7/2025) → the successors of the units it held on its last day. Empty when the lineage
    is not recorded.
    """
    if unit.is_valid_on(day):
        return [unit]
    found = _valid_successors([unit.pk], day)
    last_day = unit.last_valid_day()
    if not found and last_day is not None and unit.level in (Level.PROVINCE, Level.DISTRICT):
        held = unit.children.valid_on(last_day).exclude(level=Level.VILLAGE).values_list("pk", flat=True)
        found = _valid_successors(list(held), day)
    return sorted(found, key=lambda u: (sort_key(u.name), u.code))


def _valid_successors(start: list[int], day: datetime.date) -> list[AdministrativeUnit]:
    """Units valid on `day` among `start` and everything they became; the walk stops at valid units."""
    valid: dict[int, AdministrativeUnit] = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=start).valid_on(day)}
    seen = set(start)
    frontier = [pk for pk in start if pk not in valid]
    while frontier:
        step = [u for u in AdministrativeUnit.objects.filter(changes_as_successor__predecessors__in=frontier).distinct()
                if u.pk not in seen]
        seen.update(u.pk for u in step)
        valid.update((u.pk, u) for u in step if u.is_valid_on(day))
        frontier = [u.pk for u in step if not u.is_valid_on(day)]
    return list(valid.values())


@dataclass(frozen=True)
class GroupLine:
    """A commune-level unit and the commune group decision in force for it (None: no group recorded)."""

    unit: AdministrativeUnit
    attribute: UnitAttribute | None

    @property
    def group(self) -> str:
        return self.attribute.value if self.attribute else ""

    @property
    def is_inherited(self) -> bool:
        return self.attribute is not None and self.attribute.unit_id != self.unit.pk


@dataclass(frozen=True)
class ProvinceGroups:
    """Nhóm xã of a province on a day: the communes the set applies to, and the wards (and the like) apart."""

    day: datetime.date
    subjects: list[GroupLine]
    others: list[GroupLine]

    @property
    def tally(self) -> commune_groups.GroupTally:
        return commune_groups.tally(line.group for line in self.subjects)

    @property
    def missing(self) -> list[GroupLine]:
        return [line for line in self.subjects if not line.group]


def province_commune_groups(province: AdministrativeUnit, day: datetime.date, subject_kinds: Collection[str]) -> ProvinceGroups:
    """The commune-level units of `province` valid on `day`, sorted by name, each with its group decision; those of
    `subject_kinds` (what the province assesses with the commune set: programme.queries.assessed_kinds) first."""
    units = sorted(AdministrativeUnit.objects.valid_on(day).communes().within(province).select_related("parent__parent"),
                   key=lambda u: (sort_key(u.name), u.code))
    attributes = attributes_in_force(units, Attribute.COMMUNE_GROUP, day)
    lines = [GroupLine(unit, attributes[unit.pk]) for unit in units]
    return ProvinceGroups(day, [line for line in lines if line.unit.kind in subject_kinds],
                          [line for line in lines if line.unit.kind not in subject_kinds])


MAX_GENERATIONS = 10  # merges upon merges: a walk longer than this is a loop in the data, not history


def _valid(valid_from: datetime.date | None, valid_to: datetime.date | None, day: datetime.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or valid_to > day)


def forebears_on(units: list[AdministrativeUnit], day: datetime.date) -> dict[int, set[int]]:
    """For each unit, the units valid on `day` it was formed from through merges, splits and renames (itself when
    it was already valid then). The walk goes back only through units made after `day`."""
    found: dict[int, set[int]] = {unit.pk: set() for unit in units}
    frontier: dict[int, set[int]] = {}  # a unit to walk back from → the units of `units` it leads to
    for unit in units:
        if _valid(unit.valid_from, unit.valid_to, day):
            found[unit.pk].add(unit.pk)
        else:
            frontier[unit.pk] = {unit.pk}
    seen = set(frontier)
    for _ in range(MAX_GENERATIONS):
        if not frontier:
            break
        links = UnitChange.predecessors.through.objects.filter(unitchange__successors__in=list(frontier)).values_list(
            "administrativeunit", "unitchange__successors", "administrativeunit__valid_from",
            "administrativeunit__valid_to")
        following: dict[int, set[int]] = {}
        for forebear, successor, valid_from, valid_to in links:
            roots = frontier.get(successor)
            if roots is None:
                continue
            if _valid(valid_from, valid_to, day):
                for root in roots:
                    found[root].add(forebear)
            elif valid_from is not None and valid_from > day and forebear not in seen:
                following.setdefault(forebear, set()).update(roots)
        seen.update(following)
        frontier = following
    return found
