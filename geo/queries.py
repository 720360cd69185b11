"""Reads of the administrative map that other apps may use."""

import datetime

from django.db.models import F, Prefetch

from geo.models import (
    AdministrativeUnit,
    Attribute,
    Level,
    UnitAttribute,
    UnitChange,
    UnitQuerySet,
)


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


def attribute_values(units: list[AdministrativeUnit], name: Attribute, day: datetime.date) -> dict[int, str]:
    """For many units at once: the attribute in force on `day`, own or inherited from the nearest ancestor.

    The units' parents must be loaded (select_related) so that no query is made per unit.
    """
    chains = {unit.pk: [unit, *reversed(unit.ancestors())] for unit in units}
    ids = {member.pk for chain in chains.values() for member in chain}
    found = dict(UnitAttribute.objects.valid_on(day).filter(unit_id__in=ids, name=name).values_list("unit_id", "value"))
    return {
        pk: next((found[member.pk] for member in chain if member.pk in found), "")
        for pk, chain in chains.items()
    }
