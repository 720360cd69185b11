"""Criteria sets: read them, see their gaps, export and import them, and let a province make its own version."""

from decimal import Decimal
from typing import Any, cast

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from accounts import scope
from criteria import rules, services, yaml_format
from criteria.access import editable_provinces as _editable_provinces
from criteria.access import may_edit, may_publish
from criteria.access import record_for as _record
from criteria.access import visible_records as _visible_records
from criteria.definitions import (
    COMMUNE_GROUPS,
    REGIONS,
    CommuneContext,
    Condition,
    Confidence,
    Indicator,
    Operator,
    ValueType,
)
from criteria.display import any_provisional, set_label, threshold_label
from criteria.forms import ImportForm, IndicatorForm, ProvinceVersionForm, ThresholdForm, too_long
from criteria.models import SetStatus
from criteria.queries import definition
from geo.models import Region
from ntm import downloads
from ntm.domain_errors import domain_errors
from ntm.text import fold

SHOWN_PROBLEMS = 30  # of a refused set file, in the message; the rest counted


def set_list(request):
    records = _visible_records(request.user).select_related("province").order_by("code", "valid_from", "province_id")
    return render(request, "criteria/set_list.html", {
        "records": records, "may_import": bool(_editable_provinces(request.user)), "import_form": ImportForm(),
        "nav": "criteria", "breadcrumbs": [("Bộ tiêu chí", None)],
    })


def set_detail(request, pk: int):
    """Criteria → indicators → the threshold of every region or commune group, gaps marked."""
    record = _record(request.user, pk)
    criteria_set = definition(record)
    columns = _columns(criteria_set)
    rows: list[dict[str, Any]] = [
        {"criterion": c, "indicators": [
            {"indicator": i, "cells": [threshold_label(i, rules.applicable_threshold(i, context)) for _, context in columns]}
            for i in c.indicators]}
        for c in criteria_set.criteria
    ]
    cells = [cell for c in rows for i in c["indicators"] for cell in i["cells"]]
    may_import = bool(_editable_provinces(request.user))
    editable, publishable = may_edit(request.user, record), may_publish(request.user, record)
    return render(request, "criteria/set_detail.html", {
        "record": record, "set": criteria_set, "label": set_label(record), "columns": [label for label, _ in columns],
        "rows": rows, "gaps": sum(1 for cell in cells if cell.missing), "provisional": any_provisional(cells),
        # "theo quyết định của tỉnh" marks a province's own indicators among inherited ones, not every row of a set
        # that is the province's throughout
        "mark_province": any(i.confidence != Confidence.PROVINCE for i in criteria_set.indicators()),
        "editable": editable, "publishable": publishable, "may_import": may_import,
        "may_export": may_import or scope.is_admin(request.user),
        "national_draft": record.province_id is None and record.status == SetStatus.DRAFT,
        "provinces": _editable_provinces(request.user) if record.province_id is None and record.status == SetStatus.PUBLISHED else [],
        "version_form": ProvinceVersionForm(), "nav": "criteria",
        "threshold_form": ThresholdForm(initial={"version_number": record.version_number}),
        "indicator_form": IndicatorForm(initial={"version_number": record.version_number}),
        "breadcrumbs": [("Bộ tiêu chí", reverse("criteria:list")), (record.name, None)],
    })


def _columns(criteria_set):
    year = (criteria_set.valid_from.year if criteria_set.valid_from else 2022)
    if Condition.COMMUNE_GROUP in criteria_set.keys:
        return [(f"Nhóm {g}", CommuneContext(commune_group=g, year=year)) for g in COMMUNE_GROUPS]
    return [(Region(r).label if r in Region.values else r, CommuneContext(region=r, year=year)) for r in REGIONS]


def set_export(request, pk: int):
    record = _record(request.user, pk)
    day = f"-{record.valid_from:%d-%m-%Y}" if record.valid_from else ""
    return downloads.attachment(record.definition.encode(), f"{slugify(fold(record.name))[:70]}{day}.yaml")


