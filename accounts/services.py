"""Every change to agencies, users and memberships: one function, one transaction, one audit entry."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from accounts import audit, scope
from accounts.models import Agency, AgencyAlias, Membership, Role, User
from accounts.rules import Permission
from geo.models import AdministrativeUnit

AGENCY_FIELDS = ["name", "short_name", "kind", "unit", "is_active"]
USER_FIELDS = ["username", "full_name", "email", "phone", "is_active"]
MEMBERSHIP_FIELDS = ["user", "agency", "role", "scope_unit", "is_active"]


class StaleVersion(Exception):
    """Someone else saved the record after this user opened it."""

    message = "Bản ghi đã được người khác sửa sau khi bạn mở nó. Hãy tải lại trang và nhập lại thay đổi."


@dataclass(frozen=True)
class AgencyData:
    name: str
    short_name: str
    kind: str
    unit: AdministrativeUnit
    is_active: bool
    aliases: tuple[str, ...]


def _require(by, permission: Permission, unit: AdministrativeUnit) -> None:
    if not scope.can(by, permission, unit):
        raise PermissionDenied


def _manager_unit(by) -> AdministrativeUnit | None:
    """Audit entries about people carry the manager's unit, so the right office can read them."""
    membership = scope.primary_membership(by)
    return membership.scope_unit if membership else None


def _bump_version(model, pk: int, expected: int, **values) -> None:
    """Saves `values` only if nobody saved since version `expected` was read."""
    updated = model.objects.filter(pk=pk, version=expected).update(version=F("version") + 1, **values)
    if not updated:
        raise StaleVersion


@transaction.atomic
def create_agency(data: AgencyData, *, by) -> Agency:
    _require(by, Permission.MANAGE_ACCOUNTS, data.unit)
    agency = Agency.objects.create(
        name=data.name, short_name=data.short_name, kind=data.kind, unit=data.unit, is_active=data.is_active
    )
    _replace_aliases(agency, data.aliases)
    after = {**audit.snapshot(agency, AGENCY_FIELDS), "aliases": sorted(data.aliases)}
    audit.record(by, "agency.create", agency, unit=data.unit, after=after)
    return agency


@transaction.atomic
def update_agency(agency: Agency, data: AgencyData, *, version: int, by) -> Agency:
    _require(by, Permission.MANAGE_ACCOUNTS, agency.unit)
    _require(by, Permission.MANAGE_ACCOUNTS, data.unit)
    before = {**audit.snapshot(agency, AGENCY_FIELDS), "aliases": sorted(agency.aliases.values_list("alias", flat=True))}
    values = {"name": data.name, "short_name": data.short_name, "kind": data.kind, "unit": data.unit,
              "is_active": data.is_active}
    _bump_version(Agency, agency.pk, version, **values)
    agency.refresh_from_db()
    _replace_aliases(agency, data.aliases)
    after = {**audit.snapshot(agency, AGENCY_FIELDS), "aliases": sorted(data.aliases)}
    old, new = audit.changed_only(before, after)
    if new:
        audit.record(by, "agency.update", agency, unit=agency.unit, before=old, after=new)
    return agency


def _replace_aliases(agency: Agency, aliases: tuple[str, ...]) -> None:
    wanted = {alias.strip() for alias in aliases if alias.strip()} - {agency.name}
    agency.aliases.exclude(alias__in=wanted).delete()
    existing = set(agency.aliases.values_list("alias", flat=True))
    for alias in sorted(wanted - existing):
        AgencyAlias(agency=agency, alias=alias).save()


@transaction.atomic
def create_user(*, username: str, full_name: str, email: str, phone: str, password: str, by) -> User:
    if not scope.may(by, Permission.MANAGE_ACCOUNTS):
        raise PermissionDenied
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Tên đăng nhập này đã có người dùng."})
    user = User(username=username, full_name=full_name, email=email, phone=phone)
    user.set_password(password)
    user.save()
    audit.record(by, "user.create", user, unit=_manager_unit(by), after=audit.snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def update_user(user: User, *, full_name: str, email: str, phone: str, is_active: bool, version: int, by) -> User:
    if not scope.users_for(by).filter(pk=user.pk).exists():
        raise PermissionDenied
    before = audit.snapshot(user, USER_FIELDS)
    _bump_version(User, user.pk, version, full_name=full_name, email=email, phone=phone, is_active=is_active)
    user.refresh_from_db()
    old, new = audit.changed_only(before, audit.snapshot(user, USER_FIELDS))
    if new:
        audit.record(by, "user.update", user, unit=_manager_unit(by), before=old, after=new)
    return user


@transaction.atomic
def set_password(user: User, password: str, *, by) -> None:
    if not scope.users_for(by).filter(pk=user.pk).exists():
        raise PermissionDenied
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(by, "user.set_password", user, unit=_manager_unit(by), after={"password": "••••"})


@transaction.atomic
def grant_membership(user: User, agency: Agency, role: str, scope_unit: AdministrativeUnit | None, *, by) -> Membership:
    """Gives `user` a role for `agency` over `scope_unit`; the grantor must manage that unit and that role."""
    if role not in scope.assignable_roles(by):
        raise PermissionDenied
    if scope_unit is None:
        if role != Role.ADMIN:
            raise ValidationError({"scope_unit": "Cần chọn phạm vi (địa bàn) cho vai trò này."})
    else:
        _require(by, Permission.MANAGE_ACCOUNTS, scope_unit)
    _require(by, Permission.MANAGE_ACCOUNTS, agency.unit)
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role, scope_unit=scope_unit)
    if not created and membership.is_active:
        raise ValidationError("Người dùng đã có phân quyền này.")
    if not created:
        Membership.objects.filter(pk=membership.pk).update(is_active=True, version=F("version") + 1)
        membership.refresh_from_db()
    audit.record(by, "membership.grant", membership, unit=scope_unit, after=audit.snapshot(membership, MEMBERSHIP_FIELDS))
    return membership


@transaction.atomic
def revoke_membership(membership: Membership, *, by) -> None:
    if not scope.memberships_for(by).filter(pk=membership.pk).exists():
        raise PermissionDenied
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    Membership.objects.filter(pk=membership.pk).update(is_active=False, version=F("version") + 1)
    audit.record(by, "membership.revoke", membership, unit=membership.scope_unit, before=before, after={"is_active": False})
