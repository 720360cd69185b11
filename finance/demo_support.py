"""Demo support to communes that is not a project: cement for rural roads, reward funds, sponsors and what they
gave. Illustrative, as the rest of the finance demo."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Agency, AgencyKind
from finance.demo_values import LAST_YEAR, MILLION, between, committee, day_in, decision, millions, stable
from finance.models import CementSupport, Contribution, RewardFund, Sponsorship
from geo.models import AdministrativeUnit, Kind
from ntm.formatting import format_number

CEMENT_COMMUNES_PER_YEAR = 40
REWARDED_COMMUNES = 10


@dataclass(frozen=True)
class Sponsor:
    name: str
    short_name: str = ""
    gift: tuple[str, int] | None = None  # what it gives in kind, and its value per unit in đồng


# Illustrative sponsors: the kinds of bodies that sponsor communes (banks, enterprises, the army), named so that
# no real organisation is tied to made-up commitments and contributions.
SPONSORS = (
    Sponsor("Bộ Chỉ huy Quân sự tỉnh", gift=("ngày công làm đường giao thông", 250_000)),
    Sponsor("Ngân hàng thương mại A chi nhánh Hà Tĩnh", "Ngân hàng A"),
    Sponsor("Ngân hàng thương mại B chi nhánh Hà Tĩnh", "Ngân hàng B"),
    Sponsor("Ngân hàng thương mại C chi nhánh Hà Tĩnh", "Ngân hàng C"),
    Sponsor("Ngân hàng chính sách chi nhánh tỉnh", "Ngân hàng chính sách"),
    Sponsor("Công ty điện lực tỉnh", gift=("cột đèn chiếu sáng năng lượng mặt trời", 9_500_000)),
    Sponsor("Công ty viễn thông tỉnh", gift=("bộ máy tính cho trường học", 12_000_000)),
    Sponsor("Công ty cổ phần Vật liệu xây dựng Hồng Lĩnh", gift=("tấn xi măng", 1_450_000)),
    Sponsor("Công ty cổ phần Xây dựng Thiên Cầm", gift=("tấn xi măng", 1_450_000)),
    Sponsor("Hội Doanh nhân trẻ tỉnh Hà Tĩnh"),
)


def cement(communes: list[AdministrativeUnit]) -> list[CementSupport]:
    """Forty communes a year; some cement is still on its way or in the store at the year's end.

    Assumption for the km: a village road 2.5–3 m wide of 14–16 cm concrete (M200–M250, about 300–320 kg of
    cement per m³) takes 110–155 tonnes of cement per km; each commune gets its own figure in that range."""
    rural = [c for c in communes if c.kind == Kind.COMMUNE]
    existing = set(CementSupport.objects.filter(commune__in=rural).values_list("commune_id", "year"))
    tenth, hundredth = Decimal("0.1"), Decimal("0.01")
    rows = []
    for year in range(2021, LAST_YEAR + 1):
        chosen = sorted(rural, key=lambda c: stable("cement", year, c.code))[:CEMENT_COMMUNES_PER_YEAR]
        for commune in chosen:
            if (commune.pk, year) in existing:
                continue
            key = (commune.code, year)
            allocated = Decimal(round(between(200, 1000, "allocated", key) * 2) / 2).quantize(tenth)
            received = (allocated * Decimal(str(between(0.85, 1.0, "received", key)))).quantize(tenth)
            used = (received * Decimal(str(between(0.75, 1.0, "used", key)))).quantize(tenth)
            per_km = Decimal(round(between(110, 155, "tonnes per km", commune.code)))
            rows.append(CementSupport(commune=commune, year=year, allocated_tonnes=allocated,
                                      received_tonnes=received, used_tonnes=used,
                                      road_km=(used / per_km).quantize(hundredth)))
    return rows


def rewards(communes: list[AdministrativeUnit], province: AdministrativeUnit) -> list[RewardFund]:
    """Ten communes rewarded for reaching a standard, a few each year, by a decision of the province at the
    year's end (one a year for each standard)."""
    rural = sorted((c for c in communes if c.kind == Kind.COMMUNE), key=lambda c: stable("reward", c.code))
    rows = []
    for index, commune in enumerate(rural[:REWARDED_COMMUNES]):
        year = 2021 + index % 4
        advanced = stable("advanced", commune.code) < 0.5
        standard = "nông thôn mới nâng cao" if advanced else "nông thôn mới"
        day = day_in(year, 11 + advanced, "reward day", year)
        purpose = f"thưởng công trình phúc lợi cho xã đạt chuẩn {standard}"
        amount = millions(round(between(1000, 2000, "reward amount", commune.code) / 100) * 100)
        rows.append(RewardFund(commune=commune, year=year, amount=amount,
                               decision=decision(committee(province), day, purpose)))
    return rows


