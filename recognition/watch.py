"""Theo dõi duy trì — recognised communes whose latest results fall below the standard, under the set in force
or under a new set the office evaluates them with, each with its failing indicators, its recovery deadline, and
whether the number of criteria it fails is itself a ground for revocation (Quyết định 18/2022/QĐ-TTg, see
`recognition.sustainability.criteria_shortfall`).

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
from recognition.sustainability import CountCheck, criteria_shortfall


@dataclass
class WatchRow:
    dossier: Dossier
    followed: AdministrativeUnit  # the recognised commune, or its successor today
    result: CommuneResult | None
    failing: list[Gap] = field(default_factory=list)
    revocation: Revocation | None = None
    count_check: CountCheck | None = None  # below the standard: is the number of criteria failed a ground?

    @property
    def merged(self) -> bool:
        return self.followed.pk != self.dossier.unit_id

    @property
    def below(self) -> bool:
        return self.result is not None and not self.result.meets_standard

    @property
    def has_revocation_ground(self) -> bool:
        return self.count_check is not None and self.count_check.revoke


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
        gaps = failing.get(row.followed.pk, [])
        row.failing = [g for g in gaps if g.outcome == "not_met"] or gaps
        if row.below and row.result is not None:
            row.count_check = _count_check(row.result, gaps)
    return sorted(rows, key=lambda r: (r.result.criteria_met if r.result else 99, sort_key(r.dossier.unit.name)))


def _count_check(result: CommuneResult, gaps: list[Gap]) -> CountCheck:
    """The count-based ground on the stored result: its criteria not met, named as the set names them (every failed
    criterion has at least one gap, which carries the name)."""
    names = {g.criterion_number: g.criterion_name for g in gaps}
    failed = [names.get(number, number) for number, met in result.criteria.items() if not met]
    return criteria_shortfall(failed, result.criteria_total)


def _followed(unit: AdministrativeUnit, day: datetime.date) -> AdministrativeUnit:
    """The unit itself while it exists on `day`; else its successor of that day (the first, by code)."""
    if unit.is_valid_on(day):
        return unit
    later = [u for u in geo_queries.successors(unit, transitive=True) if u.is_valid_on(day)]
    return min(later, key=lambda u: u.code) if later else unit
