"""Typing a commune's values, and the steps of the workflow: submit, verify (thẩm tra), appraise (thẩm định), return."""


import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.rules import Permission
from assessment import page, queries, review_queue, services
from assessment.evaluation import contexts_for, province_of
from assessment.forms import StepForm, ValueEntryForm, field_name
from assessment.models import COMMENT_MAX, EDITABLE, IndicatorValue, ValueStatus
from assessment.rules import RETURNED_HINT
from assessment.views import no_set, not_in_year
from criteria.display import INVALID, any_provisional, live_check, set_label, threshold_label
from criteria.queries import NoCriteriaSet, set_code_for_year, set_codes_for_year, set_for_year
from criteria.rules import applicable_threshold
from geo.models import AdministrativeUnit, Level
from ntm import downloads
from ntm.domain_errors import domain_errors
from ntm.formatting import format_number
from ntm.params import month_param, required_id
from ntm.problems import Problem, at
from programme import queries as programme
from programme.periods import FIRST_YEAR
from programme.rules import Step

STEP_DONE = {Step.SUBMIT: "Đã gửi số liệu", Step.VERIFY: "Đã thẩm tra số liệu", Step.APPRAISE: "Đã thẩm định số liệu"}


def _commune(request, pk: int, permission: Permission):
    unit = scope.get_unit_for_user(request.user, required_id(str(pk)), permission=permission)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit


def _entry_period(request, unit: AdministrativeUnit) -> datetime.date:
    """`?period=YYYY-MM` up to this month; by default this month, or the unit's last month if it ended before."""
    this_month = timezone.localdate().replace(day=1)
    last_day = unit.last_valid_day()
    default = min(this_month, last_day.replace(day=1)) if last_day else this_month
    return month_param(request, "period", low=datetime.date(FIRST_YEAR, 1, 1), high=this_month, default=default)


def entry(request, pk: int):
    """The commune form, criterion by criterion, with the threshold that applies and a live check of each value."""
    unit = _commune(request, pk, Permission.ENTER_VALUES)
    period = _entry_period(request, unit)
    if not programme.exists_between(unit, period, services.month_end(period)):
        return not_in_year(request, unit, period.year, entry_period=period)
    set_code = page.set_code_choice(request, period.year, province_of(unit))
    try:
        record, criteria_set = set_for_year(set_code, period.year, province_of(unit))
    except NoCriteriaSet as error:
        return no_set(request, unit, period.year, str(error), param="period")
    current = queries.values_of_month(unit, set_code, period)
    form = ValueEntryForm(request.POST or None, criteria_set=criteria_set, current=current)
    problems: list[Problem] = []
    if not programme.is_subject(unit):
        problems = [at("", f"{unit.full_name} không thuộc đối tượng đánh giá theo bộ tiêu chí xã "
                            "(tỉnh chưa đưa phường vào đánh giá).")]
    elif request.method == "POST" and not form.is_valid():
        problems = [at(f"Chỉ tiêu {code}" if code else "", message) for code, message in form.problems()]
    elif request.method == "POST":
        files = {indicator.code: request.FILES[key] for indicator in criteria_set.indicators()
                 if (key := field_name(indicator.code) + "__file") in request.FILES}
        with domain_errors(None) as outcome:
            saved, attached = services.save_entry(unit, set_code, period, _changed_inputs(form, criteria_set), files,
                                                  by=request.user)
        problems = outcome.problems
        if outcome.ok:
            extra = f" và {len(attached)} tệp minh chứng" if attached else ""
            messages.success(request, f"Đã lưu {len(saved)} giá trị{extra} của {unit.full_name}, tháng {period:%m/%Y}.")
            return redirect(reverse("assessment:entry", args=[unit.pk], query={"period": f"{period:%Y-%m}", "bo": set_code}))
    commune_context = contexts_for([unit], period.year)[unit.pk]
    sections: list[dict[str, Any]] = [
        {"criterion": criterion, "rows": [_row(form, indicator, current.get(indicator.code), commune_context) for indicator in criterion.indicators]}
        for criterion in criteria_set.criteria
    ]
    rows = [row for section in sections for row in section["rows"]]
    return render(request, "assessment/entry.html", {
        "unit": unit, "period": period, "set_code": set_code, "record": record, "sections": sections, "form": form,
        "set_label": set_label(record), "commune_context": commune_context,
        "provisional": any_provisional(row["threshold"] for row in rows),
        "returned": sum(1 for row in rows if row["returned"]), "returned_hint": RETURNED_HINT,
        "notice": page.set_notice(record, criteria_set, commune_context), "path": programme.path_for(unit),
        "problems": problems, "statuses": queries.status_counts(unit, set_code, period.year), "nav": "assessment",
        "this_month": timezone.localdate().replace(day=1),
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")),
                        (unit.full_name, reverse("assessment:scorecard", args=[unit.pk])), ("Nhập số liệu", None)],
    }, status=400 if problems else 200)


