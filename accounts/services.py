"""Every change to agencies, users and memberships: one function, one transaction, one audit entry."""

import datetime
import hashlib
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts import audit, queries, scope
from accounts.actions import Action
from accounts.models import Agency, AgencyAlias, AgencyKind, Membership, ResetRequest, Role, User
from accounts.rules import Permission
from geo.models import AdministrativeUnit
from ntm.locking import check_version, update_if_unchanged

AGENCY_FIELDS = ["name", "short_name", "kind", "unit", "is_active"]
USER_FIELDS = ["username", "full_name", "email", "phone", "is_active"]
MEMBERSHIP_FIELDS = ["user", "agency", "role", "scope_unit", "is_active"]


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
    """The creation of a person is filed under the manager's unit, so the right office can read it."""
    membership = scope.primary_membership(by)
    return membership.scope_unit if membership else None


def _person_units(person: User) -> list[AdministrativeUnit | None]:
    """Every province a person's memberships lie in (active or revoked): a change to the person is filed under each,
    so each province's audit log shows it. None (the administrators' log) for a person without a province."""
    units: set[AdministrativeUnit] = {
        m.scope_unit.province() for m in person.memberships.select_related("scope_unit__parent__parent__parent")
        if m.scope_unit is not None}
    ordered: list[AdministrativeUnit | None] = [*sorted(units, key=lambda unit: unit.code)]
    return ordered or [None]


def _record_person(by, action: Action, person: User, *, before=None, after=None) -> None:
    for unit in _person_units(person):
        audit.record(by, action, person, unit=unit, before=before, after=after)


@transaction.atomic
def create_agency(data: AgencyData, *, by) -> Agency:
    _require(by, Permission.MANAGE_ACCOUNTS, data.unit)
    agency = Agency.objects.create(
        name=data.name, short_name=data.short_name, kind=data.kind, unit=data.unit, is_active=data.is_active
    )
    _replace_aliases(agency, data.aliases)
    after = {**audit.snapshot(agency, AGENCY_FIELDS), "aliases": sorted(data.aliases)}
    audit.record(by, Action.AGENCY_CREATE, agency, unit=data.unit, after=after)
    return agency


