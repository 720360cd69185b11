"""Typing a commune's values, and the steps of the workflow: submit, verify (thẩm tra), appraise (thẩm định), return."""


from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.rules import Permission
from assessment import queries, services
from assessment.evaluation import contexts_for, province_of
from assessment.forms import PeriodForm, ValueEntryForm, field_name
from assessment.models import EDITABLE, IndicatorValue, ValueStatus
from criteria.display import describe_threshold
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from criteria.rules import applicable_threshold
from geo.models import AdministrativeUnit, Level

STEP_PERMISSIONS = {"submit": Permission.ENTER_VALUES, "verify": Permission.VERIFY_VALUES, "appraise": Permission.APPRAISE_VALUES}
STEP_DONE = {"submit": "Đã gửi số liệu lên huyện", "verify": "Đã thẩm tra số liệu", "appraise": "Đã thẩm định số liệu"}


def _commune(request, pk: int, permission: Permission):
    unit = scope.get_unit_for_user(request.user, pk, permission=permission)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit


def entry(request, pk: int):
    """The commune form, criterion by criterion, with the threshold that applies and a live check of each value."""
    unit = _commune(request, pk, Permission.ENTER_VALUES)
    period = PeriodForm(request.GET).month(timezone.localdate().replace(day=1))
    set_code = request.GET.get("bo") or set_code_for_year(period.year)
    try:
        record, criteria_set = set_for_year(set_code, period.year, province_of(unit))
    except NoCriteriaSet as error:
        return render(request, "assessment/no_set.html", {"message": str(error), "area": unit, "year": period.year})
    current = queries.values_of_month(unit, set_code, period)
    form = ValueEntryForm(request.POST or None, criteria_set=criteria_set, current=current)
    problems: list[services.Problem] = []
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # values and attachments together, or nothing
                saved = services.save_values(unit, set_code, period, _changed_inputs(form, criteria_set), by=request.user)
                attached = [
                    services.attach_evidence(unit, set_code, period, indicator.code, request.FILES[key], by=request.user)
                    for indicator in criteria_set.indicators()
                    if (key := field_name(indicator.code) + "__file") in request.FILES
                ]
        except services.ValueErrors as error:
            problems = error.problems
        else:
            extra = f" và {len(attached)} tệp minh chứng" if attached else ""
            messages.success(request, f"Đã lưu {len(saved)} giá trị{extra} của {unit.full_name}, tháng {period:%m/%Y}.")
            return redirect(f"{reverse('assessment:entry', args=[unit.pk])}?period={period:%Y-%m}&bo={set_code}")
    commune_context = contexts_for([unit], period.year)[unit.pk]
    sections = [
        {"criterion": criterion, "rows": [_row(form, indicator, current.get(indicator.code), commune_context) for indicator in criterion.indicators]}
        for criterion in criteria_set.criteria
    ]
    return render(request, "assessment/entry.html", {
        "unit": unit, "period": period, "set_code": set_code, "record": record, "sections": sections, "form": form,
        "problems": problems, "statuses": queries.status_counts(unit, set_code, period.year), "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")),
                        (unit.full_name, reverse("assessment:scorecard", args=[unit.pk])), ("Nhập số liệu", None)],
    }, status=400 if problems else 200)


def _row(form, indicator, value: IndicatorValue | None, commune_context) -> dict:
    threshold = applicable_threshold(indicator, commune_context)
    return {
        "indicator": indicator, "field": form[field_name(indicator.code)],
        "initial": form[field_name(indicator.code) + "__initial"], "version": form[field_name(indicator.code) + "__version"],
        "note": form[field_name(indicator.code) + "__note"], "note_initial": form[field_name(indicator.code) + "__note_initial"],
        "threshold": describe_threshold(indicator, threshold),
        "threshold_value": "" if threshold is None or threshold.value is None else _machine(threshold.value),
        "value": value, "locked": bool(value) and value.status not in EDITABLE,
    }


def _machine(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


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
            version = form.cleaned_data.get(name + "__version") or None
            inputs.append(services.ValueInput(indicator.code, raw or None, version=version, evidence_note=note,
                                              label=f"Chỉ tiêu {indicator.code}"))
    return inputs


def _year_and_set(request) -> tuple[int, str]:
    try:
        year = int(request.POST.get("nam") or request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return year, request.POST.get("bo") or request.GET.get("bo") or set_code_for_year(year)


@require_POST
def step(request, pk: int, step: str):
    if step not in STEP_PERMISSIONS:
        raise Http404
    unit = _commune(request, pk, STEP_PERMISSIONS[step])
    year, set_code = _year_and_set(request)
    try:
        moved = services.advance(unit, set_code, year, step, by=request.user)
    except services.ValueErrors as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{STEP_DONE[step]}: {moved} giá trị của {unit.full_name} năm {year}.")
    return redirect(f"{reverse('assessment:scorecard', args=[unit.pk])}?nam={year}&bo={set_code}")


@require_POST
def return_values(request, pk: int):
    unit = _commune(request, pk, Permission.VIEW_ASSESSMENT)
    year, set_code = _year_and_set(request)
    try:
        moved = services.return_values(unit, set_code, year, request.POST.get("comment", ""), by=request.user)
    except services.ValueErrors as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã trả lại {moved} giá trị cho {unit.full_name} kèm ý kiến.")
    return redirect(f"{reverse('assessment:scorecard', args=[unit.pk])}?nam={year}&bo={set_code}")


def review(request):
    """Communes waiting for the reader: submitted ones for a district, verified ones for the province."""
    if not (scope.may(request.user, Permission.VERIFY_VALUES) or scope.may(request.user, Permission.APPRAISE_VALUES)):
        raise Http404
    year, set_code = _year_and_set(request)
    waiting = {ValueStatus.SUBMITTED, ValueStatus.VERIFIED}
    units = scope.units_for(request.user, Permission.VERIFY_VALUES) | scope.units_for(request.user, Permission.APPRAISE_VALUES)
    rows: dict[int, dict] = {}
    values = IndicatorValue.objects.filter(unit__in=units, set_code=set_code, period__year=year, status__in=waiting)
    for unit_id, status in values.values_list("unit_id", "status"):
        rows.setdefault(unit_id, {ValueStatus.SUBMITTED: 0, ValueStatus.VERIFIED: 0})[status] += 1
    communes = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=rows).select_related("parent")}
    table = sorted(((communes[pk], counts) for pk, counts in rows.items()), key=lambda item: item[0].code)
    return render(request, "assessment/review.html", {
        "rows": table, "year": year, "set_code": set_code, "nav": "assessment",
        "breadcrumbs": [("Đánh giá tiêu chí", reverse("assessment:overview")), ("Chờ thẩm tra, thẩm định", None)],
    })




def evidence(request, pk: int):
    """The attached document of a value, to those who may see the commune's assessment."""
    value = IndicatorValue.objects.filter(pk=pk).exclude(evidence_file="").select_related("unit").first()
    if value is None:
        raise Http404
    scope.get_unit_for_user(request.user, value.unit_id, permission=Permission.VIEW_ASSESSMENT)
    return FileResponse(value.evidence_file.open("rb"), as_attachment=True, filename=value.evidence_file.name.rsplit("/", 1)[-1])
