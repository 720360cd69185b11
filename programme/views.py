"""The period in force and how the province runs the procedure: who verifies now that districts are gone, and
whether its wards are assessed. Everyone who sees the province reads it; the office changes it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import scope
from accounts.rules import Permission
from assessment.services import set_province_procedure
from geo.models import Level
from ntm.domain_errors import domain_errors
from programme import periods, queries
from programme.forms import ProcedureForm
from programme.rules import Step


def procedure_start(request):
    """The user's own province."""
    province = scope.visible_units(request.user).provinces().valid_on(timezone.localdate()).order_by("code").first()
    if province is None:
        raise Http404
    return redirect("programme:procedure", pk=province.pk)


def procedure(request, pk: int):
    province = scope.get_unit_for_user(request.user, pk)
    if province.level != Level.PROVINCE:
        raise Http404
    settings = queries.settings_of(province)
    may_edit = scope.can(request.user, Permission.MANAGE_PROCEDURE, province)
    initial = {"verifying_agency": settings.verifying_agency, "wards_assessed": settings.wards_assessed,
               "report_day_of_month": settings.report_day_of_month,
               "legal_basis": settings.legal_basis, "version": settings.version if settings.pk else 0}
    form = ProcedureForm(request.POST if request.method == "POST" and may_edit else None, initial=initial,
                         province=province)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            with domain_errors(request) as outcome:
                set_province_procedure(province, verifying_agency=form.cleaned_data["verifying_agency"],
                                       wards_assessed=form.cleaned_data["wards_assessed"],
                                       report_day_of_month=form.cleaned_data["report_day_of_month"],
                                       legal_basis=form.cleaned_data["legal_basis"],
                                       version=form.cleaned_data["version"], by=request.user)
            if outcome.ok:
                messages.success(request, f"Đã lưu cách tổ chức thực hiện của {province.full_name}.")
                return redirect("programme:procedure", pk=province.pk)
    today = timezone.localdate()
    return render(request, "programme/procedure.html", {
        "province": province, "settings": settings, "form": form, "may_edit": may_edit,
        "period": periods.period_in_force(today), "structure": periods.structure_on(today),
        "reform": periods.TWO_LEVEL_FROM, "verifier": queries.verifying_agency(province),
        "steps": [(Step.SUBMIT, "Xã gửi số liệu"), (Step.VERIFY, "Thẩm tra"), (Step.APPRAISE, "Thẩm định")],
        "periods": list(reversed(periods.PERIODS)), "nav": "programme",
        "breadcrumbs": [("Giai đoạn và quy trình", reverse("programme:start")), (province.full_name, None)],
    })
