"""What the recognition pages share: the area (a province, district or commune in the user's scope) and the year."""

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts import scope
from accounts.rules import Permission
from geo.models import AdministrativeUnit
from ntm.params import id_param
from programme.choice import YearChoice, year_choice
from programme.filters import AreaChoice


@dataclass
class AreaPage:
    area: AdministrativeUnit
    areas: list[AdministrativeUnit]
    year: int
    may_manage: bool
    choice: YearChoice  # the one year selector

    def context(self, title: str, section: tuple[str, str] | None = None, **extra) -> dict:
        crumbs: list[tuple[str, str | None]] = [("Công nhận", reverse("recognition:registrations"))]
        if section:
            crumbs.append(section)
        crumbs.append((title, None))
        return {"page": self, "nav": "recognition", "breadcrumbs": crumbs, "title": title, **extra}

    def query(self) -> str:
        return urlencode({"dia_ban": self.area.pk, "nam": self.year})

    @property
    def area_choice(self) -> AreaChoice:
        """The area selector of the one filter form (programme/_filter_form.html)."""
        return AreaChoice("dia_ban", self.area, self.areas)


def area_page(request) -> AreaPage:
    """?dia_ban=<unit pk>&nam=<year>; by default the user's widest unit that exists today and the year in force."""
    if not scope.may(request.user, Permission.VIEW_RECOGNITION):
        raise Http404
    if scope.is_admin(request.user):
        areas = list(AdministrativeUnit.objects.valid_on(timezone.localdate()).provinces().order_by("code"))
    else:
        today = timezone.localdate()
        areas = sorted({u.pk: u for u in scope.scope_roots(request.user, Permission.VIEW_RECOGNITION)}.values(),
                       key=lambda u: (not u.is_valid_on(today), u.code))
    if not areas:
        raise Http404
    asked = id_param(request, "dia_ban")  # not an id (², 10^20, -1): the default area
    if asked is not None:
        area = scope.get_unit_for_user(request.user, asked, permission=Permission.VIEW_RECOGNITION)
    else:
        area = areas[0]
    choice = year_choice(request, unit=area)
    return AreaPage(area, areas, choice.year, scope.can(request.user, Permission.MANAGE_RECOGNITION, area), choice)
