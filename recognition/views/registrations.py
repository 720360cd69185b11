"""The year's registered communes with where each stands, and each commune's roadmap."""

import datetime

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts import audit_display, scope
from accounts.models import Agency, AuditEntry
from accounts.rules import Permission
from directives.models import Task
from finance.models import Project
from geo.models import Level
from geo.queries import unit_by_code
from ntm.domain_errors import domain_errors
from ntm.excel import Column, Kind, Sheet, xlsx_response
from ntm.form_fields import field_of
from ntm.text import sort_key
from programme import queries as programme
from recognition import queries, roadmaps
from recognition.forms import ActionForm, ItemForm, RegistrationForm
from recognition.models import ItemStatus, Registration
from recognition.views.common import area_page


def registration_list(request):
    page = area_page(request)
    today = timezone.localdate()
    form = RegistrationForm(request.POST or None, year=page.year, communes=_candidates(page) if page.may_manage else [])
    if request.method == "POST":
        if not page.may_manage:
            raise Http404
        if form.is_valid() and _register(request, page, form):
            return redirect(f"{request.path}?{page.query()}")
    rows = queries.registered_rows(page.area, page.year, today)
    if request.GET.get("xlsx"):
        return xlsx_response(f"xa-dang-ky-{page.year}", Sheet(
            f"Xã đăng ký đạt chuẩn năm {page.year} — {page.area.full_name}", [
                Column("Xã"), Column("Huyện"), Column("Mức"), Column("Tiêu chí đạt"),
                Column("Chỉ tiêu còn thiếu", Kind.INTEGER), Column("Việc quá hạn", Kind.INTEGER),
                Column("Nợ đọng XDCB (đồng)", Kind.MONEY), Column("Hồ sơ", width=30)],
            [[r.registration.unit.full_name, r.registration.unit.parent.full_name if r.registration.unit.parent else "",
              r.registration.get_level_display(), r.criteria, r.open_gaps, r.overdue_items, r.debt,
              r.dossier.step_label if r.dossier else ""] for r in rows]))
    return render(request, "recognition/registrations.html", page.context(
        f"Xã đăng ký đạt chuẩn năm {page.year}", rows=rows, form=form,
        at_standard=sum(1 for r in rows if r.result and r.result.meets_standard),
        has_districts=any(r.registration.unit.parent and r.registration.unit.parent.level == Level.DISTRICT
                          for r in rows),
        average=(sum(r.result.criteria_met for r in rows if r.result) / len([r for r in rows if r.result]))
        if any(r.result for r in rows) else None,
    ), status=400 if request.method == "POST" else 200)


def _candidates(page) -> list[tuple[str, str]]:
    """The units of the area that may register for the year, by name: xã (phường, đặc khu only where the province
    assesses them), on the map of the year's first day as the registration reads codes."""
    communes = list(programme.subject_communes(page.area, datetime.date(page.year, 1, 1)))
    if page.area.level == Level.COMMUNE and programme.is_subject(page.area):
        communes.append(page.area)
    return [(unit.code, unit.full_name) for unit in sorted(communes, key=lambda unit: sort_key(unit.name))]


def _register(request, page, form) -> bool:
    data = form.cleaned_data
    commune = unit_by_code(page.area, data["commune"], timezone.localdate().replace(year=page.year, month=1, day=1),
                           (Level.COMMUNE,))
    if commune is None and page.area.level == Level.COMMUNE and page.area.code == data["commune"].strip():
        commune = page.area
    if commune is None:
        form.add_error("commune", f"Mã '{data['commune']}' không phải là xã thuộc {page.area.full_name}.")
        return False
    with domain_errors(form) as outcome:
        registration = roadmaps.register(commune, year=page.year, level=data["level"], decision=data["decision"],
                                         decided_on=data["decided_on"], by=request.user)
    if not outcome.ok:
        return False
    messages.success(request, f"Đã thêm {commune.full_name} vào danh sách đăng ký năm {page.year}; lộ trình có "
                              f"{registration.roadmap.count()} chỉ tiêu còn thiếu.")
    return True


