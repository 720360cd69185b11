"""Map browser: province → districts → communes → villages on a chosen date, unit history, search, villages, and a
province's commune groups."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.rules import Permission
from geo import commune_groups as commune_groups_rules
from geo import queries, services
from geo.commune_group_file import TemplateRow, read_group_file
from geo.commune_group_file import template_workbook as group_template
from geo.forms import AttributeForm, GroupUploadForm, VillageUploadForm
from geo.models import AdministrativeUnit, Attribute, Kind, Level
from geo.village_file import read_village_file, template_workbook
from ntm.domain_errors import Outcome, domain_errors
from ntm.downloads import attachment
from ntm.form_fields import error_messages
from ntm.params import date_param
from ntm.text import sort_key
from programme.queries import assessed_kinds  # which units the province assesses: its own decision

SEARCH_LIMIT = 50


FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)  # the map's history and beyond
MAX_QUERY = 100  # a unit's name has at most a few dozen characters


def _view_date(request) -> datetime.date:
    """?on=2024-06-30 within 1900–2100; anything else (0000-01-01, 9999-12-31, ²) is the user's default day."""
    return date_param(request, "on", low=FIRST_DAY, high=LAST_DAY, default=scope.default_view_date(request.user))


def _sorted(units):
    return sorted(units, key=lambda u: (sort_key(u.name), u.code))


def map_root(request):
    """Every province on the date for an administrator; the user's own units for everyone else."""
    day = _view_date(request)
    if scope.is_admin(request.user):
        units = _sorted(AdministrativeUnit.objects.valid_on(day).provinces())
    else:
        units = scope.top_units(request.user)
        if len(units) == 1:
            return redirect(reverse("geo:unit", args=[units[0].pk], query={"on": f"{day:%Y-%m-%d}"}))
    return render(request, "geo/root.html", {
        "units": units, "counts": queries.child_counts(units, day), "day": day, "nav": "geo",
        "breadcrumbs": [("Địa bàn", None)],
    })


def unit_detail(request, pk: int):
    unit = scope.get_unit_for_user(request.user, pk)
    day = _view_date(request)
    children = _sorted(unit.children.valid_on(day))
    counts = queries.child_counts(children, day)
    changes = queries.changes_of(unit)
    related = {u.pk for change in changes for u in (*change.predecessors.all(), *change.successors.all())}
    context = {
        "unit": unit, "day": day, "children": children, "counts": counts,
        "own_counts": queries.totals(children, counts), "is_valid": unit.is_valid_on(day),
        "attributes": queries.attributes_on(unit, day), "changes": changes,
        # units of the lineage the user may open (a commune officer sees the others' names, not their pages)
        "visible_ids": set(scope.visible_units(request.user).filter(pk__in=related).values_list("pk", flat=True)),
        "may_edit_attributes": scope.can(request.user, Permission.EDIT_UNIT_ATTRIBUTES, unit),
        "attribute_form": AttributeForm(initial={"valid_from": day}),
        "may_edit_villages": unit.level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
        and scope.can(request.user, Permission.EDIT_VILLAGES, unit),
        "nav": "geo", "breadcrumbs": _breadcrumbs(request.user, unit, day),
    }
    return render(request, "geo/unit.html", context)


def _breadcrumbs(user, unit, day):
    visible = set(scope.visible_units(user).filter(pk__in=[a.pk for a in unit.ancestors()]).values_list("pk", flat=True))
    crumbs: list[tuple[str, str | None]] = [("Địa bàn", reverse("geo:root"))]
    for ancestor in unit.ancestors():
        url = reverse("geo:unit", args=[ancestor.pk], query={"on": f"{day:%Y-%m-%d}"}) if ancestor.pk in visible else None
        crumbs.append((ancestor.full_name, url))
    return [*crumbs, (unit.full_name, None)]


def search(request):
    """Diacritic-insensitive search in the user's scope: "ky anh" finds "Kỳ Anh", at any date."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY]
    units = []
    if len(text) >= 2:
        found = scope.visible_units(request.user).search(text).select_related("parent__parent")
        units = sorted(found[:SEARCH_LIMIT], key=lambda u: (Level.values.index(u.level), sort_key(u.name)))
    return render(request, "geo/search.html", {
        "query": text, "units": units, "limit": SEARCH_LIMIT, "nav": "geo",
        "breadcrumbs": [("Địa bàn", reverse("geo:root")), ("Tìm kiếm", None)],
    })


def village_template(request):
    """The empty village list, pre-filled with the communes of the user's area when there are few."""
    if not scope.may(request.user, Permission.EDIT_VILLAGES):
        raise Http404
    communes = scope.units_for(request.user, Permission.EDIT_VILLAGES).valid_on(scope.default_view_date(request.user)).communes()
    rows = [(c.code, c.full_name) for c in _sorted(communes[:300])] if communes.count() <= 300 else []
    return attachment(template_workbook(rows), "mau-danh-sach-thon.xlsx")


