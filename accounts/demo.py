"""Loads the demo province (Hà Tĩnh as of 2022): its agencies, one user per role, a commune's villages.

Idempotent: run again, it finds what is there and adds only what is missing.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from accounts.models import Agency, AgencyAlias, Membership, Role, User
from accounts.services import ensure_committee
from geo.models import AdministrativeUnit, Kind, Level

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
    return [_user(item, agencies, scopes, spec["password"]) for item in spec["users"]]


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


def _user(item: dict, agencies: dict[str, Agency], scopes: dict, password: str) -> DemoLogin:
    user, created = User.objects.get_or_create(
        username=item["username"], defaults={"full_name": item["full_name"], "email": item.get("email", "")})
    if created:
        user.set_password(password)
        user.is_staff = user.is_superuser = item["role"] == Role.ADMIN
        user.save()
    scope_unit = scopes[item["scope"]]
    Membership.objects.get_or_create(user=user, agency=agencies[item["agency"]], role=item["role"], scope_unit=scope_unit)
    where = scope_unit.full_name if scope_unit else "toàn quốc"
    return DemoLogin(item["username"], password, Role(item["role"]).label, where)
