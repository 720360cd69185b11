"""The year's targets of a province or district with where each stands and the year-end forecast, beside the
program's national goals for 2030 and the poverty rate over the years; the office's forms to set a target and to
record the province's published poverty rate; and the notices whose targets can be adopted in one step. Every
table downloads as Excel."""

import re
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import scope
from accounts.rules import Permission
from directives.models import Notice, NoticeTarget
from geo.models import Level
from ntm.domain_errors import domain_errors
from programme.filters import Period
from targets import exports, services
from targets.forecast import forecast_for
from targets.forms import ReportedFigureForm, TargetForm
from targets.goals import goal_rows
from targets.measures import MEASURES, Measure
from targets.models import ReportedFigure, Target
from targets.page import area_for, areas_for, targets_page
from targets.poverty import MEASURE as POVERTY
from targets.poverty import poverty_series, with_changes
from targets.progress import progress_for
from targets.vocabulary import measure_label

CRUMB = "Chỉ tiêu năm"
DIGITS = re.compile(r"[0-9]{1,9}")


def overview(request):
    if not scope.may(request.user, Permission.VIEW_RECOGNITION):
        raise Http404
    unit = area_for(request.user, request.GET.get("unit", ""), Permission.VIEW_RECOGNITION)
    if unit is None:
        return render(request, "targets/no_area.html", {"nav": "targets", "breadcrumbs": [(CRUMB, None)]})
    page = targets_page(request, unit)
    forecast = forecast_for(unit, page.year, page.day)
    rows = progress_for(unit, page.year, page.day, forecast)
    goals, poverty = goal_rows(unit, page.year, page.day), with_changes(poverty_series(unit, page.year, page.day))
    table = request.GET.get("xlsx")
    if table:
        return exports.overview_table(table, page, rows, forecast, goals, poverty)
    reported = ReportedFigure.objects.filter(unit=unit, year=page.year, measure=POVERTY).first()
    return render(request, "targets/overview.html", {
        "page": page, "rows": rows, "forecast": forecast, "nav": "targets", "breadcrumbs": [(CRUMB, None)],
        "goals": goals, "poverty": poverty,
        "report_form": ReportedFigureForm(initial={"year": page.year, "value": reported.value if reported else None,
                                                   "source": reported.source if reported else "",
                                                   "version": reported.version if reported else None})
        if page.may_manage and unit.level == Level.PROVINCE else None,
    })


def report(request):
    """The province's published multidimensional poverty rate of a year, recorded from the targets page."""
    unit = area_for(request.user, request.GET.get("unit", ""), Permission.MANAGE_RECOGNITION)
    if unit is None or request.method != "POST":
        raise Http404
    form = ReportedFigureForm(request.POST)
    if not form.is_valid():
        year = form.cleaned_data.get("year") or ""
        messages.error(request, "Chưa ghi được tỷ lệ nghèo đa chiều: " + "; ".join(
            f"{form.fields[name].label}: {' '.join(map(str, errors))}" if name in form.fields and form.fields[name].label
            else " ".join(map(str, errors))
            for name, errors in form.errors.items()))
        return redirect(reverse("targets:overview", query={"unit": unit.pk, "nam": year}))
    data = form.cleaned_data
    with domain_errors(request) as outcome:
        services.report_figure(unit, year=data["year"], measure=POVERTY, value=data["value"], source=data["source"],
                               version=data["version"], by=request.user)
    if outcome.ok:
        messages.success(request, f"Đã ghi tỷ lệ nghèo đa chiều năm {data['year']} theo số liệu tỉnh công bố.")
    return redirect(reverse("targets:overview", query={"unit": unit.pk, "nam": data["year"]}))


def _managed_target(request, pk: int) -> Target:
    return get_object_or_404(
        Target.objects.filter(unit__in=areas_for(request.user, Permission.MANAGE_RECOGNITION)).select_related("unit"),
        pk=pk)


def create(request):
    unit = area_for(request.user, request.GET.get("unit", ""), Permission.MANAGE_RECOGNITION)
    if unit is None:
        raise Http404
    year = Period.read(request, timezone.localdate()).year
    form = TargetForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with domain_errors(form) as outcome:
            target = services.set_target(unit, year=data["year"], measure=data["measure"], value=data["value"],
                                         comparator=data["comparator"] or None, note=data["note"], by=request.user)
        if outcome.ok:
            messages.success(request, f"Đã thêm chỉ tiêu “{measure_label(target.measure)}” năm {target.year}.")
            return _back_to(target)
    return _form_page(request, form, unit, None)


