"""The demo province's targets for 2024, as a notice of its steering committee would state them (illustrative)."""

from decimal import Decimal

from accounts.demo import load_demo_spec
from accounts.models import User
from geo.models import AdministrativeUnit
from targets import services
from targets.models import Target

YEAR = 2024
NOTE = ""  # the province is marked illustrative once (programme.services.mark_illustrative), not each target
TARGETS = (
    ("new_communes_ntm_standard", Decimal(30)),  # "phấn đấu có thêm 30 xã đạt chuẩn"
    ("avg_criteria_per_commune", Decimal("18.5")),
    ("communes_below_10_criteria", Decimal(0)),  # "không còn xã dưới 10 tiêu chí"
    ("villages_ntm_standard", Decimal(4)),
    ("new_model_residential_areas", Decimal(3)),
    ("new_model_gardens", Decimal(5)),
    ("disbursement_rate", Decimal(60)),
)


TODAY_YEAR = 2026
TODAY_TARGETS = (  # the first year of the 2026–2030 set, after the merger of communes
    ("communes_meeting_all_criteria", Decimal(8)),
    ("new_communes_ntm_standard", Decimal(3)),
    ("new_communes_modern_ntm", Decimal(1)),
    ("multidimensional_poverty_rate", Decimal("3.5")),
)


def load_demo_targets_today(province: AdministrativeUnit) -> int:
    """The province's illustrative targets of 2026 (once), set by the office; returns how many were set."""
    office = User.objects.get(username="vpdp")
    if Target.objects.filter(unit=province, year=TODAY_YEAR).exists():
        return 0
    for measure, value in TODAY_TARGETS:
        services.set_target(province, year=TODAY_YEAR, measure=measure, value=value, note=NOTE, by=office)
    return len(TODAY_TARGETS)


def load_demo_targets() -> int:
    """Sets the targets once (by the demo coordinator, as the office would); returns how many were set."""
    spec = load_demo_spec()
    province = AdministrativeUnit.objects.provinces().valid_on(spec["as_of"]).get(code=spec["province_code"])
    office = User.objects.filter(username="vpdp").first()
    if office is None or Target.objects.filter(unit=province, year=YEAR).exists():
        return 0
    for measure, value in TARGETS:
        services.set_target(province, year=YEAR, measure=measure, value=value, note=NOTE, by=office)
    return len(TARGETS)
