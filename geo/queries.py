"""Reads of the administrative map that other apps may use."""

import datetime

from django.db.models import Count, Q

from geo.models import (
    AdministrativeUnit,
    Attribute,
    Level,
    UnitAttribute,
    UnitChange,
    UnitQuerySet,
    valid_on_q,
)


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
    return list(
        UnitChange.objects.filter(Q(predecessors=unit) | Q(successors=unit))
        .distinct()
        .prefetch_related("predecessors", "successors")
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
    """For each unit, how many districts, communes and villages lie within it on `day` (one query per depth)."""
    counts: dict[int, dict[str, int]] = {u.pk: {level: 0 for level in Level.values} for u in units}
    ids = list(counts)
    for path in ("parent", "parent__parent", "parent__parent__parent"):
        rows = (
            AdministrativeUnit.objects.filter(valid_on_q(day), **{f"{path}__in": ids})
            .values(path, "level")
            .annotate(total=Count("pk"))
        )
        for row in rows:
            counts[row[path]][row["level"]] += row["total"]
    return counts