def sponsorships(communes: list[AdministrativeUnit], province: AdministrativeUnit,
                  demo_commune: AdministrativeUnit | None) -> None:
    """Ten sponsors, the first four with two communes each, over 2021–2025; some give less than they
    committed."""
    rural = sorted((c for c in communes if c.kind == Kind.COMMUNE),
                   key=lambda c: (c != demo_commune, stable("sponsored", c.code)))
    sponsors = [
        Agency.objects.get_or_create(unit=province, name=s.name,
                                     defaults={"short_name": s.short_name, "kind": AgencyKind.SPONSOR})[0]
        for s in SPONSORS
    ]
    slots = [(spec, agency) for index, (spec, agency) in enumerate(zip(SPONSORS, sponsors, strict=True))
             for _ in range(2 if index < 4 else 1)]
    drafted = []
    for (spec, agency), commune in zip(slots, rural, strict=False):
        key = (spec.name, commune.code)
        start_year = 2021 + (stable("late start", key) < 0.35)
        start = datetime.date(start_year, 1 + int(stable("start", key) * 6), 1)
        committed = millions(round(between(500, 5000, "committed", key) / 50) * 50)
        note = "Cam kết hỗ trợ xây dựng nông thôn mới giai đoạn 2021–2025"
        sponsorship = Sponsorship(sponsor=agency, unit=commune, start=start, end=datetime.date(2025, 12, 31),
                                  committed=committed, commitment_note=note)
        drafted.append((sponsorship, spec, key))
    created = Sponsorship.objects.bulk_create([sponsorship for sponsorship, _, _ in drafted])
    Contribution.objects.bulk_create([
        row for sponsorship, (_, spec, key) in zip(created, drafted, strict=True)
        for row in _contributions(sponsorship, spec, key)
    ])


def _contributions(sponsorship: Sponsorship, spec: Sponsor, key: tuple[str, str]) -> list[Contribution]:
    """Two to five gifts spread from the start to the end of 2024, adding up to about 45–105 % of the
    commitment; every other one in kind when the sponsor gives in kind, valued at its unit price."""
    count = 2 + int(stable("gifts", key) * 4)
    target = float(sponsorship.committed) * between(0.45, 1.05, "kept", key)
    days = (datetime.date(2024, 12, 20) - sponsorship.start).days
    rows = []
    for index in range(count):
        offset = int((index + stable("gift day", key, index)) / count * days)
        day = sponsorship.start + datetime.timedelta(days=offset)
        share = target / count * between(0.7, 1.3, "gift size", key, index)
        if spec.gift and index % 2 == 0:
            what, price = spec.gift
            quantity = max(10, round(share / price / 10) * 10)
            rows.append(Contribution(sponsorship=sponsorship, day=day, amount=Decimal(quantity * price),
                                     in_kind=f"{format_number(quantity)} {what}"))
        else:
            rows.append(Contribution(sponsorship=sponsorship, day=day, amount=millions(share / MILLION)))
    return rows
