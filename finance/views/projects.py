"""The project list (filtered, with the year's plan and rate) and the project page: plans and their changes,
payments over time, communes and criteria, debts, and the forms of the investor and the office."""

import datetime
import json
from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode

from accounts import audit_display
from accounts.models import Agency, AuditEntry
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from finance import access, figures, once, rules, services
from finance.forms import DisbursementForm, FinanceForm, PlanChangeForm, ProgressForm
from finance.models import Disbursement, Project
from finance.views.common import finance_page
from ntm import params
from ntm.domain_errors import domain_errors
from ntm.excel import Column, Kind, Sheet, xlsx_response
from ntm.text import fold

PER_PAGE = 50
MAX_SEARCH = 200  # characters of ?q= searched for


def project_list(request):
    """The projects with the year's plan and rate; figures are computed for the rows shown (all of them in Excel)."""
    page = finance_page(request)
    projects = _filtered(request, page.projects).select_related("investor").order_by("code")
    if "xlsx" in request.GET:
        rates = figures.per_project(figures.plan_figures(projects, page.year, page.day))
        return xlsx_response(f"du-an-{page.year}", Sheet(
            f"Dự án — kế hoạch vốn và giải ngân năm {page.year} đến ngày {page.day:%d/%m/%Y}",
            [Column("Mã dự án"), Column("Tên dự án", width=60), Column("Chủ đầu tư", width=40), Column("Trạng thái"),
             Column("Tổng mức đầu tư (đồng)", Kind.MONEY), Column("Kế hoạch vốn năm (đồng)", Kind.MONEY),
             Column("Đã giải ngân (đồng)", Kind.MONEY), Column("Tỷ lệ (%)", Kind.PERCENT)],
            [[p.code, p.name, p.investor.name, p.get_status_display(), p.approved_total,
              *_rate_cells(rates.get(p.pk))] for p in projects],
        ))
    listing = Paginator(projects, PER_PAGE).get_page(request.GET.get("trang"))
    shown = list(listing)
    rates = figures.per_project(figures.plan_figures([p.pk for p in shown], page.year, page.day))
    investors = Agency.objects.filter(pk__in=page.projects.values("investor")).order_by("name").values_list(
        "pk", "name")
    investor, status = params.id_param(request, "chu_dau_tu"), request.GET.get("trang_thai", "")
    return render(request, "finance/project_list.html", page.context(
        "Dự án, công trình", rows=[(p, rates.get(p.pk)) for p in shown], listing=listing,
        investors=sorted(investors, key=lambda i: fold(i[1])), statuses=Project.Status.choices,
        q=_search(request), chosen_investor=investor, chosen_status=status,
        filters=urlencode({"q": _search(request), "chu_dau_tu": investor or "", "trang_thai": status}),
    ))


def _search(request) -> str:
    return request.GET.get("q", "").strip()[:MAX_SEARCH]


def _filtered(request, projects):
    text = _search(request)
    if text:
        projects = projects.filter(Q(code__icontains=text) | Q(name__icontains=text))
    investor = params.id_param(request, "chu_dau_tu")
    if investor is not None:
        projects = projects.filter(investor_id=investor)
    if request.GET.get("trang_thai") in Project.Status.values:
        projects = projects.filter(status=request.GET["trang_thai"])
    return projects


def _rate_cells(row: rules.RateRow | None) -> list:
    return [row.plan, row.disbursed, row.rate] if row else [None, None, None]