@transaction.atomic
def update_agency(agency: Agency, data: AgencyData, *, version: int, by) -> Agency:
    _require(by, Permission.MANAGE_ACCOUNTS, agency.unit)
    _require(by, Permission.MANAGE_ACCOUNTS, data.unit)
    before = {**audit.snapshot(agency, AGENCY_FIELDS), "aliases": sorted(agency.aliases.values_list("alias", flat=True))}
    values = {"name": data.name, "short_name": data.short_name, "kind": data.kind, "unit": data.unit,
              "is_active": data.is_active}
    update_if_unchanged(Agency, agency.pk, version, **values)
    agency.refresh_from_db()
    _replace_aliases(agency, data.aliases)
    after = {**audit.snapshot(agency, AGENCY_FIELDS), "aliases": sorted(data.aliases)}
    old, new = audit.changed_only(before, after)
    if new:
        audit.record(by, Action.AGENCY_UPDATE, agency, unit=agency.unit, before=old, after=new)
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
    user = User(username=username, full_name=full_name, email=email, phone=phone, must_change_password=True)
    user.set_password(password)
    user.save()
    audit.record(by, Action.USER_CREATE, user, unit=_manager_unit(by), after=audit.snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def create_user_with_role(*, username: str, full_name: str, email: str, phone: str, password: str, agency: Agency,
                          role: str, scope_unit: AdministrativeUnit | None, by) -> User:
    """A new account and its first role, together or not at all (a role the manager may not grant leaves no account)."""
    user = create_user(username=username, full_name=full_name, email=email, phone=phone, password=password, by=by)
    grant_membership(user, agency, role, scope_unit, by=by)
    return user


@transaction.atomic
def update_user(user: User, *, full_name: str, email: str, phone: str, is_active: bool, version: int, by) -> User:
    """Changes a person's account; only a manager for whom `scope.may_edit_user` holds (a person with roles in
    another province, a superuser or an administrator is not a coordinator's to change)."""
    if not scope.may_edit_user(by, user):
        raise PermissionDenied
    before = audit.snapshot(user, USER_FIELDS)
    update_if_unchanged(User, user.pk, version, full_name=full_name, email=email, phone=phone, is_active=is_active)
    user.refresh_from_db()
    old, new = audit.changed_only(before, audit.snapshot(user, USER_FIELDS))
    if new:
        _record_person(by, Action.USER_UPDATE, user, before=old, after=new)
    return user


@transaction.atomic
def set_password(user: User, password: str, *, by) -> None:
    """A manager chooses a person's password (a forgotten one, a first one): the person must choose their own at
    their next sign-in."""
    if not scope.may_edit_user(by, user):
        raise PermissionDenied
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    _record_person(by, Action.USER_SET_PASSWORD, user, after={"password": "••••", "must_change_password": True})


class PasswordChange(StrEnum):
    """How a person chose their own password."""

    CHANGED = Action.USER_CHANGE_PASSWORD  # signed in, with the old password
    RESET = Action.USER_RESET_PASSWORD  # through the link of a reset e-mail


@transaction.atomic
def change_own_password(user: User, password: str, *, how: PasswordChange) -> None:
    """The person chose their own password: the duty to change one set by a manager ends."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    _record_person(user, Action(how), user, after={"password": "••••"})


class ResetOutcome(StrEnum):
    SEND = "send"
    ADDRESS_LIMIT = "address_limit"  # this client asked too often: it is told to wait
    EMAIL_LIMIT = "email_limit"  # this e-mail address was sent enough: nothing is sent, the answer stays the same


@transaction.atomic
def record_reset_request(client_address: str, email: str) -> ResetOutcome:
    """Whether a password reset e-mail may go out for `email`, asked from `client_address`.

    At most NTM_RESET_MAILS_PER_ADDRESS requests an hour from one client (refused ones are not recorded), and
    NTM_RESET_MAILS_PER_EMAIL mails an hour to one e-mail address, counted whether or not it belongs to someone: the
    answer must not tell. A request past the second limit still counts against its client."""
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ResetRequest.objects.filter(at__lt=hour_ago).delete()
    recent = ResetRequest.objects.filter(at__gte=hour_ago)
    if recent.filter(client_address=client_address).count() >= settings.NTM_RESET_MAILS_PER_ADDRESS:
        return ResetOutcome.ADDRESS_LIMIT
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    asked = recent.filter(email_digest=digest).count()
    ResetRequest.objects.create(client_address=client_address, email_digest=digest)
    return ResetOutcome.SEND if asked < settings.NTM_RESET_MAILS_PER_EMAIL else ResetOutcome.EMAIL_LIMIT


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
    membership, activated = _activate(user, agency, role, scope_unit)
    if not activated:
        raise ValidationError("Người dùng đã có phân quyền này.")
    audit.record(by, Action.MEMBERSHIP_GRANT, membership, unit=scope_unit, after=audit.snapshot(membership, MEMBERSHIP_FIELDS))
    return membership


def _activate(user: User, agency: Agency, role: str, scope_unit: AdministrativeUnit | None) -> tuple[Membership, bool]:
    """The membership, created or made active again; False when it was active already (nothing changed)."""
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role, scope_unit=scope_unit)
    if created:
        return membership, True
    if membership.is_active:
        return membership, False
    Membership.objects.filter(pk=membership.pk).update(is_active=True, version=F("version") + 1)
    membership.refresh_from_db()
    return membership, True


@transaction.atomic
def revoke_membership(membership: Membership, *, by) -> None:
    if not scope.memberships_for(by).filter(pk=membership.pk).exists():
        raise PermissionDenied
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    Membership.objects.filter(pk=membership.pk).update(is_active=False, version=F("version") + 1)
    audit.record(by, Action.MEMBERSHIP_REVOKE, membership, unit=membership.scope_unit, before=before, after={"is_active": False})


@transaction.atomic
def ensure_committee(unit: AdministrativeUnit, *, by) -> Agency:
    """The People's Committee of a province, district or commune — "Ủy ban nhân dân xã Kỳ Hoa", also written
    "UBND xã Kỳ Hoa" — created if the unit has none. `by` None: the demo loader, which audits nothing it makes."""
    name, short_name = committee_names(unit)
    found = (Agency.objects.filter(unit=unit, name=name).first()
             or Agency.objects.filter(unit=unit, kind=AgencyKind.PEOPLES_COMMITTEE).order_by("pk").first())
    if found is not None:
        return found
    if by is not None:
        _require(by, Permission.MANAGE_ACCOUNTS, unit)
    agency = Agency.objects.create(name=name, short_name=short_name, kind=AgencyKind.PEOPLES_COMMITTEE, unit=unit)
    AgencyAlias(agency=agency, alias=short_name).save()
    if by is not None:
        audit.record(by, Action.AGENCY_CREATE, agency, unit=unit,
                     after={**audit.snapshot(agency, AGENCY_FIELDS), "aliases": [short_name]})
    return agency


def committee_names(unit: AdministrativeUnit) -> tuple[str, str]:
    """("Ủy ban nhân dân huyện Kỳ Anh", "UBND huyện Kỳ Anh"): how documents name the unit's People's Committee."""
    written = f"{unit.full_name[0].lower()}{unit.full_name[1:]}"
    return f"Ủy ban nhân dân {written}", f"UBND {written}"


class AlreadyMoved(ValidationError):
    """The membership was moved to a successor already: a second move would give the role twice."""


@transaction.atomic
def move_membership(membership: Membership, to_unit: AdministrativeUnit, *, version: int, by,
                    agency: Agency | None = None, role: str | None = None) -> Membership:
    """Moves a role held on a unit that no longer exists to one of its successors, in one step.

    The new membership is on `to_unit` (one of `queries.successor_choices`), for `agency` or else the unit's People's
    Committee (created if missing), in `role` or else the same role. The old membership is kept for history, read
    only: it becomes a viewer's on the old unit and points to the new one, so it is never moved twice.
    """
    # Only the membership row is locked: PostgreSQL locks no row of an outer join (scope_unit may be empty).
    old = Membership.objects.select_for_update(of=("self",)).select_related("user", "agency", "scope_unit").get(pk=membership.pk)
    if not scope.memberships_for(by).filter(pk=old.pk).exists():
        raise PermissionDenied
    old_unit = _check_movable(old, version)
    if to_unit.pk not in {unit.pk for unit in queries.successor_choices(old_unit, timezone.localdate())}:
        raise ValidationError(f"{to_unit.full_name} không phải là đơn vị kế thừa {old_unit.full_name}.")
    _require(by, Permission.MANAGE_ACCOUNTS, to_unit)
    new_role = role or old.role
    if new_role not in scope.assignable_roles(by):
        raise PermissionDenied
    new_agency = agency or ensure_committee(to_unit, by=by)
    _require(by, Permission.MANAGE_ACCOUNTS, new_agency.unit)
    new, _ = _activate(old.user, new_agency, new_role, to_unit)
    before = audit.snapshot(old, MEMBERSHIP_FIELDS)
    update_if_unchanged(Membership, old.pk, version, replaced_by=new, **_read_only_on_old_unit(old))
    old.refresh_from_db()
    audit.record(by, Action.MEMBERSHIP_MOVE, old, unit=old.scope_unit, before=before, after={
        **audit.snapshot(old, [*MEMBERSHIP_FIELDS, "replaced_by"]), "new": audit.snapshot(new, MEMBERSHIP_FIELDS)})
    return new


def _check_movable(membership: Membership, version: int) -> AdministrativeUnit:
    """The membership's ended unit, or why the membership cannot move."""
    if membership.replaced_by_id is not None:
        moved = Membership.objects.select_related("scope_unit").get(pk=membership.replaced_by_id)
        where = moved.scope_unit.full_name if moved.scope_unit else "toàn quốc"
        raise AlreadyMoved(f"Phân quyền này đã được chuyển sang {where} ({moved.get_role_display()}); "
                           "không chuyển lần thứ hai. Muốn đổi, hãy sửa phân quyền mới trên trang người dùng.")
    check_version(membership, version)
    if not membership.is_active:
        raise ValidationError("Phân quyền này đã bị thu hồi: không cần chuyển.")
    if membership.scope_unit is None or membership.scope_unit.is_valid_on(timezone.localdate()):
        raise ValidationError("Địa bàn của phân quyền này vẫn còn: không cần chuyển.")
    return membership.scope_unit


def _read_only_on_old_unit(old: Membership) -> dict[str, object]:
    """A viewer's role on the old unit; if the user is a viewer there for that agency already, that one keeps the
    history and this one ends."""
    duplicate = Membership.objects.filter(user=old.user_id, agency=old.agency_id, role=Role.VIEWER,
                                          scope_unit=old.scope_unit_id).exclude(pk=old.pk)
    return {"is_active": False} if duplicate.exists() else {"role": Role.VIEWER}