def edit(request, pk: int):
    target = _managed_target(request, pk)
    initial = {"measure": target.measure, "year": target.year, "value": target.value,
               "comparator": target.comparator, "note": target.note, "version": target.version}
    form = TargetForm(request.POST or None, initial=initial)
    form.fix_identity()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with domain_errors(form) as outcome:
            services.change_target(target, value=data["value"], comparator=data["comparator"] or target.comparator,
                                   note=data["note"], version=data["version"] or 0, by=request.user)
        if outcome.ok:
            messages.success(request, "Đã lưu chỉ tiêu.")
            return _back_to(target)
    return _form_page(request, form, target.unit, target)


def delete(request, pk: int):
    target = _managed_target(request, pk)
    if request.method != "POST":
        raise Http404
    with domain_errors(request) as outcome:
        services.delete_target(target, version=_posted_version(request), by=request.user)
    if outcome.ok:
        messages.success(request, f"Đã xóa chỉ tiêu “{_label(target)}” năm {target.year}.")
    return _back_to(target)


def _posted_version(request) -> int:
    """The version the page showed; anything but a number (², 10^20) is a stale page."""
    raw = request.POST.get("version", "").strip()
    return int(raw) if DIGITS.fullmatch(raw) else -1


def _label(target: Target) -> str:
    return measure_label(target.measure)


def _back_to(target: Target):
    return redirect(reverse("targets:overview", query={"unit": target.unit_id, "nam": target.year}))


def _form_page(request, form: TargetForm, unit, target: Target | None):
    title = f"Sửa chỉ tiêu năm {target.year}" if target else "Thêm chỉ tiêu năm"
    back = reverse("targets:overview", query={"unit": unit.pk})
    return render(request, "targets/target_form.html", {
        "form": form, "unit": unit, "target": target, "title": title, "back": back, "nav": "targets",
        "breadcrumbs": [(CRUMB, back), (title, None)],
    })


def notices(request):
    """The province's notices that set targets, each adoptable in one step."""
    unit = area_for(request.user, request.GET.get("unit", ""), Permission.MANAGE_RECOGNITION)
    if unit is None:
        raise Http404
    province = unit.province()
    listed = (Notice.objects.filter(province=province, targets__isnull=False).distinct()
              .prefetch_related("targets__adopted_as").order_by("-date", "-pk"))
    if request.GET.get("xlsx"):
        return exports.notices_table(request.GET["xlsx"], province, listed)
    back = reverse("targets:overview", query={"unit": province.pk})
    return render(request, "targets/notices.html", {
        "province": province, "nav": "targets",
        "rows": [_notice_row(notice) for notice in listed],
        "breadcrumbs": [(CRUMB, back), ("Áp dụng chỉ tiêu từ thông báo", None)],
    })


@dataclass(frozen=True)
class NoticeRow:
    notice: Notice
    targets: list[tuple[NoticeTarget, Measure | None]]
    pending: int  # targets ntm computes that are not adopted yet: the button shows only when there are some
    skipped: int  # targets ntm cannot compute: never adopted

    @property
    def confirm(self) -> str:
        skipped = f" {self.skipped} chỉ tiêu chưa có cách tính sẽ bỏ qua." if self.skipped else ""
        return (f"Áp dụng {self.pending} chỉ tiêu của {self.notice} thành chỉ tiêu năm của tỉnh? Chỉ tiêu cùng năm đã "
                f"có sẽ được cập nhật theo thông báo.{skipped}")


def _notice_row(notice: Notice) -> NoticeRow:
    targets = [(t, MEASURES.get(t.metric)) for t in notice.targets.all()]
    pending = sum(1 for t, measure in targets if measure is not None and not t.adopted_as.all())
    return NoticeRow(notice, targets, pending, sum(1 for _, measure in targets if measure is None))


def adopt(request, pk: int):
    notice = get_object_or_404(
        Notice.objects.filter(province__in=areas_for(request.user, Permission.MANAGE_RECOGNITION)), pk=pk)
    if request.method != "POST":
        raise Http404
    with domain_errors(request) as outcome:
        adoption = services.adopt_notice_targets(notice, by=request.user)
    if not outcome.ok:
        return redirect(reverse("targets:notices", query={"unit": notice.province_id}))
    messages.success(request, f"Đã áp dụng {len(adoption.adopted)} chỉ tiêu từ {notice}.")
    if adoption.skipped:
        names = "; ".join(f"“{row.text or measure_label(row.metric)}” ({why})" for row, why in adoption.skipped)
        messages.warning(request, f"Bỏ qua {len(adoption.skipped)} chỉ tiêu: {names}.")
    year = adoption.adopted[0].year if adoption.adopted else notice.date.year
    return redirect(reverse("targets:overview", query={"unit": notice.province_id, "nam": year}))