def _row(form, indicator, value: IndicatorValue | None, commune_context) -> dict:
    """One indicator's block: its field first, the threshold that applies to the commune, what the live check needs,
    and the evidence (folded unless it holds an error)."""
    threshold = applicable_threshold(indicator, commune_context)
    name = field_name(indicator.code)
    note = form[name + "__note"]
    return {
        "invalid": indicator.code in form.invalid, "invalid_text": INVALID,
        "indicator": indicator, "field": form[name], "file_name": name + "__file", "file_id": f"id_{name}__file",
        "initial": form[name + "__initial"], "version": form[name + "__version"],
        "note": note, "note_initial": form[name + "__note_initial"], "note_open": bool(note.errors),
        "threshold": threshold_label(indicator, threshold), "check": live_check(indicator, threshold),
        "value": value, "locked": value is not None and value.status not in EDITABLE,
        "returned": value is not None and value.status == ValueStatus.RETURNED,
        "has_evidence": value is not None and bool(page.shown_note(value.evidence_note) or value.evidence_file),
    }


def _changed_inputs(form, criteria_set) -> list[services.ValueInput]:
    """Only what the user changed: untouched values keep whatever others saved meanwhile."""
    inputs = []
    for indicator in criteria_set.indicators():
        name = field_name(indicator.code)
        if form.fields[name].disabled:
            continue
        raw = (form.cleaned_data.get(name) or "").strip()
        note = (form.cleaned_data.get(name + "__note") or "").strip()
        value_changed = raw != (form.cleaned_data.get(name + "__initial") or "")
        note_changed = note != (form.cleaned_data.get(name + "__note_initial") or "")
        if value_changed or (note_changed and raw):
            version = form.cleaned_data.get(name + "__version")
            version = 0 if version is None else version  # seen empty: 0, "did not exist" — never "no check"
            inputs.append(services.ValueInput(indicator.code, raw or None, version=version, evidence_note=note,
                                              label=f"Chỉ tiêu {indicator.code}"))
    return inputs


def _year_and_set(request, unit: AdministrativeUnit, form: StepForm) -> tuple[int, str]:
    """The year and set a step applies to, from the posted form (bounded like every other year)."""
    this_year = timezone.localdate().year
    form.is_valid()  # cleaned_data keeps each field that is valid, whatever the others hold
    year = form.cleaned_data.get("nam")
    year = year if isinstance(year, int) and FIRST_YEAR <= year <= this_year else this_year
    codes = set(set_codes_for_year(year, province_of(unit)))
    posted = form.cleaned_data.get("bo", "")
    return year, posted if posted in codes else set_code_for_year(year)


def _back(unit: AdministrativeUnit, year: int, set_code: str):
    return redirect(reverse("assessment:scorecard", args=[unit.pk], query={"nam": year, "bo": set_code}))


@require_POST
def step(request, pk: int, step: str):
    if step not in {s.value for s in Step}:
        raise Http404
    taken = Step(step)
    unit = _commune(request, pk, Permission.VIEW_ASSESSMENT)
    if not programme.may_take(request.user, unit, taken):
        raise Http404  # as for a commune the user cannot see: who takes a step follows the commune's path
    year, set_code = _year_and_set(request, unit, StepForm(request.POST))
    with domain_errors(request) as outcome:
        moved = services.advance(unit, set_code, year, taken, by=request.user)
    if outcome.ok:
        if moved:
            messages.success(request, f"{STEP_DONE[taken]}: {moved} giá trị của {unit.full_name} năm {year}.")
        else:
            messages.info(request, f"Không có giá trị nào của {unit.full_name} năm {year} chờ bước này.")
    return _back(unit, year, set_code)


@require_POST
def return_values(request, pk: int):
    unit = _commune(request, pk, Permission.VIEW_ASSESSMENT)
    form = StepForm(request.POST)
    year, set_code = _year_and_set(request, unit, form)
    if "comment" in form.errors:  # refused whole, never cut short
        messages.error(request, f"Ý kiến dài quá {format_number(COMMENT_MAX)} ký tự; hãy viết ngắn gọn hơn. Chưa trả lại giá trị nào.")
        return _back(unit, year, set_code)
    with domain_errors(request) as outcome:
        moved = services.return_values(unit, set_code, year, form.cleaned_data.get("comment", ""), by=request.user)
    if outcome.ok:
        messages.success(request, f"Đã trả lại {moved} giá trị cho {unit.full_name} kèm ý kiến.")
    return _back(unit, year, set_code)


def review(request):
    """Figures waiting for a review step, any year, the oldest first: the user's own first, then the rest of
    their area for information."""
    if not programme.reviews_anything(request.user):
        raise Http404
    rows = review_queue.waiting(request.user)
    return render(request, "assessment/review.html", {
        "mine": [r for r in rows if r.mine], "others": [r for r in rows if not r.mine], "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")), ("Chờ thẩm tra, thẩm định", None)],
    })


def evidence(request, pk: int):
    """The attached document of a value, to those who may see the commune's assessment."""
    value = IndicatorValue.objects.filter(pk=required_id(str(pk))).exclude(evidence_file="").select_related("unit").first()
    if value is None:
        raise Http404
    scope.get_unit_for_user(request.user, value.unit_id, permission=Permission.VIEW_ASSESSMENT)
    return downloads.stored_file(value.evidence_file)
