"""Reads for the recognition pages and the office dashboard: the registered communes of a year with where each
stands — criteria met now, open gaps, overdue roadmap items, debt, the dossier's step."""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from assessment.models import CommuneResult
from criteria.queries import set_code_for_year
from finance.figures import debt_of_communes
from geo.models import AdministrativeUnit
from ntm.text import sort_key
from programme import queries as programme
from recognition.models import Dossier, ItemStatus, Registration, RoadmapItem, Subject

OPEN = (ItemStatus.OPEN, ItemStatus.IN_PROGRESS)


@dataclass(frozen=True)
class RegisteredRow:
    registration: Registration
    result: CommuneResult | None
    open_gaps: int
    overdue_items: int
    debt: Decimal
    dossier: Dossier | None

    @property
    def criteria(self) -> str:
        return f"{self.result.criteria_met}/{self.result.criteria_total}" if self.result else "—"


def registrations(area: AdministrativeUnit, year: int):
    """The year's registrations of communes in `area` (a province, district or commune), withdrawn ones left out;
    only xã unless the province assesses its phường and đặc khu (programme.queries.assessed_kinds)."""
    return Registration.objects.filter(year=year, withdrawn_on__isnull=True).filter(
        Q(unit=area) | Q(unit__parent=area) | Q(unit__parent__parent=area)).filter(
        unit__kind__in=programme.assessed_kinds(area.province())).select_related("unit__parent")


def registered_rows(area: AdministrativeUnit, year: int, day: datetime.date) -> list[RegisteredRow]:
    chosen = list(registrations(area, year))
    communes = [r.unit for r in chosen]
    results = {r.unit_id: r for r in CommuneResult.objects.filter(unit__in=communes, year=year,
                                                                  set_code=set_code_for_year(year))}
    items = RoadmapItem.objects.filter(registration__in=chosen, status__in=OPEN)
    gaps = Counter(items.filter(generated=True).values_list("registration", flat=True))
    overdue = Counter(items.filter(due_date__lt=day).values_list("registration", flat=True))
    debt = debt_of_communes(communes, day)
    dossiers = {d.registration_id: d for d in Dossier.objects.filter(registration__in=chosen).order_by("pk")}
    rows = [RegisteredRow(r, results.get(r.unit_id), gaps[r.pk], overdue[r.pk], debt.get(r.unit_id, Decimal(0)),
                          dossiers.get(r.pk)) for r in chosen]
    return sorted(rows, key=lambda row: (-(row.result.criteria_met if row.result else -1),
                                         sort_key(row.registration.unit.name)))


def recognised(subject: str = Subject.COMMUNE):
    """Dossiers whose subject is recognised and not revoked."""
    from recognition.rules import Step

    return Dossier.objects.filter(subject=subject, step=Step.RECOGNISED)


def latest_year_with_registrations(area: AdministrativeUnit, before: int) -> int | None:
    """The last year before `before` in which a commune of the area registered."""
    return (Registration.objects.filter(year__lt=before, withdrawn_on__isnull=True)
            .filter(Q(unit__parent=area) | Q(unit__parent__parent=area))
            .order_by("-year").values_list("year", flat=True).first())
