"""The demo province's illustrative commune groups of 2026–2030, recorded as a province would record its decision
(through `services.set_commune_groups`, audited). The groups are a reading for the demo, labelled as such."""

from pathlib import Path

import yaml

from geo import services
from geo.commune_group_file import GroupRow
from geo.models import AdministrativeUnit, Kind

GROUPS_FILE = Path(__file__).parent / "demo" / "ha-tinh-nhom-xa-minh-hoa.yaml"


def load_demo_commune_groups(province: AdministrativeUnit, *, by) -> int:
    """Every xã of the province valid on the decision's day gets a group (1 and 3 as listed, else 2); returns how
    many changed (none when run again)."""
    spec = yaml.safe_load(GROUPS_FILE.read_text(encoding="utf-8"))
    day = spec["valid_from"]
    listed = {**{code: "1" for code in spec["group_1"]}, **{code: "3" for code in spec["group_3"]}}
    communes = AdministrativeUnit.objects.valid_on(day).communes().within(province).filter(kind=Kind.COMMUNE)
    rows = [GroupRow(number, unit.code, unit.name, listed.get(unit.code, "2"))
            for number, unit in enumerate(communes.order_by("code"), start=1)]
    result = services.set_commune_groups(rows, province=province, valid_from=day, legal_basis=spec["legal_basis"], by=by)
    return len(result.changed)
