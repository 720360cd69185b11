"""What every finance page shares: the province, the plan year, the day and the line; the projects the user sees."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts import scope
from accounts.rules import Permission
from finance import access, figures, rules
from finance.models import CapitalPlan, Project
from geo.models import AdministrativeUnit
from ntm import params
from ntm.numbers import PERCENT, NumberError, parse_number
from programme import periods
from programme.choice import EmptyYear
from programme.filters import AreaChoice, Period

CRUMB = ("Vốn và giải ngân", None)


@dataclass
class FinancePage:
    province: AdministrativeUnit
    provinces: list[AdministrativeUnit]
    year: int
    day: datetime.date
    line: Decimal
    years: tuple  # the selector's groups: (program period, its years), the period in force first
    projects: QuerySet[Project] = field(repr=False)  # the user's projects of the province
    may_manage: bool = False
    empty: EmptyYear | None = None  # the year has no capital plan: the last year that has one
    area_name: str = ""  # what the user's figures cover: the province, or their commune, district, own projects

    def context(self, title: str, **extra) -> dict:
        crumbs = [("Vốn và giải ngân", reverse("finance:dashboard")), (title, None)]
        return {"page": self, "nav": "finance", "breadcrumbs": crumbs, "title": title, **extra}

    @property
    def keep(self) -> str:
        """What a link to another year keeps: the province."""
        return f"tinh={self.province.pk}&"

    @property
    def area(self) -> AreaChoice:
        """The province selector of the one filter form (programme/_filter_form.html)."""
        return AreaChoice("tinh", self.province, self.provinces, label="Tỉnh")

    @property
    def line_field(self) -> dict[str, str]:
        return {"name": "muc", "label": "Mức yêu cầu (%)", "value": self.line_value, "step": "0.1", "min": "0",
                "max": "100"}

    @property
    def line_value(self) -> str:
        """The line as an input and a URL write it: "62.5" (a person reads it through vn_number)."""
        return f"{self.line:f}"

    @property
    def params(self) -> dict[str, str | int]:
        """The filter as query parameters, for reverse(..., query=...) and links that keep it."""
        return {"tinh": self.province.pk, "nam": self.year, "ngay": f"{self.day:%Y-%m-%d}", "muc": self.line_value}

    def query(self) -> str:
        """The filter as a query string, for links that keep it."""
        return urlencode(self.params)


def finance_page(request, province: AdministrativeUnit | None = None) -> FinancePage:
    """The page's filter from ?tinh=&nam=&ngay=&muc=; 404 for a user without finance pages or that province.

    A page of one record (a project) passes the record's province instead of reading ?tinh=."""
    if not scope.may(request.user, Permission.VIEW_FINANCE):
        raise Http404
    provinces = access.finance_provinces(request.user)
    if not provinces:
        raise Http404
    if province is None:
        asked = params.id_param(request, "tinh")
        province = next((p for p in provinces if p.pk == asked), provinces[0])
    elif province not in provinces:
        raise Http404
    projects = access.projects_for(request.user).filter(province=province)
    today = timezone.localdate()
    year, day, line = period(request, today)
    province_projects = Project.objects.filter(province=province)
    planned = CapitalPlan.objects.filter(project__in=province_projects, year=year).exists()
    empty = None if planned else EmptyYear(year, figures.latest_year_with_plan(province_projects, year))
    groups = tuple((period, tuple(years)) for period, years in periods.selectable_years(today))
    return FinancePage(province, provinces, year, day, line, groups, projects,
                       access.may_manage(request.user, province), empty, access.area_name(request.user, province))




def period(request, today: datetime.date) -> tuple[int, datetime.date, Decimal]:
    """?nam=2023&ngay=2023-09-30&muc=60: the plan year (the year in force by default), the day figures are taken
    on (today, or the year's last day for a past year; a day of another year is brought to the year's edge), the
    line to reach (60 % by default, one decimal). Each is read on its own: a bad one gives its default."""
    chosen = Period.read(request, today)
    return chosen.year, chosen.day, _line(request.GET.get("muc", ""))


def _line(raw: str) -> Decimal:
    if not raw.strip():
        return rules.DEFAULT_LINE
    try:
        return parse_number(raw, PERCENT).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except NumberError:
        return rules.DEFAULT_LINE
