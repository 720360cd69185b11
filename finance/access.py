"""Who sees and updates which projects. The office and leaders read every project of their province; an
investor's officers read and update their own agency's projects; district and commune officers read the
projects in their communes. Every finance figure is computed over `projects_for`, so nothing leaks."""

from django.db.models import Q

from accounts import scope
from accounts.models import Agency
from accounts.rules import Permission, role_allows
from finance.models import Project
from geo.models import AdministrativeUnit


def projects_for(user):
    if scope.is_admin(user):
        return Project.objects.all()
    if not user.is_authenticated:
        return Project.objects.none()
    wide = _provinces(user, Permission.VIEW_ALL_PROJECTS)
    area = scope.units_for(user, Permission.VIEW_AREA_PROJECTS)
    own = own_investors(user)
    visible = Q(province__in=wide) | Q(investor__in=own) | Q(communes__in=area)
    return Project.objects.filter(pk__in=Project.objects.filter(visible).values("pk"))


def own_investors(user) -> list[int]:
    """The agencies whose projects the user updates (their own agency, as its officer)."""
    return sorted({
        m.agency_id for m in scope.active_memberships(user) if role_allows(m.role, Permission.UPDATE_OWN_PROJECTS)
    })


def may_update(user, project: Project) -> bool:
    """Disbursements, start and completion of a project: its investor's officers, and the office of its province."""
    return may_manage(user, project.province) or project.investor_id in own_investors(user)


def may_manage(user, province: AdministrativeUnit) -> bool:
    return scope.can(user, Permission.MANAGE_FINANCE, province)


def finance_provinces(user) -> list[AdministrativeUnit]:
    """The provinces whose finance pages the user opens: of their scope units, or every one for an administrator."""
    if scope.is_admin(user):
        return list(AdministrativeUnit.objects.filter(pk__in=Project.objects.values("province")).order_by("code"))
    provinces = {}
    for root in scope.scope_roots(user, Permission.VIEW_FINANCE):
        province = root.province()
        provinces[province.pk] = province
    return sorted(provinces.values(), key=lambda unit: unit.code)


def area_name(user, province: AdministrativeUnit) -> str:
    """What the figures a user reads on the finance pages cover, for their titles: the province for those who see
    all of it; otherwise their districts and communes, and the projects of the agency they invest for ("Xã Kỳ Hoa",
    "dự án do Sở Nông nghiệp và Môi trường làm chủ đầu tư")."""
    if scope.is_admin(user) or scope.can(user, Permission.VIEW_ALL_PROJECTS, province):
        return province.full_name
    within = set(AdministrativeUnit.objects.within_or_self(province).values_list("pk", flat=True))
    units = sorted({u.pk: u for u in scope.scope_roots(user, Permission.VIEW_AREA_PROJECTS) if u.pk in within}.values(),
                   key=lambda unit: unit.code)
    names = [unit.full_name for unit in units]
    covered = scope.units_for(user, Permission.VIEW_AREA_PROJECTS)  # an investor of the user's own area adds nothing
    investors = Agency.objects.filter(pk__in=own_investors(user), unit__in=within).exclude(unit__in=covered)
    investors = investors.order_by("name")
    names += [f"dự án do {agency.name} làm chủ đầu tư" for agency in investors]
    return "; ".join(names) or province.full_name


def _provinces(user, permission: Permission):
    return scope.units_for(user, permission).filter(level="province")


def area_for(user, province: AdministrativeUnit):
    """Units of `province` whose cement and sponsorships the user reads: all of it for the office and leaders,
    their district or commune for its officers."""
    if scope.is_admin(user) or scope.can(user, Permission.VIEW_ALL_PROJECTS, province):
        return AdministrativeUnit.objects.within_or_self(province)
    area = scope.units_for(user, Permission.VIEW_AREA_PROJECTS)
    return area.filter(pk__in=AdministrativeUnit.objects.within_or_self(province).values("pk"))
