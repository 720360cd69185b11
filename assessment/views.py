"""Province overview, commune scorecard, lagging lists: pages that read results, never compute them."""

import json

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import scope
from accounts.models import Role
from accounts.queries import agencies_named
from accounts.rules import Permission
from assessment import queries
from assessment.evaluation import contexts_for, province_of
from assessment.models import RollUp
from criteria.display import describe_threshold, show_value
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from criteria.rules import applicable_threshold
from geo.models import Level

LIST_LIMIT = 50  # weakest communes listed on the overview; the rest one click away
CLASS_LABELS = [("lt10", "Dưới 10 tiêu chí"), ("10-14", "10–14 tiêu chí"), ("15+", "15 tiêu chí trở lên, chưa đạt"), ("all", "Đạt chuẩn")]


def _year(request, unit) -> int:
    try:
        return int(request.GET["nam"])
    except (KeyError, ValueError):
        latest = RollUp.objects.filter(unit=unit).order_by("-year").values_list("year", flat=True).first()
        return latest or timezone.localdate().year


def _set_code(request, year: int) -> str:
    return request.GET.get("bo") or set_code_for_year(year)


def overview(request, pk: int | None = None):
    """What every notice asks: how many communes at standard, average criteria, who is below 10 or 15, which criteria lag."""
    if pk is None:
        tops = scope.top_units(request.user) or list(scope.visible_units(request.user).provinces()[:1])
        if not tops:
            raise Http404
        if tops[0].level == Level.COMMUNE:
            return redirect("assessment:scorecard", pk=tops[0].pk)
        return redirect("assessment:overview_unit", pk=tops[0].pk)
    area = scope.get_unit_for_user(request.user, pk, permission=Permission.VIEW_ASSESSMENT)
    if area.level not in (Level.PROVINCE, Level.DISTRICT):
        return redirect("assessment:scorecard", pk=area.pk)
    year = _year(request, area)
    set_code = _set_code(request, year)
    try:
        _, criteria_set = set_for_year(set_code, year, province_of(area))
    except NoCriteriaSet as error:
        return render(request, "assessment/no_set.html", {"message": str(error), "area": area, "year": year})
    area_rollup = queries.rollup(area, set_code, year)
    districts = queries.area_rows(area, set_code, year)
    criteria_rows = queries.criterion_rows(area_rollup, criteria_set)
    show_all = request.GET.get("tat_ca") == "1"
    classes = area_rollup.classes if area_rollup else {}
    owned = owned_criteria(request.user, criteria_set, province_of(area))
    context = {
        "area": area, "year": year, "set_code": set_code, "criteria_set": criteria_set, "rollup": area_rollup, "owned": owned,
        "owned_list": sorted(owned, key=lambda n: (len(n), n)),
        "districts": districts, "criteria_rows": criteria_rows,
        "weakest_criteria": sorted(criteria_rows, key=lambda r: (r.communes_met, int(r.number) if r.number.isdigit() else 0))[:5],
        "below_15": queries.lagging(area, [row.unit for row in districts], set_code, year, 15, None if show_all else LIST_LIMIT),
        "count_below_10": classes.get("lt10", 0), "count_below_15": classes.get("lt10", 0) + classes.get("10-14", 0),
        "show_all": show_all, "list_limit": LIST_LIMIT,
        "classes": [(label, (area_rollup.classes if area_rollup else {}).get(key, 0)) for key, label in CLASS_LABELS],
        "chart": json.dumps({"criteria": [r.number for r in criteria_rows], "met": [r.communes_met for r in criteria_rows],
                             "evaluated": area_rollup.communes_evaluated if area_rollup else 0}),
        "years": range(2021, timezone.localdate().year + 1), "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")), (area.full_name, None)],
    }
    return render(request, "assessment/overview.html", context)


def owned_criteria(user, criteria_set, province) -> set[str]:
    """Numbers of the criteria owned by the user's department(s), matched through the agencies' names and aliases."""
    departments = {m.agency_id for m in scope.active_memberships(user) if m.role == Role.DEPARTMENT_OFFICER}
    if not departments:
        return set()
    return {
        c.number for c in criteria_set.criteria
        if c.owner and any(a.pk in departments for a in agencies_named(c.owner, province))
    }


def scorecard(request, pk: int):
    """A commune's criteria, indicators, values, thresholds and outcomes for a year, and its history."""
    unit = scope.get_unit_for_user(request.user, pk, permission=Permission.VIEW_ASSESSMENT)
    if unit.level != Level.COMMUNE:
        return redirect("assessment:overview_unit", pk=unit.pk)
    year = _year(request, unit.parent or unit)
    set_code = _set_code(request, year)
    try:
        record, criteria_set = set_for_year(set_code, year, province_of(unit))
    except NoCriteriaSet as error:
        return render(request, "assessment/no_set.html", {"message": str(error), "area": unit, "year": year})
    result = next((r for r in queries.history(unit) if r.year == year and r.set_code == set_code), None)
    values = queries.values_of(unit, set_code, year)
    commune_context = contexts_for([unit], year)[unit.pk]
    sections = [
        {"criterion": criterion, "met": result.criteria.get(criterion.number) if result else None, "rows": [
            {"indicator": i, "value": values.get(i.code), "shown": show_value(i, values[i.code].value) if i.code in values else "",
             "threshold": describe_threshold(i, applicable_threshold(i, commune_context)),
             "outcome": result.indicators.get(i.code) if result else None}
            for i in criterion.indicators
        ]}
        for criterion in criteria_set.criteria
    ]
    history = queries.history(unit)
    context = {
        "unit": unit, "year": year, "set_code": set_code, "record": record, "result": result, "sections": sections,
        "history": history, "statuses": queries.status_counts(unit, set_code, year), "commune_context": commune_context,
        "chart": json.dumps({"years": [h.year for h in history], "met": [h.criteria_met for h in history],
                             "total": [h.criteria_total for h in history]}),
        "may_enter": scope.can(request.user, Permission.ENTER_VALUES, unit),
        "may_verify": scope.can(request.user, Permission.VERIFY_VALUES, unit),
        "may_appraise": scope.can(request.user, Permission.APPRAISE_VALUES, unit),
        "years": range(2021, timezone.localdate().year + 1), "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")),
                        *[(a.full_name, reverse("assessment:overview_unit", args=[a.pk])) for a in unit.ancestors()
                          if scope.can(request.user, Permission.VIEW_ASSESSMENT, a)],
                        (unit.full_name, None)],
    }
    return render(request, "assessment/scorecard.html", context)
