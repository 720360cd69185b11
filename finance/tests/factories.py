"""A small finance world on the root fixtures' map: projects, plans, payments, debt, cement and a sponsor in Tỉnh
Mẫu, and the same in Tỉnh Khác, so that every page can be checked for what it shows and what it must not."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Agency, AgencyKind
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Contribution,
    Disbursement,
    PlanChange,
    Project,
    SourceKind,
    Sponsorship,
)

BILLION = Decimal(1_000_000_000)
YEAR = 2023


@dataclass
class FinanceWorld:
    fast: Project  # Sở NN&PTNT, Kỳ Tân: 800 million of 1 billion paid by 30/9 (80 %)
    slow: Project  # UBND huyện Kỳ Anh, Kỳ Lạc: 300 million of 2 billion (15 %), not started by its planned day
    foreign: Project  # Tỉnh Khác: never visible to Tỉnh Mẫu
    sponsor: Sponsorship


def project(province, code: str, name: str, investor: Agency, communes, **fields) -> Project:
    made = Project.objects.create(province=province, code=code, name=name, investor=investor, **fields)
    made.communes.set(communes)
    return made


def plan(project_: Project, amount: Decimal, *, year: int = YEAR, source: str = SourceKind.CENTRAL_INVESTMENT,
         effective: datetime.date | None = None) -> CapitalPlan:
    made, _ = CapitalPlan.objects.get_or_create(project=project_, year=year, source=source)
    PlanChange.objects.create(plan=made, effective=effective or datetime.date(year, 1, 10), amount=amount,
                              decision=f"QĐ giao vốn {year}")
    return made


def pay(plan_: CapitalPlan, day: datetime.date, amount: Decimal) -> Disbursement:
    return Disbursement.objects.create(plan=plan_, day=day, amount=amount)


def finance_world(geo_map, agencies) -> FinanceWorld:
    fast = project(geo_map.province, "DA-NN-01", "Kênh mương nội đồng xã Kỳ Tân", agencies["department"],
                   [geo_map.commune], actual_start=datetime.date(YEAR, 2, 1), status=Project.Status.STARTED)
    fast_plan = plan(fast, BILLION)
    pay(fast_plan, datetime.date(YEAR, 3, 15), Decimal(500_000_000))
    pay(fast_plan, datetime.date(YEAR, 8, 20), Decimal(300_000_000))
    slow = project(geo_map.province, "DA-KA-02", "Nhà văn hóa thôn Tân Thắng", agencies["district"],
                   [geo_map.sibling_commune], planned_start=datetime.date(YEAR, 4, 1))
    slow_plan = plan(slow, 2 * BILLION, source=SourceKind.PROVINCIAL)
    pay(slow_plan, datetime.date(YEAR, 6, 1), Decimal(300_000_000))
    ConstructionDebt.objects.create(project=slow, commune=geo_map.sibling_commune, amount=Decimal(450_000_000),
                                    as_of=datetime.date(YEAR, 1, 1))
    CementSupport.objects.create(commune=geo_map.commune, year=YEAR, allocated_tonnes=Decimal(500),
                                 received_tonnes=Decimal(400), used_tonnes=Decimal(350), road_km=Decimal("8.75"))
    bank = Agency.objects.create(name="Ngân hàng Nông nghiệp chi nhánh tỉnh Mẫu", kind=AgencyKind.SPONSOR,
                                 unit=geo_map.province)
    sponsor = Sponsorship.objects.create(sponsor=bank, unit=geo_map.commune, start=datetime.date(2021, 1, 1),
                                         committed=BILLION)
    Contribution.objects.create(sponsorship=sponsor, day=datetime.date(2022, 5, 1), amount=Decimal(400_000_000))
    foreign = _foreign(geo_map, agencies)
    return FinanceWorld(fast, slow, foreign, sponsor)


def _foreign(geo_map, agencies) -> Project:
    other = project(geo_map.other_province, "DA-KX-01", "Đường trục xã Kỳ Xa", agencies["other_office"],
                    [geo_map.other_province_commune])
    pay(plan(other, BILLION), datetime.date(YEAR, 5, 5), Decimal(100_000_000))
    ConstructionDebt.objects.create(project=other, commune=geo_map.other_province_commune, amount=Decimal(7),
                                    as_of=datetime.date(YEAR, 1, 1))
    CementSupport.objects.create(commune=geo_map.other_province_commune, year=YEAR, allocated_tonnes=Decimal(9))
    bank = Agency.objects.create(name="Doanh nghiệp đỡ đầu tỉnh Khác", kind=AgencyKind.SPONSOR,
                                 unit=geo_map.other_province_commune)
    Sponsorship.objects.create(sponsor=bank, unit=geo_map.other_province_commune, start=datetime.date(2021, 1, 1),
                               committed=BILLION)
    return other
