"""Excel templates and uploads: projects, capital plans, treasury statements. Each upload is written whole or not
at all, and every problem is listed by row and column."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from finance.forms import UploadForm
from finance.imports import plans, projects, statement
from finance.views.common import finance_page
from ntm.domain_errors import Outcome, domain_errors
from ntm.downloads import attachment
from ntm.formatting import format_vnd
from ntm.problems import listing

KINDS = {
    "bang-ke": "Bảng kê giải ngân của Kho bạc",
    "du-an": "Danh mục dự án, công trình",
    "ke-hoach": "Kế hoạch vốn và điều chỉnh",
}


def template(request, kind: str):
    page = finance_page(request)
    if kind not in KINDS or not page.may_manage:
        raise Http404
    if kind == "bang-ke":
        content, name = statement.statement_template(), "mau-bang-ke-giai-ngan"
    elif kind == "du-an":
        content, name = projects.projects_template(page.projects.order_by("code")), "danh-muc-du-an"
    else:
        content, name = plans.plans_template(page.projects.order_by("code"), page.year), f"ke-hoach-von-{page.year}"
    return attachment(content, f"{name}.xlsx")


def upload(request, kind: str):
    page = finance_page(request)
    if kind not in KINDS or not page.may_manage:
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None, over_plan=kind == "bang-ke")
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        with domain_errors(None) as outcome:
            summary = _import(kind, form.cleaned_data["file"], page, request.user, form.reason())
        if outcome.ok:
            messages.success(request, summary)
            return redirect(reverse("finance:dashboard", query=page.params))
    return render(request, "finance/upload.html", page.context(
        f"Tải lên: {KINDS[kind].lower()}", kind=kind, kind_label=KINDS[kind], form=form,
        **listing(outcome.problems)), status=400 if outcome.problems or form.errors else 200)


def _import(kind: str, content: bytes, page, user, over_plan_reason: str) -> str:
    if kind == "bang-ke":
        result = statement.import_statement(statement.read_statement(content), province=page.province, by=user,
                                            over_plan_reason=over_plan_reason)
        if result.already_imported:
            return f"Bảng kê số {result.key} đã được nhập trước đây với cùng nội dung: không có gì thay đổi."
        over = (f" {result.over_plan} kế hoạch vốn được ghi vượt kế hoạch theo lý do đã nêu (ghi trong nhật ký)."
                if result.over_plan else "")
        return (f"Đã nhập bảng kê số {result.key}: {result.written} dòng, {result.projects} dự án, "
                f"tổng {format_vnd(result.total)}.{over}")
    if kind == "du-an":
        listed = projects.import_projects(content, province=page.province, by=user)
        return (f"Đã nhập danh mục dự án: {listed.created} dự án mới, {listed.updated} dự án sửa, "
                f"{listed.unchanged} không đổi.")
    planned = plans.import_plans(content, province=page.province, by=user)
    return f"Đã nhập kế hoạch vốn: {planned.created} quyết định giao, điều chỉnh mới, {planned.skipped} đã có từ trước."