def registration_detail(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("unit__parent"), pk=pk)
    if not scope.can(request.user, Permission.VIEW_RECOGNITION, registration.unit):
        raise Http404
    may_edit = roadmaps.may_edit(request.user, registration)
    province = registration.unit.province()
    agencies = Agency.objects.filter(is_active=True).filter(unit__in=[province, registration.unit,
                                                                       registration.unit.parent])
    action_form = ActionForm(prefix="viec", agencies=agencies)
    item_form = None
    if request.method == "POST":
        if not may_edit:
            raise Http404
        action = request.POST.get("action")
        if action == "add":
            action_form = ActionForm(request.POST, prefix="viec", agencies=agencies)
            if _add(request, registration, action_form):
                return redirect(request.path)
        elif action == "item":
            item_form = _item_form(request.POST, registration)
            if _update(request, registration, item_form):
                return redirect(request.path)
        elif action == "refresh":
            changed = roadmaps.refresh_roadmaps([registration], by=request.user)
            messages.success(request, f"Đã cập nhật lộ trình theo kết quả mới nhất ({changed} mục thay đổi).")
            return redirect(request.path)
        else:
            raise Http404
    items = list(registration.roadmap.select_related("responsible_agency").prefetch_related("tasks", "projects"))
    return render(request, "recognition/registration.html", {
        "registration": registration, "items": items, "may_edit": may_edit, "action_form": action_form,
        "item_form": item_form, "today": timezone.localdate(), "nav": "recognition", "statuses": ItemStatus.choices,
        "task_choices": _task_choices(registration), "project_choices": _project_choices(registration),
        "history": audit_display.describe(AuditEntry.objects.filter(
            unit=registration.unit, action__startswith="recognition.").select_related("actor")[:30]),
        "breadcrumbs": [("Công nhận", None), (f"Đăng ký năm {registration.year}", None), (str(registration.unit), None)],
    }, status=400 if request.method == "POST" else 200)


def _add(request, registration, form) -> bool:
    if not form.is_valid():
        return False
    with domain_errors(form) as outcome:
        roadmaps.add_action(registration, by=request.user, **form.cleaned_data)
    if not outcome.ok:
        return False
    messages.success(request, "Đã thêm việc vào lộ trình.")
    return True


def _item_form(data, registration) -> ItemForm:
    form = ItemForm(data, prefix="muc")
    field_of(form, "tasks", forms.ChoiceField).choices = _task_choices(registration)
    field_of(form, "projects", forms.ChoiceField).choices = _project_choices(registration)
    return form


def _update(request, registration, form) -> bool:
    if not form.is_valid():
        messages.error(request, "Không lưu được: " + "; ".join(str(e) for errors in form.errors.values() for e in errors))
        return False
    data = form.cleaned_data
    item = registration.roadmap.filter(pk=data["item"]).first()
    if item is None:
        raise Http404
    with domain_errors(request) as outcome:
        roadmaps.update_item(item, version=data["version"], by=request.user, status=data["status"],
                             due_date=data["due_date"], responsible_person=data["responsible_person"],
                             tasks=Task.objects.filter(pk__in=data["tasks"]),
                             projects=Project.objects.filter(pk__in=data["projects"]))
    if not outcome.ok:
        return False
    messages.success(request, "Đã lưu mục lộ trình.")
    return True


def _task_choices(registration) -> list[tuple[int, str]]:
    """Open tasks of the commune's province that name the commune first, then the rest (at most 200)."""
    province = registration.unit.province()
    tasks = Task.objects.filter(notice__province=province).exclude(status__in=["done", "cancelled"])
    named = list(tasks.filter(communes=registration.unit)[:50])
    rest = list(tasks.exclude(communes=registration.unit).order_by("-notice__date")[:150])
    return [(t.pk, f"{t.notice.number or f'{t.notice.date:%d/%m/%Y}'} — {t.summary[:90]}")
            for t in named + rest]


def _project_choices(registration) -> list[tuple[int, str]]:
    projects = Project.objects.filter(communes=registration.unit).order_by("code")
    return [(p.pk, f"{p.code} — {p.name[:80]}") for p in projects]
