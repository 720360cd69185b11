"""Tiến độ giải ngân: by source, investor and district against the line, projects not started, capital that
could move. Each table downloads as Excel with ?xlsx=<table>."""

import hashlib
import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from finance import access, figures, rules, services, stamps
from finance.forms import PublishForm
from finance.models import Disclosure
from finance.views.common import finance_page
from ntm import params
from ntm.domain_errors import domain_errors
from ntm.excel import Column, Kind, Sheet, xlsx_response
from ntm.form_fields import error_messages

SHOWN = 50
CHART_BARS = 60  # investors drawn as bars: every one in a province, the slowest 60 beyond


def dashboard(request):
    page = finance_page(request)
    if "xlsx" in request.GET:
        table = params.choice_param(request, "xlsx", TABLES)
        if not table:
            raise Http404
        return _export(table, page, figures.plan_figures(page.projects, page.year, page.day))
    # the same figures for everyone with the same view of the province, until its finance data change
    scope = hashlib.sha256(str(page.projects.query).encode()).hexdigest()
    shown = stamps.cached(page.province.pk, ("dashboard", scope, page.year, page.day, page.line),
                          lambda: _figures(page))
    return render(request, "finance/dashboard.html", page.context(
        "Tiến độ giải ngân", publish_form=PublishForm(), **shown))


def _figures(page) -> dict:
    plans = figures.plan_figures(page.projects, page.year, page.day)
    by_investor = rules.rank(figures.by_investor(plans), page.line)
    late, late_count = figures.not_started(page.projects, plans, page.day, limit=SHOWN)
    candidates, candidate_count, movable = figures.move_candidates(page.projects, plans, page.line, limit=SHOWN)
    whole = figures.total(plans)
    months = figures.monthly_rates(plans, page.projects, page.year, page.day)
    return {
        "total": whole, "below": whole.rate is not None and whole.rate < page.line, "by_investor": by_investor,
        "by_source": rules.rank(figures.by_source(plans), page.line),
        "by_district": rules.rank(figures.by_district(plans), page.line),
        "late": late, "late_count": late_count, "candidates": candidates, "candidate_count": candidate_count,
        "movable": movable, **charts(_chart(by_investor, months, page.line)),
    }


def charts(data: dict) -> dict:
    """The charts' data, and which of them have a figure to draw (the others say "Chưa có số liệu")."""
    return {"chart": json.dumps(data), "has_investor_chart": bool(data["names"]),
            "has_monthly_chart": any(value is not None for value in data["monthly"])}


def _chart(ranked: list[rules.Ranked], months, line) -> dict:
    shown = [r for r in ranked if r.position is not None][-CHART_BARS:]  # the slowest when there are more
    return {
        "names": [r.row.key for r in shown], "rates": [float(r.row.rate or 0) for r in shown], "line": float(line),
        "months": [f"T{m}" for m, _ in months], "monthly": [None if v is None else float(v) for _, v in months],
    }


GROUPINGS = {
    "nguon": ("Nguồn vốn", figures.by_source),
    "chu-dau-tu": ("Chủ đầu tư", figures.by_investor),
    "huyen": ("Huyện", figures.by_district),
}
TABLES = frozenset({*GROUPINGS, "chua-khoi-cong", "dieu-chuyen"})
RATE_COLUMNS = [Column("Xếp hạng", Kind.INTEGER), Column("Kế hoạch vốn (đồng)", Kind.MONEY),
                Column("Đã giải ngân (đồng)", Kind.MONEY), Column("Tỷ lệ (%)", Kind.PERCENT), Column("Dưới mức yêu cầu")]
PROJECT_COLUMNS = [Column("Mã dự án"), Column("Tên dự án", width=60), Column("Chủ đầu tư", width=40)]


def _export(table: str, page, plans: list[figures.PlanFigure]):
    """One table of the page, whole, as Excel: only that table is computed."""
    stamp = f"{page.year}-den-{page.day:%d-%m-%Y}"
    when = f"năm {page.year}, số liệu đến ngày {page.day:%d/%m/%Y}"
    if table in GROUPINGS:
        title, grouping = GROUPINGS[table]
        rows: list[list[object]] = [[r.row.key, r.position, r.row.plan, r.row.disbursed, r.row.rate, "x" if r.below_line else ""]
                for r in rules.rank(grouping(plans), page.line)]
        return xlsx_response(f"giai-ngan-theo-{table}-{stamp}", Sheet(
            f"Giải ngân theo {title.lower()} {when}", [Column(title, width=60), *RATE_COLUMNS], rows))
    if table == "chua-khoi-cong":
        late, _ = figures.not_started(page.projects, plans, page.day)
        rows = [[r.project.code, r.project.name, r.project.investor.name, r.project.planned_start, r.days_late,
                 r.plan] for r in late]
        return xlsx_response(f"du-an-chua-khoi-cong-{stamp}", Sheet(f"Dự án chưa khởi công {when}", [
            *PROJECT_COLUMNS, Column("Khởi công theo kế hoạch", Kind.DATE), Column("Số ngày chậm", Kind.INTEGER),
            Column("Kế hoạch vốn (đồng)", Kind.MONEY)], rows))
    if table == "dieu-chuyen":
        candidates, _, _ = figures.move_candidates(page.projects, plans, page.line)
        rows = [[c.project.code, c.project.name, c.project.investor.name, c.plan, c.disbursed, c.rate, c.movable]
                for c in candidates]
        return xlsx_response(f"du-an-duoi-muc-{stamp}", Sheet(f"Dự án giải ngân dưới {page.line} % {when}", [
            *PROJECT_COLUMNS, Column("Kế hoạch vốn (đồng)", Kind.MONEY), Column("Đã giải ngân (đồng)", Kind.MONEY),
            Column("Tỷ lệ (%)", Kind.PERCENT), Column("Có thể điều chuyển (đồng)", Kind.MONEY)], rows))
    raise Http404


def publish(request):
    """The office publishes the figures by investor as they stand, for the public page."""
    page = finance_page(request)
    if request.method != "POST" or not page.may_manage:
        raise Http404
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error_messages(form)))
        return redirect(reverse("finance:dashboard", query=page.params))
    with domain_errors(request) as outcome:
        disclosure = services.publish_disclosure(page.province, year=page.year, as_of=page.day, line=page.line,
                                                 note=form.cleaned_data["note"], by=request.user)
    if not outcome.ok:
        return redirect(reverse("finance:dashboard", query=page.params))
    messages.success(request, f"Đã công khai tiến độ giải ngân đến ngày {disclosure.as_of:%d/%m/%Y}.")
    return redirect("finance:public_detail", pk=disclosure.pk)


def withdraw(request, pk: int):
    """Takes a publication off the public page (a wrong figure); the next one replaces it."""
    disclosure = get_object_or_404(Disclosure.objects.filter(withdrawn_at__isnull=True), pk=pk)
    if request.method != "POST" or not access.may_manage(request.user, disclosure.province):
        raise Http404
    with domain_errors(request) as outcome:
        services.withdraw_disclosure(disclosure, by=request.user)
    if not outcome.ok:
        return redirect(reverse("finance:public_list", query={"tinh": disclosure.province_id}))
    messages.success(request, f"Đã gỡ số liệu công khai đến ngày {disclosure.as_of:%d/%m/%Y} khỏi trang công khai.")
    return redirect(reverse("finance:public_list", query={"tinh": disclosure.province_id}))
