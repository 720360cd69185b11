"""The office dashboard (what a leader opens before a meeting), the monthly report as Word and Excel, and the
draft of the next conclusion notice opened in directives' review screen. ?dia_ban=<unit pk>&nam=&ngay=; a unit
outside the user's scope is not found, as one that does not exist."""

import json

from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from accounts import scope
from accounts.rules import Permission
from directives import import_views
from directives.queries import visible_tasks
from finance import access
from geo.models import AdministrativeUnit, Level
from ntm.table_export import XLSX
from ntm.text import fold
from reports import schedule
from reports.figures import OfficeFigures, office_figures
from reports.monthly_excel import monthly_xlsx
from reports.monthly_word import monthly_docx
from reports.notice_draft import draft_initial
from targets.forms import PeriodForm
from targets.page import area_for, areas_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CRUMB = "Bảng điều hành"


def _area(request) -> AdministrativeUnit | None:
    """The province or district asked for (?dia_ban=), else the user's widest one; None for a user without one
    (a commune officer). 404 for a unit outside the scope, as for one that does not exist."""
    if not scope.may(request.user, Permission.VIEW_RECOGNITION):
        raise Http404
    return area_for(request.user, request.GET.get("dia_ban", ""), Permission.VIEW_RECOGNITION)


def _figures(request, area: AdministrativeUnit, year: int, day) -> OfficeFigures:
    """Only what the user may see counts: their projects (an investor's officer sees their own) and tasks."""
    return office_figures(area, year, day, projects=access.projects_for(request.user),
                          tasks=visible_tasks(request.user))


def dashboard(request):
    area = _area(request)
    if area is None:
        return render(request, "reports/no_area.html", {"nav": "reports", "breadcrumbs": [(CRUMB, None)]})
    today = timezone.localdate()
    year, day = PeriodForm(request.GET).period(today)
    figures = _figures(request, area, year, day)
    chart = [r for r in figures.disbursement.by_investor if r.position is not None][:30]
    return render(request, "reports/dashboard.html", {
        "f": figures, "month": f"{figures.day:%Y-%m}",
        "due": schedule.next_report(figures.province.code, today),
        "choices": _choices(request.user, area, figures.day),
        "years": sorted({today.year, today.year - 1, today.year - 2, year}, reverse=True),
        "may_draft": scope.can(request.user, Permission.MANAGE_NOTICES, figures.province),
        "chart": json.dumps({"names": [r.row.key for r in chart],
                             "rates": [float(r.row.rate or 0) for r in chart],
                             "line": float(figures.disbursement.line)}),
        "nav": "reports", "breadcrumbs": [(CRUMB, None)],
    })


def _choices(user, area: AdministrativeUnit, day) -> list[AdministrativeUnit]:
    """Provinces in scope and the districts of the area's province, as they were on the day."""
    province = area.province()
    found = areas_for(user, Permission.VIEW_RECOGNITION).valid_on(day).filter(
        Q(level=Level.PROVINCE) | Q(parent=province))
    units = sorted(found, key=lambda u: (u.level != Level.PROVINCE, u.code))
    return units if area in units else [area, *units]


def _monthly(request, build, content_type: str, extension: str) -> HttpResponse:
    area = _area(request)
    if area is None:
        raise Http404
    today = timezone.localdate()
    try:
        month = schedule.parse_month(request.GET.get("thang") or f"{today:%Y-%m}")
        day = schedule.report_day(month, today)
    except schedule.BadPeriod as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    figures = _figures(request, area, month.year, day)
    response = HttpResponse(build(figures, month), content_type=content_type)
    name = f"bao-cao-thang-{month:%m-%Y}-{slugify(fold(area.full_name))}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def monthly_word(request):
    return _monthly(request, monthly_docx, DOCX, "docx")


def monthly_excel(request):
    return _monthly(request, monthly_xlsx, XLSX, "xlsx")


def notice_draft(request):
    """The next notice's draft in directives' review screen, confirmed there: nothing is created here."""
    province = _notice_province(request)
    today = timezone.localdate()
    year, day = PeriodForm(request.GET).period(today)
    notice, tasks = draft_initial(_figures(request, province, year, day), today)
    return import_views.review_prefilled(request, province, notice, tasks, [])


def _notice_province(request) -> AdministrativeUnit:
    """The province whose notices the user manages, chosen as directives' confirm step chooses it, so that the
    notice is created where it was drafted."""
    provinces = list(scope.units_for(request.user, Permission.MANAGE_NOTICES).filter(
        level=Level.PROVINCE, valid_to__isnull=True)[:1])
    if not provinces:
        raise Http404
    return provinces[0]
