"""Theo dõi duy trì — recognised communes whose latest results fall below the standard, under the set in force
or under a new set the office evaluates them with, each with its failing indicators and its recovery deadline.

A commune merged away since its recognition is followed through its successor (the reform of 1/7/2025): the
rules of carrying a recognition over are not settled, so the page says it and shows the successor's figures."""

import datetime
from dataclasses import dataclass, field

from assessment.models import CommuneResult
from criteria.queries import set_code_for_year
from geo import queries as geo_queries
from geo.models import AdministrativeUnit
from ntm.text import sort_key
from recognition.gaps import Gap, gaps_of
from recognition.models import Dossier, Revocation, RevocationOutcome


@dataclass
class WatchRow:
    dossier: Dossier
    followed: AdministrativeUnit  # the recognised commune, or its successor today
    result: CommuneResult | None
    failing: list[Gap] = field(default_factory=list)
    revocation: Revocation | None = None

    @property
    def merged(self) -> bool:
        return self.followed.pk != self.dossier.unit_id

    @property
    def below(self) -> bool:
        return self.result is not None and not self.result.meets_standard


def watch(recognised, year: int, set_code: str | None = None, *, only_below: bool = True) -> list[WatchRow]:
    """Every recognised commune of `recognised` (a Dossier queryset), with its result of the year under the set."""
    set_code = set_code or set_code_for_year(year)
    dossiers = list(recognised.select_related("unit__parent"))
    followed = {d.pk: _followed(d.unit, datetime.date(year, 12, 31)) for d in dossiers}
    units = list({u.pk: u for u in followed.values()}.values())
    results = {r.unit_id: r for r in CommuneResult.objects.filter(unit__in=units, set_code=set_code, year=year)}
    pending = {r.dossier_id: r for r in Revocation.objects.filter(dossier__in=dossiers,
                                                                   outcome=RevocationOutcome.PENDING)}
    rows = [WatchRow(d, followed[d.pk], results.get(followed[d.pk].pk), revocation=pending.get(d.pk))
            for d in dossiers]
    if only_below:
        rows = [r for r in rows if r.below or r.revocation]
    below = [r.followed for r in rows if r.below]
    failing = gaps_of(below, year, set_code) if below else {}
    for row in rows:
        row.failing = [g for g in failing.get(row.followed.pk, []) if g.outcome == "not_met"] or \
            failing.get(row.followed.pk, [])
    return sorted(rows, key=lambda r: (r.result.criteria_met if r.result else 99, sort_key(r.dossier.unit.name)))


def _followed(unit: AdministrativeUnit, day: datetime.date) -> AdministrativeUnit:
    """The unit itself while it exists on `day`; else its successor of that day (the first, by code)."""
    if unit.is_valid_on(day):
        return unit
    later = [u for u in geo_queries.successors(unit, transitive=True) if u.is_valid_on(day)]
    return min(later, key=lambda u: u.code) if later else unit