def village_upload(request, pk: int):
    """Upload a village list for the communes of a unit: all rows are written, or none."""
    unit = scope.get_unit_for_user(request.user, pk, permission=Permission.EDIT_VILLAGES)
    if unit.level == Level.VILLAGE:
        raise Http404
    form = VillageUploadForm(request.POST or None, request.FILES or None)
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        with domain_errors(None) as outcome:
            rows = read_village_file(form.cleaned_data["file"])
            result = services.import_villages(rows, within=unit, day=form.cleaned_data["on"], by=request.user)
        if outcome.ok:
            messages.success(request, f"Đã ghi danh sách thôn: thêm mới {len(result.created)}, cập nhật {len(result.updated)}, không đổi {result.unchanged}.")
            return redirect(reverse("geo:unit", args=[unit.pk], query={"on": f"{form.cleaned_data['on']:%Y-%m-%d}"}))
    return render(request, "geo/village_upload.html", {
        "unit": unit, "form": form, "errors": outcome.problems, "nav": "geo",
        "breadcrumbs": [*_breadcrumbs(request.user, unit, scope.default_view_date(request.user))[:-1],
                        (unit.full_name, reverse("geo:unit", args=[unit.pk])), ("Tải lên danh sách thôn", None)],
    }, status=400 if request.method == "POST" else 200)


@require_POST
def attribute_set(request, pk: int):
    """Record a region, commune group or flag of a unit from a date, by decision."""
    unit = scope.get_unit_for_user(request.user, pk, permission=Permission.EDIT_UNIT_ATTRIBUTES)
    form = AttributeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.set_attribute(unit, Attribute(data["name"]), data["value"], valid_from=data["valid_from"],
                               legal_basis=data["legal_basis"], by=request.user)
        messages.success(request, f"Đã ghi {Attribute(data['name']).label.lower()} của {unit.full_name} từ {data['valid_from']:%d/%m/%Y}.")
        day = data["valid_from"]
    else:
        messages.error(request, "Chưa ghi được thuộc tính: " + "; ".join(error_messages(form)))
        day = scope.default_view_date(request.user)
    return redirect(reverse("geo:unit", args=[unit.pk], query={"on": f"{day:%Y-%m-%d}"}))


def _province_for(request, pk: int, permission: Permission = Permission.VIEW_MAP) -> AdministrativeUnit:
    """A province the user holds `permission` on; any other unit answers 404, like a missing one."""
    unit = scope.get_unit_for_user(request.user, pk, permission=permission)
    if unit.level != Level.PROVINCE:
        raise Http404
    return unit


def _group_crumbs(request, province, *tail):
    day = scope.default_view_date(request.user)
    return [*_breadcrumbs(request.user, province, day)[:-1], (province.full_name, reverse("geo:unit", args=[province.pk])),
            *tail]


def commune_groups(request, pk: int):
    """Nhóm xã 2026–2030 of a province's communes on a day, with the decisions, counts and communes still without."""
    province = _province_for(request, pk)
    day = _view_date(request)
    subject_kinds = assessed_kinds(province)
    return render(request, "geo/commune_groups.html", {
        "unit": province, "day": day, "groups": queries.province_commune_groups(province, day, subject_kinds),
        "wards_assessed": Kind.WARD in subject_kinds,
        "definitions": commune_groups_rules.DEFINITIONS, "warning": commune_groups_rules.DRAFT_WARNING,
        "legal_basis": commune_groups_rules.LEGAL_BASIS,
        "may_edit": scope.can(request.user, Permission.EDIT_UNIT_ATTRIBUTES, province), "nav": "geo",
        "breadcrumbs": _group_crumbs(request, province, ("Nhóm xã 2026–2030", None)),
    })


def commune_group_template(request, pk: int):
    """The province's communes on a day with their current group, to fill in and upload."""
    province = _province_for(request, pk, Permission.EDIT_UNIT_ATTRIBUTES)
    day = _view_date(request)
    groups = queries.province_commune_groups(province, day, assessed_kinds(province))
    rows = [TemplateRow(line.unit.code, line.unit.full_name, line.unit.get_kind_display(), line.group)
            for line in [*groups.subjects, *groups.others]]
    title = f"Nhóm xã giai đoạn 2026–2030 — {province.full_name} (danh sách xã ngày {day:%d/%m/%Y})"
    return attachment(group_template(title, rows), "nhom-xa-2026-2030.xlsx")


def commune_group_upload(request, pk: int):
    """Upload the groups of a provincial decision: every changed commune is written, or none."""
    province = _province_for(request, pk, Permission.EDIT_UNIT_ATTRIBUTES)
    form = GroupUploadForm(request.POST or None, request.FILES or None)
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        with domain_errors(None) as outcome:
            content = read_group_file(form.cleaned_data["file"])
            result = services.set_commune_groups(content.rows, province=province, valid_from=content.valid_from,
                                                 legal_basis=content.legal_basis, by=request.user)
        if outcome.ok:
            messages.success(request, (
                f"Đã ghi nhóm xã theo {content.legal_basis}, hiệu lực từ {content.valid_from:%d/%m/%Y}: "
                f"{len(result.changed)} xã được ghi nhóm mới, {result.unchanged} xã giữ nguyên nhóm, "
                f"{content.blank} dòng để trống không đổi."))
            return redirect(reverse("geo:commune_groups", args=[province.pk], query={"on": f"{content.valid_from:%Y-%m-%d}"}))
    return render(request, "geo/commune_group_upload.html", {
        "unit": province, "form": form, "errors": outcome.problems, "warning": commune_groups_rules.DRAFT_WARNING, "nav": "geo",
        "day": scope.default_view_date(request.user),
        "breadcrumbs": _group_crumbs(request, province, ("Nhóm xã 2026–2030", reverse("geo:commune_groups", args=[province.pk])),
                                     ("Tải lên", None)),
    }, status=400 if request.method == "POST" else 200)
