"""A small world for targets on the root fixtures' map, in 2023 (figures taken on 30/09/2023):

Recognised at the standard: Kỳ Tân (10/03/2023), Kỳ Lạc (20/12/2022, a revocation pending), Kỳ Bắc (15/11/2023,
after the day); Đức Lạng (01/06/2023) revoked on 01/08/2023; Kỳ Phong only appraised; Kỳ Xa of Tỉnh Khác
(02/02/2023). Kỳ Tân reached the advanced level on 05/05/2023. Thôn Tân Thắng is a standard village and a model
residential area (2023); Kỳ Tân has two model gardens of 2023 and one of 2022.

Criteria (set test-commune): roll-ups of the province (2023: 62 criteria over 4 communes, 2022: 55 over 4) and of
Kỳ Anh (2023: 47 over 3); results of 2023: Kỳ Tân 19, Kỳ Lạc 16, Kỳ Phong 8, Đức Lạng 12, Kỳ Xa 3.

Capital of 2023: a road of Kỳ Tân, 1 billion planned, 400 million paid on 15/03 and 200 million on 10/10; a school
of Đức Lạng, 500 million planned, 100 million paid on 01/06; a project of Tỉnh Khác, 900 of 1,000 million paid.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from assessment.models import CommuneResult, RollUp
from conftest import make_unit
from finance.models import CapitalPlan, Disbursement, PlanChange, Project, SourceKind
from geo.models import AdministrativeUnit, Kind
from recognition.models import Dossier, Revocation, RevocationOutcome, Subject, Tier

YEAR = 2023
DAY = datetime.date(2023, 9, 30)
MILLION = Decimal(1_000_000)


@dataclass
class TargetsWorld:
    map: object
    phong: AdministrativeUnit  # Kỳ Phong, Kỳ Anh
    bac: AdministrativeUnit  # Kỳ Bắc, Kỳ Anh


def dossier(unit, decided: datetime.date | None, *, subject=Subject.COMMUNE, level=Tier.STANDARD,
            step="recognised", owner="") -> Dossier:
    year = decided.year if decided else YEAR
    return Dossier.objects.create(subject=subject, unit=unit, level=level, year=year, step=step,
                                  decision_date=decided, garden_owner=owner)


def revoke(target: Dossier, outcome: str, decided_on: datetime.date | None) -> Revocation:
    return Revocation.objects.create(dossier=target, reason="criteria_lost", detected_on=datetime.date(2023, 3, 1),
                                     deadline=datetime.date(2023, 7, 1), outcome=outcome, decided_on=decided_on)


def result(unit, met: int, *, year: int = YEAR, total: int = 19) -> CommuneResult:
    return CommuneResult.objects.create(
        unit=unit, set_code="test-commune", set_version="2021-01-01", year=year, as_of=datetime.date(year, 9, 1),
        criteria_met=met, criteria_total=total, meets_standard=met == total, criteria_class="", criteria={},
        indicators={})


def rollup(unit, *, year: int, evaluated: int, met_sum: int, classes: dict) -> RollUp:
    return RollUp.objects.create(unit=unit, set_code="test-commune", year=year, communes_total=evaluated,
                                 communes_evaluated=evaluated, communes_at_standard=0, criteria_met_sum=met_sum,
                                 classes=classes, criterion_met={})


def project(province, code: str, investor, communes, plan: Decimal, payments: list[tuple[datetime.date, Decimal]],
            **fields) -> Project:
    made = Project.objects.create(province=province, code=code, name=f"Công trình {code}", investor=investor, **fields)
    made.communes.set(communes)
    capital = CapitalPlan.objects.create(project=made, year=YEAR, source=SourceKind.CENTRAL_INVESTMENT)
    PlanChange.objects.create(plan=capital, effective=datetime.date(YEAR, 1, 10), amount=plan, decision="QĐ giao vốn")
    for day, amount in payments:
        Disbursement.objects.create(plan=capital, day=day, amount=amount)
    return made


@pytest.fixture
def world(geo_map, agencies, small_set) -> TargetsWorld:
    m = geo_map
    phong = make_unit("18404", "Kỳ Phong", Kind.COMMUNE, m.district, valid_to=datetime.date(2025, 7, 1))
    bac = make_unit("18405", "Kỳ Bắc", Kind.COMMUNE, m.district, valid_to=datetime.date(2025, 7, 1))
    dossier(m.commune, datetime.date(2023, 3, 10))
    revoke(dossier(m.sibling_commune, datetime.date(2022, 12, 20)), RevocationOutcome.PENDING, None)
    dossier(bac, datetime.date(2023, 11, 15))
    revoke(dossier(m.far_commune, datetime.date(2023, 6, 1)), RevocationOutcome.REVOKED, datetime.date(2023, 8, 1))
    dossier(phong, None, step="appraised")
    dossier(m.other_province_commune, datetime.date(2023, 2, 2))
    dossier(m.commune, datetime.date(2023, 5, 5), level=Tier.ADVANCED)
    dossier(m.village, datetime.date(2023, 4, 4), subject=Subject.VILLAGE)
    dossier(m.village, datetime.date(2023, 4, 4), subject=Subject.MODEL_AREA)
    for owner, day in [("Nguyễn Văn An", datetime.date(2023, 6, 6)), ("Trần Thị Bình", datetime.date(2023, 7, 7)),
                       ("Lê Văn Cường", datetime.date(2022, 6, 6))]:
        dossier(m.commune, day, subject=Subject.GARDEN, owner=owner)

    rollup(m.province, year=2023, evaluated=4, met_sum=62, classes={"lt10": 1, "10-14": 1, "15+": 1, "all": 1})
    rollup(m.province, year=2022, evaluated=4, met_sum=55, classes={"lt10": 2, "10-14": 2})
    rollup(m.district, year=2023, evaluated=3, met_sum=47, classes={"lt10": 1, "15+": 1, "all": 1})
    for unit, met in [(m.commune, 19), (m.sibling_commune, 16), (phong, 8), (m.far_commune, 12),
                      (m.other_province_commune, 3)]:
        result(unit, met)
    result(phong, 5, year=2022)

    project(m.province, "DA-01", agencies["commune"], [m.commune], 1000 * MILLION,
            [(datetime.date(2023, 3, 15), 400 * MILLION), (datetime.date(2023, 10, 10), 200 * MILLION)])
    project(m.province, "DA-02", agencies["department"], [m.far_commune], 500 * MILLION,
            [(datetime.date(2023, 6, 1), 100 * MILLION)])
    project(m.other_province, "DA-KX", agencies["other_office"], [m.other_province_commune], 1000 * MILLION,
            [(datetime.date(2023, 5, 5), 900 * MILLION)])
    return TargetsWorld(m, phong, bac)
