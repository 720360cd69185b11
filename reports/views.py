"""The office dashboard, the leader's standing page ("Toàn cảnh"), the monthly report as Word and Excel, and the
draft of the next conclusion notice opened in directives' review screen. ?dia_ban=<unit pk>&nam=&ngay=; a unit
outside the user's scope is not found, as one that does not exist. Every page opens on the year in force
(programme.choice) and reads a year in the structure of its time."""

import datetime
import json

from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts import scope
from accounts.models import Role
from accounts.rules import Permission
from directives import import_views
from directives.queries import visible_tasks
from finance import access
from finance.views.dashboard import CHART_BARS
from geo import queries as geo_queries
from geo.models import AdministrativeUnit, Level
from ntm import downloads
from ntm.text import fold
from programme import queries as programme_queries
from programme.choice import YearChoice, year_choice
from programme.filters import AreaChoice, Period
from reports import schedule
from reports.figures import OfficeFigures, office_figures
from reports.monthly_excel import monthly_xlsx
from reports.monthly_word import monthly_docx
from reports.notice_draft import draft_initial
from reports.standing import Standing, standing
from targets.page import area_for, areas_for

CRUMB = "Bảng điều hành"
STANDING_CRUMB = "Toàn cảnh"


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


def report_period(request, today: datetime.date, unit: AdministrativeUnit | None = None
                  ) -> tuple[YearChoice, datetime.date]:
    """The one year selector (?nam=, bounded, the year in force by default) and the day figures are taken on
    (?ngay=, kept inside the year: today, or the year's last day once it is over — or the unit's last day, for a
    district that ended in the year)."""
    choice = year_choice(request, unit=unit, today=today)
    day = Period.read(request, today, year=choice.year).day
    last = unit.last_valid_day() if unit is not None else None
    return choice, min(day, last) if last is not None and last.year == choice.year else day


def dashboard(request):
    area = _area(request)
    if area is None:
        return render(request, "reports/no_area.html", {"nav": "reports", "breadcrumbs": [(CRUMB, None)]})
    today = timezone.localdate()
    choice, day = report_period(request, today, area)
    if not programme_queries.exists_between(area, datetime.date(choice.year, 1, 1), datetime.date(choice.year, 12, 31)):
        return _not_in_year(request, area, choice)
    figures = _figures(request, area, choice.year, day)
    chart = [r for r in figures.disbursement.by_investor if r.position is not None][-CHART_BARS:]
    return render(request, "reports/dashboard.html", {
        "f": figures, "month": f"{figures.day:%Y-%m}", "choice": choice, "keep": [("dia_ban", area.pk)],
        "due": schedule.next_report(programme_queries.report_day_of_month(figures.province), today),
        "area": AreaChoice("dia_ban", area, _choices(request.user, area, figures.day)),
        "standing_url": _standing_url(request.user, area),
        "may_draft": scope.can(request.user, Permission.MANAGE_NOTICES, figures.province),
        "chart": json.dumps({"names": [r.row.key for r in chart],
                             "rates": [float(r.row.rate or 0) for r in chart],
                             "line": float(figures.disbursement.line)}), "has_investor_chart": bool(chart),
        "nav": "reports", "breadcrumbs": [(CRUMB, None)],
    })


def _not_in_year(request, area: AdministrativeUnit, choice: YearChoice):
    """A district asked for a year after the reform: say so, and offer its province and its own last year."""
    first, last = datetime.date(choice.year, 1, 1), datetime.date(choice.year, 12, 31)
    links = []
    province = area.province()
    if scope.can(request.user, Permission.VIEW_RECOGNITION, province) and province.pk != area.pk:
        links.append((f"{province.full_name}, năm {choice.year}",
                      reverse("reports:dashboard", query={"dia_ban": province.pk, "nam": choice.year})))
    end = area.last_valid_day()
    if end is not None and end.year < choice.year:
        links.append((f"{area.full_name}, năm {end.year}", f"?dia_ban={area.pk}&nam={end.year}"))
    return render(request, "reports/not_in_year.html", {
        "area": area, "year": choice.year, "links": links,
        "message": programme_queries.absence_message(area, first, last, "Số liệu"),
        "nav": "reports", "breadcrumbs": [(CRUMB, reverse("reports:dashboard")), (area.full_name, None)],
    })


