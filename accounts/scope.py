"""The one place that answers what a user may see or change. Every list and every write goes through it.

A membership's scope unit covers itself and everything within it, at any date (a province office reads
its communes of 2017 and of today). Missing and forbidden get the same answer (404), so a URL never
tells an outsider that a unit exists.
"""

import datetime

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts.models import Agency, Membership, Role, User
from accounts.rules import Permission, role_allows
from geo.models import AdministrativeUnit, UnitQuerySet


def active_memberships(user) -> list[Membership]:
    """The user's memberships, read once per request object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_ntm_memberships", None)
    if cached is None:
        cached = list(Membership.objects.active().filter(user=user).select_related("agency", "scope_unit"))
        user._ntm_memberships = cached
    return cached


def is_admin(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or any(m.role == Role.ADMIN for m in active_memberships(user))
    )


def may(user, permission: Permission) -> bool:
    """Whether any of the user's roles allows `permission` somewhere."""
    return is_admin(user) or any(role_allows(m.role, permission) for m in active_memberships(user))


def scope_roots(user, permission: Permission) -> list[AdministrativeUnit]:
    return [m.scope_unit for m in active_memberships(user) if m.scope_unit and role_allows(m.role, permission)]


def units_for(user, permission: Permission) -> UnitQuerySet:
    """Units where the user holds `permission`: each scope unit and everything within it."""
    if is_admin(user):
        return AdministrativeUnit.objects.all()
    ids = [root.pk for root in scope_roots(user, permission)]
    if not ids:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(
        Q(pk__in=ids) | Q(parent__in=ids) | Q(parent__parent__in=ids) | Q(parent__parent__parent__in=ids)
    )


def visible_units(user) -> UnitQuerySet:
    return units_for(user, Permission.VIEW_MAP)


def top_units(user) -> list[AdministrativeUnit]:
    """Where the map browser starts: the user's scope units (those that exist today first), or every province for an
    administrator."""
    if is_admin(user):
        return []
    today = timezone.localdate()
    roots = {root.pk: root for root in scope_roots(user, Permission.VIEW_MAP)}.values()
    return sorted(roots, key=lambda u: (not u.is_valid_on(today), u.code))  # today's units before ended ones


def get_unit_for_user(user, pk: int, *, permission: Permission = Permission.VIEW_MAP) -> AdministrativeUnit:
    """The unit, if the user holds `permission` on it; otherwise 404, as for a unit that does not exist."""
    try:
        return units_for(user, permission).select_related("parent__parent__parent").get(pk=pk)
    except AdministrativeUnit.DoesNotExist:
        raise Http404 from None


def can(user, permission: Permission, unit: AdministrativeUnit) -> bool:
    """Whether the user holds `permission` on `unit`: a scope unit that is the unit or one of its ancestors (the same
    answer as `units_for`, read from the unit's own parents instead of a query)."""
    if is_admin(user):
        return True
    covering = {unit.pk, *(ancestor.pk for ancestor in unit.ancestors())}
    return any(m.scope_unit_id in covering and role_allows(m.role, permission) for m in active_memberships(user))


def acts_for(user, agency: Agency | None, unit: AdministrativeUnit, permission: Permission) -> bool:
    """Whether the user holds `permission` as a member of `agency` on a scope covering `unit` (a task the province
    gave to one agency, such as verifying communes' figures, is that agency's members' to do)."""
    if is_admin(user):
        return True
    if agency is None:
        return False
    covering = {unit.pk, *(ancestor.pk for ancestor in unit.ancestors())}
    return any(m.agency_id == agency.pk and m.scope_unit_id in covering and role_allows(m.role, permission)
               for m in active_memberships(user))


def agencies_for(user, permission: Permission):
    """Agencies that belong to a unit in the user's scope for `permission`."""
    if is_admin(user):
        return Agency.objects.all()
    return Agency.objects.filter(unit__in=units_for(user, permission))


def users_for(user, permission: Permission = Permission.MANAGE_ACCOUNTS):
    """Users the manager may see, and whose roles in its scope it may grant or revoke: those with a membership inside
    the manager's scope. Which of their memberships it sees is `memberships_for`'s answer (its own scope's only).

    Administrators alone see users without any membership (new or disabled accounts of other provinces).
    """
    if is_admin(user):
        return User.objects.all()
    units = units_for(user, permission)
    return User.objects.filter(memberships__scope_unit__in=units).distinct()


def editable_users_for(user):
    """Users whose account the manager may change (name, e-mail, phone, password, whether they may sign in).

    A coordinator: users all of whose memberships, active or revoked, lie within its scope — never a superuser, a
    staff member (who signs in to the system's administration) or a system administrator (whose membership has no
    scope unit, so lies outside every scope). A user with roles in two provinces is changed by an administrator
    alone; each coordinator still grants and revokes the roles of its own province.
    An administrator: everyone, but superusers only if it is one itself.
    """
    if is_admin(user):
        return User.objects.all() if user.is_superuser else User.objects.exclude(is_superuser=True)
    units = units_for(user, Permission.MANAGE_ACCOUNTS)
    elsewhere = Membership.objects.exclude(scope_unit__in=units)  # with the scope-less administrators' memberships
    return (users_for(user).exclude(is_superuser=True).exclude(is_staff=True)
            .exclude(pk__in=elsewhere.values("user_id")))


def may_edit_user(manager, person: User) -> bool:
    return editable_users_for(manager).filter(pk=person.pk).exists()


def memberships_for(user, permission: Permission = Permission.MANAGE_ACCOUNTS):
    if is_admin(user):
        return Membership.objects.all()
    return Membership.objects.filter(scope_unit__in=units_for(user, permission))


def assignable_roles(user) -> list[str]:
    """A coordinator may grant any role but administrator; only an administrator makes administrators."""
    return [role for role in Role.values if role != Role.ADMIN or is_admin(user)]


def primary_membership(user) -> Membership | None:
    """The membership shown in the header: one on a unit that exists today before one kept for history (moved to a
    successor, or on a unit that ended), then the widest scope."""
    memberships = active_memberships(user)
    today = timezone.localdate()
    order = {level: rank for rank, level in enumerate(["province", "district", "commune", "village"])}

    def rank(m: Membership) -> tuple[bool, bool, int]:
        ended = m.scope_unit is not None and not m.scope_unit.is_valid_on(today)
        return m.replaced_by_id is not None, ended, order.get(m.scope_unit.level, -1) if m.scope_unit else -1

    return min(memberships, key=rank, default=None)


def default_view_date(user) -> datetime.date:
    """Today, unless the user's unit no longer exists today: then its last day, so their map is not empty."""
    today = timezone.localdate()
    membership = primary_membership(user)
    if membership and membership.scope_unit and not membership.scope_unit.is_valid_on(today):
        return membership.scope_unit.last_valid_day() or today
    return today