@require_POST
def set_import(request):
    provinces = _editable_provinces(request.user)
    if not provinces:
        raise Http404
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])) if "file" in request.FILES else "Chưa chọn tệp.")
        return redirect("criteria:list")
    try:
        record = services.import_set(form.text, form.cleaned_data["file"].name, provinces[0], by=request.user)
    except yaml_format.SetFileError as error:
        shown = "\n".join(f"- {problem}" for problem in error.problems[:SHOWN_PROBLEMS])
        more = f"\n… và {len(error.problems) - SHOWN_PROBLEMS} lỗi khác." if len(error.problems) > SHOWN_PROBLEMS else ""
        messages.error(request, f"Tệp chưa được nhập vì có {len(error.problems)} lỗi:\n{shown}{more}")
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã nhập bản dự thảo: {record.name}.")
        return redirect("criteria:detail", pk=record.pk)
    return redirect("criteria:list")


@require_POST
def province_version(request, pk: int):
    base = _record(request.user, pk)
    provinces = _editable_provinces(request.user)
    form = ProvinceVersionForm(request.POST)
    if not provinces or base.province_id is not None or base.status != SetStatus.PUBLISHED:
        raise Http404
    if not form.is_valid():
        messages.error(request, too_long(form) or "Cần ghi căn cứ (quyết định của tỉnh).")
        return redirect("criteria:detail", pk=base.pk)
    record = services.create_province_version(base, provinces[0], form.cleaned_data["legal_basis"], by=request.user)
    messages.success(request, f"Đã tạo bản dự thảo của {provinces[0].full_name}: kế thừa toàn bộ chỉ tiêu và ngưỡng.")
    return redirect("criteria:detail", pk=record.pk)


def _typed_threshold(record, indicator_code: str, raw: str):
    indicator = definition(record).indicator(indicator_code)
    if indicator is None:
        raise ValueError(f"Chỉ tiêu {indicator_code} không có trong bộ tiêu chí.")
    return _parse(indicator.value_type, raw)


def _parse(value_type: ValueType, raw: str):
    probe = Indicator("x", "x", value_type, Operator.EQ, ())
    value = rules.parse_value(probe, raw)
    return value if isinstance(value, bool | str) or value is None else float(cast(Decimal, value))


def _apply(request, record, form, change, success: str, invalid: str):
    """Runs one set-editor change from a valid form, turning every refusal into a message on the set's page."""
    if not form.is_valid():
        messages.error(request, too_long(form) or invalid)
        return redirect("criteria:detail", pk=record.pk)
    with domain_errors(request, also=(ValueError, services.NotDraft)) as outcome:
        change(form.cleaned_data)
    if outcome.ok:
        messages.success(request, success.format(**form.cleaned_data))
    return redirect("criteria:detail", pk=record.pk)


@require_POST
def threshold_edit(request, pk: int):
    record = _record(request.user, pk)

    def change(data):
        value = _typed_threshold(record, data["indicator"], data["value"])
        services.set_threshold(record, data["indicator"], {"region": data["regions"], "commune_group": data["groups"]},
                               value, data["legal_basis"], expected_version=data["version_number"], by=request.user)

    return _apply(request, record, ThresholdForm(request.POST), change, "Đã ghi ngưỡng chỉ tiêu {indicator}.",
                  "Chưa ghi được ngưỡng: thiếu chỉ tiêu, ngưỡng hoặc căn cứ.")


@require_POST
def indicator_add(request, pk: int):
    record = _record(request.user, pk)

    def change(data):
        value = _parse(ValueType(data["value_type"]), data["value"])
        services.add_indicator(record, data["criterion"], data["code"], data["name"], ValueType(data["value_type"]),
                               Operator(data["operator"]), data["unit"], value, data["legal_basis"],
                               expected_version=data["version_number"], by=request.user)

    return _apply(request, record, IndicatorForm(request.POST), change, "Đã thêm chỉ tiêu {code}.",
                  "Chưa thêm được chỉ tiêu: hãy điền đủ các ô.")