def project_detail(request, pk: int):
    project = get_object_or_404(access.projects_for(request.user).select_related("investor", "province"), pk=pk)
    page = finance_page(request, project.province)
    may_update = access.may_update(request.user, project)
    forms = {
        "disburse": DisbursementForm(prefix="gn", over_plan=page.may_manage),
        "progress": ProgressForm(prefix="td", initial={
            "status": project.status, "actual_start": project.actual_start,
            "actual_completion": project.actual_completion, "version": project.version}),
        "plan": PlanChangeForm(prefix="kh", initial={"year": page.year}),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        allowed = page.may_manage if action == "plan" else may_update
        if action not in forms or not allowed:
            raise Http404
        done = _apply(request, project, action, forms, page.may_manage)
        if done:
            return redirect(f"{request.path}?{page.query()}")
    return render(request, "finance/project_detail.html", page.context(
        project.code, project=project, may_update=may_update, forms=forms, **_history(project, page),
    ), status=400 if request.method == "POST" else 200)


def _apply(request, project: Project, action: str, forms: dict, may_manage: bool) -> bool:
    """Runs the posted form's service; on a refusal the form carries the message back to the page. A form posted
    a second time (its token used) is answered as the first post was: the page, with what that post wrote."""
    if action == "disburse":
        form: FinanceForm = DisbursementForm(request.POST, prefix="gn", over_plan=may_manage)
    else:
        form = {"progress": ProgressForm, "plan": PlanChangeForm}[action](request.POST, prefix=forms[action].prefix)
    forms[action] = form
    if not form.is_valid():
        return False
    with domain_errors(form) as outcome:
        try:
            messages.success(request, _run(action, project, form, request.user))
        except once.AlreadyDone as done:
            messages.info(request, done.message)
    return outcome.ok


def _run(action: str, project: Project, form, user) -> str:
    if action == "disburse":
        services.record_disbursement(project, by=user, **form.service_data())
        return "Đã ghi khoản giải ngân."
    if action == "progress":
        services.update_progress(project, by=user, **form.cleaned_data)
        return "Đã cập nhật tiến độ dự án."
    services.change_plan(project, by=user, **form.service_data())
    return "Đã ghi quyết định giao, điều chỉnh kế hoạch vốn."


def _history(project: Project, page) -> dict:
    plans = list(project.plans.prefetch_related("changes").order_by("-year", "source"))
    paid = dict(figures.sum_by(Disbursement.objects.filter(plan__project=project, day__lte=page.day), "plan"))
    plan_rows = [(plan, rules.plan_as_of([rules.PlanChange(c.effective, c.amount) for c in plan.changes.all()],
                                         page.day if plan.year == page.year else _year_end(plan.year)),
                  paid.get(plan.pk, 0)) for plan in plans]
    payments = list(Disbursement.objects.filter(plan__project=project).select_related("plan").order_by("-day", "-pk"))
    return {
        "plan_rows": plan_rows, "payments": payments[:200], "payment_count": len(payments),
        "chart": json.dumps(_payment_series(payments)),
        "communes": project.communes.select_related("parent").order_by("name"),
        "criteria": _criteria_names(project, page),
        "debts": project.debts.select_related("commune").order_by("-as_of"),
        "audit": [(row, _over_plan_reason(row.entry)) for row in audit_display.describe(
            AuditEntry.objects.filter(target_type="finance.project", target_id=str(project.pk))
            .select_related("actor")[:50])],
        "has_payments_chart": bool(payments),
    }


def _over_plan_reason(entry: AuditEntry) -> str:
    after = entry.after if isinstance(entry.after, dict) else {}
    over = after.get("over_plan")
    return str(over.get("reason", "")) if isinstance(over, dict) else ""


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _payment_series(payments: list[Disbursement]) -> dict:
    """Cumulative payments by month over the project's life, for the chart."""
    monthly: dict[str, int] = defaultdict(int)
    for payment in payments:
        monthly[f"{payment.day:%Y-%m}"] += int(payment.amount)
    running, months, totals = 0, [], []
    for month in sorted(monthly):
        running += monthly[month]
        months.append(f"{month[5:]}/{month[:4]}")
        totals.append(round(running / 1_000_000, 1))
    return {"months": months, "millions": totals}


def _criteria_names(project: Project, page) -> list[tuple[str, str]]:
    """The criteria the project serves, named as the set in force that year names them."""
    numbers = [str(n) for n in project.criteria]
    try:
        _, criteria_set = set_for_year(set_code_for_year(page.year), page.year, project.province)
    except NoCriteriaSet:
        return [(n, "") for n in numbers]
    names = {c.number: c.name for c in criteria_set.criteria}
    return [(n, names.get(n, "")) for n in numbers]
