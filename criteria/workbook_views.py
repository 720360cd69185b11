"""Criteria sets by Excel, in the layout of a decision's annex: blank and pre-filled templates, and the import of a
filled one as a province's draft (or, for administrators, a national draft), all or nothing."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts import scope
from criteria import services
from criteria.access import editable_provinces as _editable_provinces
from criteria.access import record_for as _record
from criteria.display import set_label
from criteria.forms import SetWorkbookForm
from criteria.models import CriteriaSetRecord
from criteria.queries import definition, set_code_for_year
from criteria.set_template import Unrepresentable, blank_template, set_template
from criteria.set_workbook import Layout
from geo.models import AdministrativeUnit
from ntm.domain_errors import Outcome, domain_errors
from ntm.downloads import attachment
from ntm.params import choice_param
from ntm.problems import listing
from ntm.text import fold

NATIONAL = "toan-quoc"
BLANK_LAYOUTS = {"nhom-xa": Layout.COMMUNE_GROUP, "vung": Layout.REGION}


def _targets(user) -> list[tuple[str, str, AdministrativeUnit | None]]:
    """Whose version an upload may become: a national draft (administrators), or a draft of a province the user edits."""
    national = [(NATIONAL, "Bản dự thảo quốc gia (phiên bản mới của bộ tiêu chí quốc gia)", None)] if scope.is_admin(user) else []
    provinces = sorted(_editable_provinces(user), key=lambda p: p.code)
    return [*national, *((str(p.pk), f"Bản dự thảo của {p.full_name}", p) for p in provinces)]


def _xlsx(content: bytes, name: str) -> HttpResponse:
    return attachment(content, f"{name}.xlsx")


def workbook_blank(request):
    """An empty template: columns by commune group (?mau=nhom-xa, 2026–2030) or by region (?mau=vung)."""
    if not _targets(request.user):
        raise Http404
    key = choice_param(request, "mau", set(BLANK_LAYOUTS), default="nhom-xa")
    return _xlsx(blank_template(BLANK_LAYOUTS[key]), f"mau-bo-tieu-chi-{key}")


def workbook(request, pk: int):
    """The template pre-filled with a set version, to be edited and uploaded back."""
    record = _record(request.user, pk)
    if not _targets(request.user):
        raise Http404
    try:
        content = set_template(definition(record))
    except Unrepresentable as error:
        messages.error(request, error.message)
        return redirect("criteria:detail", pk=record.pk)
    day = f"-{record.valid_from:%d-%m-%Y}" if record.valid_from else ""
    return _xlsx(content, f"{slugify(fold(record.name))[:70]}{day}")


def workbook_import(request):
    """Upload a filled template: a new draft version, or every problem listed by row and column and nothing written."""
    targets = _targets(request.user)
    if not targets:
        raise Http404
    sets = _set_choices()
    initial = {"set_code": choice_param(request, "bo", set(dict(sets)), default=_default_set(sets)), "target": targets[0][0]}
    form = SetWorkbookForm(request.POST or None, request.FILES or None, initial=initial,
                           sets=sets, targets=[(value, label) for value, label, _ in targets])
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        province = {value: unit for value, _, unit in targets}[form.cleaned_data["target"]]
        upload = form.cleaned_data["file"]
        with domain_errors(None) as outcome:
            record = services.import_set_workbook(form.content, form.cleaned_data["set_code"], province,
                                                  by=request.user, file_name=upload.name)
        if outcome.ok:
            messages.success(request, _imported(record))
            return redirect("criteria:detail", pk=record.pk)
    return render(request, "criteria/workbook_import.html", {
        "form": form, **listing(outcome.problems), "filled": _filled_templates(request.user),
        "nav": "criteria", "breadcrumbs": [("Bộ tiêu chí", reverse("criteria:list")), ("Nhập từ Excel", None)],
    }, status=400 if outcome.problems or form.errors else 200)


def _set_choices() -> list[tuple[str, str]]:
    """The national sets, newest first, each by the name and basis of its latest published version."""
    names: dict[str, str] = {}
    for record in CriteriaSetRecord.objects.published().national().order_by("-valid_from", "-pk"):
        names.setdefault(record.code, set_label(record))
    return list(names.items())


def _default_set(sets: list[tuple[str, str]]) -> str:
    in_force = set_code_for_year(timezone.localdate().year)
    return in_force if in_force in dict(sets) else (sets[0][0] if sets else "")


def _filled_templates(user) -> list[CriteriaSetRecord]:
    """The versions offered as pre-filled templates: national ones in force or past, and the user's provinces' own."""
    provinces = _editable_provinces(user)
    national = CriteriaSetRecord.objects.published().national()
    own = CriteriaSetRecord.objects.filter(province__in=provinces) if not scope.is_admin(user) else CriteriaSetRecord.objects.none()
    return list((national | own).select_related("province").order_by("-valid_from", "province_id", "-pk"))


def _imported(record: CriteriaSetRecord) -> str:
    criteria_set = definition(record)
    day = f", hiệu lực từ {record.valid_from:%d/%m/%Y}" if isinstance(record.valid_from, datetime.date) else ""
    counts = f"{len(criteria_set.criteria)} tiêu chí, {len(criteria_set.indicators())} chỉ tiêu{day}"
    if record.province is None:
        return (f"Đã nhập bản dự thảo quốc gia từ tệp Excel: {counts}. Bản dự thảo quốc gia chưa được dùng để đánh giá; "
                "bộ tiêu chí quốc gia có hiệu lực khi được nạp vào hệ thống (xem tài liệu bộ tiêu chí).")
    return (f"Đã nhập bản dự thảo của {record.province.full_name} từ tệp Excel: {counts}. "
            f"Kiểm tra lại rồi bấm “Ban hành và đánh giá lại” để áp dụng.")

