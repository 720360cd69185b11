"""Province overview, commune scorecard, lagging lists: pages that read results, never compute them.

Every page opens on the year in force and the structure of that year; an empty year points to the last one with
figures, a unit that did not exist that year to the units that carry it on."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import scope
from accounts.models import Role
from accounts.queries import agencies_named_each
from accounts.rules import Permission
from assessment import page, queries, review_queue
from assessment.evaluation import contexts_for, province_of
from assessment.models import ValueStatus
from criteria.definitions import CriteriaSet
from criteria.display import INVALID, any_provisional, set_label, show_value, threshold_label
from criteria.models import CriteriaSetRecord
from criteria.queries import NoCriteriaSet, set_code_label, set_for_year, years_with_sets
from criteria.rules import Bands, applicable_threshold
from geo import queries as geo_queries
from geo.models import AdministrativeUnit, Level
from ntm.params import choice_param, required_id
from programme import queries as programme
from programme.choice import EmptyYear, YearChoice, year_choice
from programme.periods import FIRST_YEAR
from programme.rules import Step

LIST_LIMIT = 50  # weakest communes listed on the overview; the rest one click away


def _year_and_set(request, unit: AdministrativeUnit) -> HttpResponse | tuple[YearChoice, int, str, CriteriaSetRecord, CriteriaSet]:
    """The year chosen for `unit` and the criteria set it is assessed on that year, or the page saying why there is
    none: the unit did not exist that year, or no set was in force."""
    choice = year_choice(request, unit=unit)
    year = choice.year
    if not page.existed_in(unit, year):
        return not_in_year(request, unit, year)
    set_code = page.set_code_choice(request, year, province_of(unit))
    try:
        record, criteria_set = set_for_year(set_code, year, province_of(unit))
    except NoCriteriaSet as error:
        return no_set(request, unit, year, str(error))
    return choice, year, set_code, record, criteria_set


def overview(request, pk: int | None = None):
    """What every notice asks: how many communes at standard, average criteria, who lags, which criteria lag."""
    if pk is None:
        return _start(request)
    area = scope.get_unit_for_user(request.user, required_id(str(pk)), permission=Permission.VIEW_ASSESSMENT)
    if area.level not in (Level.PROVINCE, Level.DISTRICT):
        return redirect("assessment:scorecard", pk=area.pk)
    shown = _year_and_set(request, area)
    if isinstance(shown, HttpResponse):
        return shown
    choice, year, set_code, record, criteria_set = shown
    area_rollup = queries.rollup(area, set_code, year)
    districts = queries.area_rows(area, set_code, year)
    criteria_rows = queries.criterion_rows(area_rollup, criteria_set)
    bands = Bands(len(criteria_set.criteria))
    classes = area_rollup.classes if area_rollup else {}
    lowest, middle, _, _ = bands.keys
    show_all = choice_param(request, "tat_ca", {"1"}) == "1"
    owned = owned_criteria(request.user, criteria_set, province_of(area))
    evaluated = bool(area_rollup and area_rollup.communes_evaluated)
    context = {
        "area": area, "year": year, "choice": choice, "set_code": set_code, "record": record,
        "notice": page.set_notice(record, criteria_set), "criteria_set": criteria_set, "rollup": area_rollup,
        "empty": None if evaluated else EmptyYear(year, queries.latest_year_with_rollup(area, year)),
        "owned": owned, "owned_list": sorted(owned, key=lambda n: (len(n), n)), "bands": bands,
        "band_columns": bands.columns(), "districts": districts, "criteria_rows": criteria_rows,
        "weakest_criteria": sorted(criteria_rows, key=lambda r: (r.communes_met, int(r.number) if r.number.isdigit() else 0))[:5],
        "lagging": queries.lagging(area, [row.unit for row in districts], set_code, year, bands.high,
                                   None if show_all else LIST_LIMIT),
        "count_low": classes.get(lowest, 0), "count_lagging": classes.get(lowest, 0) + classes.get(middle, 0),
        "show_all": show_all, "list_limit": LIST_LIMIT,
        "classes": [(label, classes.get(key, 0)) for key, label in bands.labels()],
        "chart": json.dumps({"criteria": [r.number for r in criteria_rows], "met": [r.communes_met for r in criteria_rows],
                             "evaluated": area_rollup.communes_evaluated if area_rollup else 0}),
        "may_upload": scope.may(request.user, Permission.ENTER_VALUES),
        "waiting_mine": len(review_queue.waiting(request.user, only_mine=True)), "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")), (area.full_name, None)],
    }
    return render(request, "assessment/overview.html", context)


def _start(request):
    """The user's own area: their province or district, or their commune's scorecard; a unit that no longer
    exists gives way to the province it lay in."""
    tops = scope.top_units(request.user) or list(scope.visible_units(request.user).provinces()[:1])
    if not tops:
        raise Http404
    top = tops[0]
    if top.level == Level.COMMUNE:
        return redirect("assessment:scorecard", pk=top.pk)
    return redirect("assessment:overview_unit", pk=top.pk)


def not_in_year(request, unit: AdministrativeUnit, year: int, *, entry_period=None):
    """A unit that did not exist that year: say so, and offer the units that carry it on and its own years (their
    entry form for the same month when the user came to enter figures)."""
    first, last = page.year_bounds(year)
    permission = Permission.ENTER_VALUES if entry_period else Permission.VIEW_ASSESSMENT
    heirs = [u for u in geo_queries.successors_today(unit, last) if scope.can(request.user, permission, u)]
    if unit.level == Level.DISTRICT and scope.can(request.user, permission, unit.province()):
        heirs = [unit.province()]  # a district's figures are read at the province now, not commune by commune
    links = [(f"{heir.full_name}, " + (f"tháng {entry_period:%m/%Y}" if entry_period else f"năm {year}"),
              _unit_url(heir, year, entry_period)) for heir in heirs]
    own_year = page.last_year_of(unit, year)
    if page.existed_in(unit, own_year) and own_year != year:
        links.append((f"Số liệu của {unit.full_name} năm {own_year}", f"?nam={own_year}"))
    what = f"Số liệu tháng {entry_period:%m/%Y}" if entry_period else f"Số liệu năm {year}"
    return render(request, "assessment/not_in_year.html", {
        "unit": unit, "year": year, "message": programme.absence_message(unit, first, last, what), "links": links,
        "nav": "assessment", "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")), (unit.full_name, None)],
    })


def _unit_url(unit: AdministrativeUnit, year: int, entry_period) -> str:
    if entry_period:
        return reverse("assessment:entry", args=[unit.pk], query={"period": f"{entry_period:%Y-%m}"})
    name = "assessment:scorecard" if unit.level == Level.COMMUNE else "assessment:overview_unit"
    return reverse(name, args=[unit.pk], query={"nam": year})


def no_set(request, unit: AdministrativeUnit, year: int, message: str, param: str = "nam"):
    """No set in force that year: say so and offer the years that have one (`?nam=2024`, or `?period=2024-12`)."""
    years = years_with_sets(FIRST_YEAR, year_choice(request).in_force, province_of(unit))
    links = [(str(y), f"?{param}={y}" if param == "nam" else f"?{param}={y}-12") for y in years]
    return render(request, "assessment/no_set.html", {
        "message": message, "unit": unit, "year": year, "links": links, "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")), (unit.full_name, None)],
    })


def owned_criteria(user, criteria_set, province) -> set[str]:
    """Numbers of the criteria owned by the user's department(s), matched through the agencies' names and aliases."""
    departments = {m.agency_id for m in scope.active_memberships(user) if m.role == Role.DEPARTMENT_OFFICER}
    if not departments:
        return set()
    named = agencies_named_each({c.owner for c in criteria_set.criteria if c.owner}, province)
    return {
        c.number for c in criteria_set.criteria
        if c.owner and any(a.pk in departments for a in named[c.owner])
    }


def scorecard(request, pk: int):
    """A commune's criteria, indicators, values, thresholds and outcomes for a year, its history by set, and the
    results of the communes it was formed from."""
    unit = scope.get_unit_for_user(request.user, required_id(str(pk)), permission=Permission.VIEW_ASSESSMENT)
    if unit.level != Level.COMMUNE:
        return redirect("assessment:overview_unit", pk=unit.pk)
    shown = _year_and_set(request, unit)
    if isinstance(shown, HttpResponse):
        return shown
    choice, year, set_code, record, criteria_set = shown
    history = queries.history(unit)
    result = next((r for r in history if r.year == year and r.set_code == set_code), None)
    values = queries.values_of(unit, set_code, year)
    commune_context = contexts_for([unit], year)[unit.pk]
    by_status = queries.indicators_by_status(unit, set_code, year)
    predecessors = queries.predecessor_results(unit)
    sections = _sections(criteria_set, values, result, commune_context)
    review_history = queries.review_history(unit, set_code, year)
    context = {
        "unit": unit, "year": year, "choice": choice, "set_code": set_code, "record": record, "result": result,
        "set_label": set_label(record), "notice": page.set_notice(record, criteria_set, commune_context),
        "sections": sections, "statuses": [(status.label, len(by_status[status])) for status in ValueStatus if status in by_status],
        "provisional": any_provisional(row["threshold"] for section in sections for row in section["rows"]),
        "review_history": review_history,
        "returns": [event for event in review_history if event.is_return and event.comment],
        "returned": len(by_status.get(ValueStatus.RETURNED, ())),
        "returned_period": queries.returned_period(unit, set_code, year) if ValueStatus.RETURNED in by_status else None,
        "empty": None if values else EmptyYear(year, queries.latest_year_with_result(unit, year)),
        "commune_context": commune_context, "path": programme.path_for(unit),
        "verifier": programme.reviewer_name(unit, Step.VERIFY),
        "chart": json.dumps(_chart(history)), "has_history": bool(history), "predecessors": predecessors,
        "visible_predecessors": set(scope.units_for(request.user, Permission.VIEW_ASSESSMENT)
                                    .filter(pk__in={r.unit.pk for r in predecessors}).values_list("pk", flat=True)),
        "actions": _actions(request.user, unit, by_status, len(values), criteria_set),
        "may_enter": scope.can(request.user, Permission.ENTER_VALUES, unit) and programme.is_subject(unit),
        "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")),
                        *[(a.full_name, reverse("assessment:overview_unit", args=[a.pk])) for a in unit.ancestors()
                          if scope.can(request.user, Permission.VIEW_ASSESSMENT, a)],
                        (unit.full_name, None)],
    }
    return render(request, "assessment/scorecard.html", context)


def _sections(criteria_set, values, result, commune_context) -> list[dict]:
    """Criterion by criterion, each indicator's threshold, value, outcome, and what a reviewer weighs: the evidence
    note and document, who typed the value and when, its status and the comment it was returned with."""
    shown = {i.code: show_value(i, values[i.code].value) for i in criteria_set.indicators() if i.code in values}
    typed_by = queries.entered(list(values.values()))
    return [
        {"criterion": criterion, "met": result.criteria.get(criterion.number) if result else None, "rows": [
            {"indicator": i, "value": values.get(i.code), "shown": shown.get(i.code, ""), "invalid": shown.get(i.code) == INVALID,
             "threshold": threshold_label(i, applicable_threshold(i, commune_context)),
             "note": page.shown_note(values[i.code].evidence_note) if i.code in values else "",
             "entered": typed_by.get(values[i.code].pk) if i.code in values else None,
             "outcome": result.indicators.get(i.code) if result else None}
            for i in criterion.indicators
        ]}
        for criterion in criteria_set.criteria
    ]


def _chart(history) -> dict:
    """One line per set: the 19 criteria of 2021–2025 and the 10 of 2026–2030 are never joined."""
    names = {code: set_code_label(code) for code in {r.set_code for r in history}}
    series = queries.history_series(history, names)
    years = sorted({year for s in series for year in s.years})
    return {"years": years, "changes": [s.years[0] for s in series[1:]], "series": [
        {"name": s.name, "total": s.total, "data": [s.met[s.years.index(y)] if y in s.years else None for y in years]}
        for s in series]}


def _actions(user, unit: AdministrativeUnit, by_status: dict[str, set[str]], entered: int, criteria_set) -> dict:
    """The steps the user may take now, each only when they take it on the commune's path and something waits for
    it; counted in indicators (one typed in several months counts once), as the confirmations say them."""
    total = len(criteria_set.indicators())

    def count(*statuses: str) -> int:
        return len(set().union(*(by_status.get(status, set()) for status in statuses)))

    may = {step: programme.may_take(user, unit, step) for step in Step}
    returnable = ((ValueStatus.SUBMITTED,) if may[Step.VERIFY] or may[Step.APPRAISE] else ()) + (
        (ValueStatus.VERIFIED,) if may[Step.APPRAISE] else ())
    return {
        Step.SUBMIT: count(ValueStatus.DRAFT, ValueStatus.RETURNED) if may[Step.SUBMIT] else 0,
        "resubmit": count(ValueStatus.RETURNED) if may[Step.SUBMIT] else 0,
        "missing": max(0, total - entered), "total": total,
        Step.VERIFY: count(ValueStatus.SUBMITTED) if may[Step.VERIFY] else 0,
        Step.APPRAISE: count(ValueStatus.VERIFIED) if may[Step.APPRAISE] else 0,
        "return": count(*returnable),
    }
