"""Lũy kế across the 2025 reform, read as reports.rules says: the communes holding the standard on the old map's
last day, and how each commune of today's map was formed from them (a reading of the lineage, not a recognition).

A fixed number of queries whatever the number of communes: the lineage of all today's communes is walked at once,
one query per generation of merges (geo.queries.predecessors walks one unit at a time; the answer is the same,
reports/tests/test_reform.py checks it)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from geo import queries as geo_queries
from geo.models import AdministrativeUnit, UnitChange
from programme import queries as programme_queries
from recognition.models import Level as RecognitionLevel
from recognition.models import Subject
from reports.rules import OLD_MAP_LAST_DAY, Lineage, lineage_of
from targets import measures

MAX_GENERATIONS = 10  # merges upon merges: a walk longer than this is a loop in the data, not history


@dataclass(frozen=True)
class ReformStanding:
    """(b) and (c) of reports.rules, for an area of today's map; (a) is the year's roll-up (CriteriaFigures)."""

    old_map_day: datetime.date  # 30/06/2025
    recognised_before: int  # communes holding the standard on the old map's last day, within the area then
    communes_today: int  # communes of today's map the commune set assesses
    entirely: int
    partly: int
    none: int
    outside_subjects: int  # communes holding the standard then, now within units the set does not assess (phường)
    recognised_since: int  # communes of today's map recognised (new set) and holding the standard on the day

    def count(self, lineage: Lineage) -> int:
        return {Lineage.ENTIRELY: self.entirely, Lineage.PARTLY: self.partly, Lineage.NONE: self.none}[lineage]

    @property
    def rows(self) -> list[tuple[Lineage, int]]:
        return [(lineage, self.count(lineage)) for lineage in Lineage]


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


def _old_areas(area: AdministrativeUnit, day: datetime.date) -> Q:
    """The area on the old map: itself, and the units it was formed from (a province merged in 2025)."""
    areas = [area, *(u for u in geo_queries.predecessors(area, transitive=True) if _valid(u.valid_from, u.valid_to, day))]
    condition = Q()
    for unit in areas:
        condition |= Q(parent=unit) | Q(parent__parent=unit) | Q(parent__parent__parent=unit)
    return condition


def reform_standing(area: AdministrativeUnit, year: int, day: datetime.date) -> ReformStanding:
    """Lũy kế of `area` (a province of today's map) as of `day`, read across the reform."""
    cutoff = OLD_MAP_LAST_DAY
    communes = list(programme_queries.subject_communes(area, day).only("pk", "valid_from", "valid_to"))
    forebears = forebears_on(communes, cutoff)
    old_units = AdministrativeUnit.objects.valid_on(cutoff).communes().filter(_old_areas(area, cutoff))
    holding = set(measures.recognised(Subject.COMMUNE, cutoff).filter(
        level=RecognitionLevel.STANDARD, unit__in=old_units).values_list("unit", flat=True))
    counts = dict.fromkeys(Lineage, 0)
    for units in forebears.values():
        counts[lineage_of(len(units), len(units & holding))] += 1
    behind_subjects = set().union(*forebears.values()) if forebears else set()
    return ReformStanding(
        cutoff, len(holding), len(communes), counts[Lineage.ENTIRELY], counts[Lineage.PARTLY], counts[Lineage.NONE],
        len(holding - behind_subjects), int(measures.total_communes_standard(area, year, day) or 0),
    )