def _standing_url(user, area: AdministrativeUnit) -> str | None:
    province = area.province()
    if province.valid_to is not None or not scope.can(user, Permission.VIEW_RECOGNITION, province):
        return None
    return reverse("reports:standing_unit", args=[province.pk])


def _choices(user, area: AdministrativeUnit, day) -> list[AdministrativeUnit]:
    """Provinces in scope and the districts of the area's province, as they were on the day."""
    province = area.province()
    found = areas_for(user, Permission.VIEW_RECOGNITION).valid_on(day).filter(
        Q(level=Level.PROVINCE) | Q(parent=province))
    units = sorted(found, key=lambda u: (u.level != Level.PROVINCE, u.code))
    return units if area in units else [area, *units]


def _monthly(request, build, extension: str) -> HttpResponse:
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
    name = f"bao-cao-thang-{month:%m-%Y}-{slugify(fold(area.full_name))}.{extension}"
    return downloads.attachment(build(figures, month), name)


def monthly_word(request):
    return _monthly(request, monthly_docx, "docx")


def monthly_excel(request):
    return _monthly(request, monthly_xlsx, "xlsx")


def notice_draft(request):
    """The next notice's draft in directives' review screen, confirmed there: nothing is created here."""
    province = _notice_province(request)
    today = timezone.localdate()
    choice, day = report_period(request, today)
    notice, tasks = draft_initial(_figures(request, province, choice.year, day), today)
    return import_views.review_prefilled(request, province, notice, tasks, [])


def _notice_province(request) -> AdministrativeUnit:
    """The province whose notices the user manages, chosen as directives' confirm step chooses it, so that the
    notice is created where it was drafted."""
    provinces = list(scope.units_for(request.user, Permission.MANAGE_NOTICES).filter(
        level=Level.PROVINCE, valid_to__isnull=True)[:1])
    if not provinces:
        raise Http404
    return provinces[0]


# Toàn cảnh --------------------------------------------------------------------------------------------------

def standing_province(user) -> AdministrativeUnit | None:
    """The province of today's map the user reads the standing of: their widest area's (a district's officer reads
    their province only if it is in their scope); None for a commune's or a district's officer."""
    area = area_for(user, "", Permission.VIEW_RECOGNITION)
    if area is None:
        return None
    province = area.province()
    if not scope.can(user, Permission.VIEW_RECOGNITION, province):
        return None
    today = timezone.localdate()
    if province.valid_to is not None and province.valid_to <= today:
        heirs = [u for u in geo_queries.successors_today(province, today)
                 if scope.can(user, Permission.VIEW_RECOGNITION, u)]
        return heirs[0] if len(heirs) == 1 else None
    return province


def standing_start(request):
    """/bao-cao/toan-canh/: the user's province, or a page saying the standing is a province's."""
    if not scope.may(request.user, Permission.VIEW_RECOGNITION):
        raise Http404
    province = standing_province(request.user)
    if province is None:
        return render(request, "reports/no_area.html", {
            "nav": "reports", "standing": True, "breadcrumbs": [(STANDING_CRUMB, None)]})
    return redirect("reports:standing_unit", pk=province.pk)


def _standing(request, province: AdministrativeUnit) -> Standing:
    return standing(province, timezone.localdate(), projects=access.projects_for(request.user),
                    tasks=visible_tasks(request.user))


def standing_unit(request, pk: int):
    """Toàn cảnh of a province of today's map; any other unit (or one outside the scope) is not found."""
    province = scope.get_unit_for_user(request.user, pk, permission=Permission.VIEW_RECOGNITION)
    today = timezone.localdate()
    if province.level != Level.PROVINCE or (province.valid_to is not None and province.valid_to <= today):
        raise Http404
    figures = _standing(request, province)
    return render(request, "reports/standing.html", {
        "s": figures, "chart": json.dumps(figures.chart()),
        "may_draft": scope.can(request.user, Permission.MANAGE_NOTICES, province),
        "nav": "reports", "breadcrumbs": [(STANDING_CRUMB, None)],
    })


def leader_panel(request) -> Standing | None:
    """The standing a leader sees first on the home page (none for other roles, or without a province)."""
    if not any(m.role == Role.LEADER for m in scope.active_memberships(request.user)):
        return None
    province = standing_province(request.user)
    return _standing(request, province) if province is not None else None
