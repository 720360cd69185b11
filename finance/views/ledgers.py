"""Construction debt, cement for rural roads, sponsors: each a table with its totals, downloadable as Excel."""

from django.shortcuts import redirect, render

from finance import access, figures, once
from finance.forms import CementForm
from finance.models import CementSupport, ConstructionDebt
from finance.views import ledger_entry
from finance.views.common import finance_page
from ntm import params
from ntm.excel import Column, Kind, Sheet, xlsx_response


def debts(request):
    """Debt outstanding on the day per commune and district: a commune with debt cannot be recognised."""
    page = finance_page(request)
    forms = ledger_entry.empty_forms("debt", "clear")
    if request.method == "POST" and ledger_entry.handle(request, page, forms):
        return redirect(f"{request.path}?{page.query()}")
    rows = figures.outstanding_debt(page.projects, page.day)
    if request.GET.get("xlsx"):
        return xlsx_response(f"no-dong-xdcb-{page.day:%d-%m-%Y}", Sheet(
            f"Nợ đọng xây dựng cơ bản đến ngày {page.day:%d/%m/%Y}",
            [Column("Xã"), Column("Huyện"), Column("Số công trình", Kind.INTEGER),
             Column("Nợ còn lại (đồng)", Kind.MONEY)],
            [[r.commune.full_name, r.district, r.projects, r.outstanding] for r in rows],
        ))
    open_debts = ConstructionDebt.objects.filter(project__in=page.projects, cleared_on__isnull=True).select_related(
        "project", "commune").order_by("commune__name", "as_of") if page.may_manage else []
    return render(request, "finance/debts.html", page.context(
        "Nợ đọng xây dựng cơ bản", rows=rows, districts=figures.debt_by_district(rows),
        total=sum((r.outstanding for r in rows), figures.ZERO), forms=forms, open_debts=open_debts,
    ), status=400 if request.method == "POST" else 200)


def cement(request):
    page = finance_page(request)
    forms = ledger_entry.empty_forms("cement")
    if request.method == "POST" and ledger_entry.handle(request, page, forms):
        return redirect(f"{request.path}?{page.query()}")
    area = access.area_for(request.user, page.province)
    editing = params.id_param(request, "sua") if page.may_manage and request.method != "POST" else None
    if editing is not None:
        forms["cement"] = _edit_form(CementSupport.objects.filter(commune__in=area, year=page.year, pk=editing).first())
    rows = list(figures.cement(area, page.year))
    if request.GET.get("xlsx"):
        return xlsx_response(f"xi-mang-{page.year}", Sheet(
            f"Xi măng hỗ trợ làm đường giao thông nông thôn năm {page.year}",
            [Column("Xã"), Column("Huyện"), Column("Phân bổ (tấn)", Kind.DECIMAL),
             Column("Đã nhận (tấn)", Kind.DECIMAL), Column("Đã sử dụng (tấn)", Kind.DECIMAL),
             Column("Đường đã làm (km)", Kind.DECIMAL, decimals=2)],
            [[r.commune.full_name, r.commune.parent.full_name if r.commune.parent else "", r.allocated_tonnes,
              r.received_tonnes, r.used_tonnes, r.road_km] for r in rows],
            name="Xi măng làm đường"))
    return render(request, "finance/cement.html", page.context(
        "Xi măng làm đường giao thông", rows=rows, totals=figures.cement_totals(rows), forms=forms,
        editing=forms["cement"].initial.get("version", 0),
    ), status=400 if request.method == "POST" else 200)


def _edit_form(row: CementSupport | None) -> CementForm:
    """The form filled with a commune's row and its version (an empty one when the row is not the user's)."""
    if row is None:
        return CementForm(prefix="cement")
    return CementForm(prefix="cement", initial={
        "commune": row.commune.code, "allocated": row.allocated_tonnes, "received": row.received_tonnes,
        "used": row.used_tonnes, "road_km": row.road_km, "version": row.version})


def sponsors(request):
    """Who sponsors which commune, what they committed, what they reported giving by the day."""
    page = finance_page(request)
    forms = ledger_entry.empty_forms("sponsorship", "contribution")
    if request.method == "POST" and ledger_entry.handle(request, page, forms):
        return redirect(f"{request.path}?{page.query()}")
    rows = figures.sponsorships(access.area_for(request.user, page.province), page.day)
    if request.GET.get("xlsx"):
        return xlsx_response(f"do-dau-{page.day:%d-%m-%Y}", Sheet(
            f"Đỡ đầu xây dựng nông thôn mới đến ngày {page.day:%d/%m/%Y}",
            [Column("Đơn vị đỡ đầu", width=40), Column("Xã, thôn được đỡ đầu"), Column("Từ ngày", Kind.DATE),
             Column("Đến ngày", Kind.DATE), Column("Cam kết (đồng)", Kind.MONEY),
             Column("Đã đóng góp (đồng)", Kind.MONEY), Column("Tỷ lệ (%)", Kind.PERCENT),
             Column("Còn thiếu (đồng)", Kind.MONEY)],
            [[r.sponsorship.sponsor.name, r.sponsorship.unit.full_name, r.sponsorship.start, r.sponsorship.end,
              r.sponsorship.committed, r.contributed, r.rate, r.shortfall] for r in rows],
        ))
    return render(request, "finance/sponsors.html", page.context(
        "Đỡ đầu xã, thôn", rows=rows, committed=sum((r.sponsorship.committed for r in rows), figures.ZERO),
        contributed=sum((r.contributed for r in rows), figures.ZERO), forms=forms, new_token=once.new_token,
    ), status=400 if request.method == "POST" else 200)
