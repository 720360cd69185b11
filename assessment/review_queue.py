"""Figures waiting for review, any year, oldest first: what the review page lists and the inbox counts.

A commune's figures wait for the next step of its own path (programme.queries): a 2024 commune for its district,
a 2026 commune for the agency the province designated, verified figures for the province."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min

from accounts import scope
from accounts.rules import Permission
from assessment.models import IndicatorValue, ValueStatus
from geo.models import AdministrativeUnit
from programme.queries import Reviewers
from programme.rules import Step

WAITING_STEP = {ValueStatus.SUBMITTED: Step.VERIFY, ValueStatus.VERIFIED: Step.APPRAISE}


@dataclass(frozen=True)
class Waiting:
    unit: AdministrativeUnit
    year: int
    set_code: str
    step: Step  # the step the figures wait for
    count: int  # values waiting
    since: datetime.datetime  # the oldest of them last changed then
    mine: bool  # the user takes that step


def waiting(user, *, only_mine: bool = False, limit: int | None = None) -> list[Waiting]:
    """Groups of one commune's values of one year and set waiting for a step, the oldest first."""
    units = scope.units_for(user, Permission.VIEW_ASSESSMENT)
    groups = list(IndicatorValue.objects.filter(unit__in=units, status__in=WAITING_STEP)
                  .values("unit_id", "set_code", "period__year", "status")
                  .annotate(count=Count("id"), since=Min("updated_at")).order_by("since"))
    communes = AdministrativeUnit.objects.filter(pk__in={g["unit_id"] for g in groups})
    by_pk = {u.pk: u for u in communes.select_related("parent__parent")}
    reviewers = Reviewers(user)
    rows = []
    for group in groups:
        unit, step = by_pk[group["unit_id"]], WAITING_STEP[group["status"]]
        mine = reviewers.may_take(unit, step)
        if mine or not only_mine:
            rows.append(Waiting(unit, group["period__year"], group["set_code"], step, group["count"], group["since"], mine))
    rows.sort(key=lambda w: (w.year, w.since))
    return rows[:limit] if limit else rows
