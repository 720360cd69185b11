"""Figures waiting for review, any year, oldest first: what the review page lists and the inbox counts.

A commune's figures wait for the next step of its own path (programme.queries): a 2024 commune for its district,
a 2026 commune for the agency the province designated, verified figures for the province."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min

from accounts import scope
from accounts.rules import Permission
from assessment.models import WAITING, IndicatorValue, ValueStatus
from geo.models import AdministrativeUnit
from programme.queries import Reviewers
from programme.rules import Step

WAITING_STEP: dict[str, Step] = {ValueStatus.SUBMITTED: Step.VERIFY, ValueStatus.VERIFIED: Step.APPRAISE}


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
    """Groups of one commune's values of one year and set waiting for a step, the oldest first.

    The waiting values are read first, through their small partial index, and the user's scope is then asked about
    their few communes only: starting from the scope would read a province's whole history of values."""
    groups: dict[tuple[int, str, int, str], list] = {}
    for unit_id, set_code, period, status, count, since in (
            IndicatorValue.objects.filter(status__in=WAITING).values_list("unit_id", "set_code", "period", "status")
            .annotate(count=Count("id"), since=Min("updated_at"))):
        group = groups.setdefault((unit_id, set_code, period.year, status), [0, since])
        group[0] += count
        group[1] = min(group[1], since)
    visible = scope.units_for(user, Permission.VIEW_ASSESSMENT).filter(pk__in={key[0] for key in groups})
    by_pk = {u.pk: u for u in visible.select_related("parent__parent")}
    reviewers = Reviewers(user)
    rows = []
    for (unit_id, set_code, year, status), (count, since) in groups.items():
        if unit_id not in by_pk:
            continue
        unit, step = by_pk[unit_id], WAITING_STEP[status]
        mine = reviewers.may_take(unit, step)
        if mine or not only_mine:
            rows.append(Waiting(unit, year, set_code, step, count, since, mine))
    rows.sort(key=lambda w: (w.year, w.since))
    return rows[:limit] if limit else rows
