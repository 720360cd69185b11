"""Lũy kế across the 2025 reform, read as reports.rules says: the communes holding the standard on the old map's
last day, and how each commune of today's map was formed from them (a reading of the lineage, not a recognition).

A fixed number of queries whatever the number of communes: the lineage of all today's communes is walked at once,
one query per generation of merges (geo.queries.predecessors walks one unit at a time; the answer is the same,
reports/tests/test_reform.py checks it)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from geo import queries as geo_queries
from geo.models import AdministrativeUnit
from programme import queries as programme_queries
from recognition.models import Subject, Tier
from reports.rules import OLD_MAP_LAST_DAY, Lineage, lineage_of
from targets import measures


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


def _old_areas(area: AdministrativeUnit, day: datetime.date) -> Q:
    """The area on the old map: itself, and the units it was formed from (a province merged in 2025)."""
    areas = [area, *(u for u in geo_queries.predecessors(area, transitive=True) if u.is_valid_on(day))]
    condition = Q()
    for unit in areas:
        condition |= Q(parent=unit) | Q(parent__parent=unit) | Q(parent__parent__parent=unit)
    return condition


def reform_standing(area: AdministrativeUnit, year: int, day: datetime.date) -> ReformStanding:
    """Lũy kế of `area` (a province of today's map) as of `day`, read across the reform."""
    cutoff = OLD_MAP_LAST_DAY
    communes = list(programme_queries.subject_communes(area, day).only("pk", "valid_from", "valid_to"))
    forebears = geo_queries.forebears_on(communes, cutoff)
    old_units = AdministrativeUnit.objects.valid_on(cutoff).communes().filter(_old_areas(area, cutoff))
    holding = set(measures.recognised(Subject.COMMUNE, cutoff).filter(
        level=Tier.STANDARD, unit__in=old_units).values_list("unit", flat=True))
    counts = dict.fromkeys(Lineage, 0)
    for units in forebears.values():
        counts[lineage_of(len(units), len(units & holding))] += 1
    behind_subjects = set().union(*forebears.values()) if forebears else set()
    return ReformStanding(
        cutoff, len(holding), len(communes), counts[Lineage.ENTIRELY], counts[Lineage.PARTLY], counts[Lineage.NONE],
        len(holding - behind_subjects), int(measures.total_communes_standard(area, year, day) or 0),
    )
