"""Loads the demo province (Hà Tĩnh as of 2022): its agencies, one user per role, a commune's villages; then
brings the users to today's map (`load_demo_today`): the commune officer moved to the commune that absorbed
Kỳ Tân, the district officer kept read-only on the ended district for its 2021–2025 history.

Idempotent: run again, it finds what is there and adds only what is missing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from accounts import scope
from accounts.models import Agency, AgencyAlias, Membership, Role, User
from accounts.services import ensure_committee, move_membership
from geo.models import AdministrativeUnit, Kind, Level
from geo.queries import successors_today

DEMO_FILE = Path(__file__).parent / "demo" / "hatinh.yaml"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    where: str


def load_demo_spec() -> dict:
    return yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    spec = load_demo_spec()
    day = spec["as_of"]
    province = AdministrativeUnit.objects.provinces().valid_on(day).get(code=spec["province_code"])
    district = AdministrativeUnit.objects.valid_on(day).districts().within(province).get(**spec["demo_district"])
    commune = AdministrativeUnit.objects.valid_on(day).communes().within(district).get(name=spec["demo_commune"])
    agencies = {item["name"]: _agency(province, item) for item in spec["agencies"]}
    if spec.get("district_committees"):
        for unit in AdministrativeUnit.objects.valid_on(day).districts().within(province):
            ensure_committee(unit, by=None)
    agencies["district"] = ensure_committee(district, by=None)
    agencies["commune"] = ensure_committee(commune, by=None)
    _villages(commune, spec["demo_villages"])
    scopes = {"province": province, "district": district, "commune": commune, None: None}
    for item in spec["users"]:
        _user(item, agencies, scopes, spec["password"])
    return demo_logins()


@transaction.atomic
def load_demo_today(today: datetime.date) -> list[DemoLogin]:
    """Moves the roles the spec names off the units that ended on 1/7/2025 (once), as an office would."""
    spec = load_demo_spec()["today"]
    admin = User.objects.get(username=spec["moved_by"])
    for membership in Membership.objects.active().filter(user__username__in=spec["move"], replaced_by=None,
                                                         scope_unit__valid_to__lte=today).select_related("scope_unit"):
        assert membership.scope_unit is not None  # the filter reads its end date
        heirs = successors_today(membership.scope_unit, today)
        move_membership(membership, heirs[0], version=membership.version, by=admin)
    Membership.objects.active().filter(user__username__in=spec["read_only"], scope_unit__valid_to__lte=today).exclude(
        role=Role.VIEWER).update(role=Role.VIEWER)  # kept for the ended unit's history; the demo audits nothing it makes
    return demo_logins(today)


def demo_logins(today: datetime.date | None = None) -> list[DemoLogin]:
    """One line per demo user: their role and where, saying when the unit has ended."""
    spec = load_demo_spec()
    today = today or timezone.localdate()
    logins = []
    for item in spec["users"]:
        user = User.objects.get(username=item["username"])
        membership = scope.primary_membership(user)
        unit = membership.scope_unit if membership else None
        where = unit.full_name if unit else "toàn quốc"
        if unit is not None and not unit.is_valid_on(today):
            where += f" (không còn từ {unit.valid_to:%d/%m/%Y}; xem lịch sử 2021–2025)"
        logins.append(DemoLogin(item["username"], spec["password"], Role(membership.role).label if membership else "", where))
    return logins


def _agency(unit: AdministrativeUnit, item: dict) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        unit=unit, name=item["name"], defaults={"short_name": item.get("short_name", ""), "kind": item["kind"]}
    )
    for alias in item.get("aliases", []):
        if not agency.aliases.filter(alias=alias).exists():
            AgencyAlias(agency=agency, alias=alias).save()
    return agency


def _villages(commune: AdministrativeUnit, names: list[str]) -> None:
    for number, name in enumerate(names, start=1):
        AdministrativeUnit.objects.get_or_create(
            level=Level.VILLAGE, parent=commune, name=name,
            defaults={"code": f"{commune.code}.{number:03d}", "kind": Kind.THON, "source": "demo"},
        )


def _user(item: dict, agencies: dict[str, Agency], scopes: dict, password: str) -> None:
    """The user and their 2022 role, made once: a role moved or made read-only since is not made again."""
    user, created = User.objects.get_or_create(
        username=item["username"], defaults={"full_name": item["full_name"], "email": item.get("email", "")})
    if not created:
        return
    user.set_password(password)
    user.is_staff = user.is_superuser = item["role"] == Role.ADMIN
    user.save()
    Membership.objects.create(user=user, agency=agencies[item["agency"]], role=item["role"], scope_unit=scopes[item["scope"]])
