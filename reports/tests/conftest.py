"""A small world for the reports, on the root fixtures' map, in 2022 (figures taken on 30/09/2022):

Criteria (set test-commune, 3 criteria): Kỳ Tân meets all 3, Kỳ Lạc 2 (2.1 at 60 %), Đức Lạng 0 — the
province's average is 5/3 = 1,67. Kỳ Tân and Kỳ Lạc are registered for 2022; Kỳ Lạc's one gap (2.1, Sở Giao
thông vận tải) was due on 31/08/2022 and it owes 450 million đồng of construction debt.

Recognised: Kỳ Tân (15/08/2022), Đức Lạng (20/12/2019); Kỳ Lạc's decision of 20/10/2022 comes after the day;
Thôn Tân Thắng is a standard village and a model area (2022); Kỳ Tân has two model gardens of 2022 and one of
2021; Kỳ Xa of Tỉnh Khác (2022) never counts.

Capital of 2022: Sở NN&PTNT 700 of 1,000 million (70 %); UBND huyện Kỳ Anh 300 of 2,000 million (15 %; another
500 million paid on 10/10); Tỉnh Khác 900 of 1,000 million.

Tasks of notice 05/TB-BCĐ (01/03/2022), as of 30/09: one done on time, one done late, three overdue (one of
them done only on 05/10), one due on 20/10, one without a deadline, one cancelled; a notice of 15/10/2022 and
one of Tỉnh Khác do not count.

Targets of 2022: 2 new communes at standard, 2,5 criteria per commune, 60 % disbursed.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from accounts.models import Role
from assessment import evaluation
from assessment.models import IndicatorValue
from conftest import REFORM as REFORM_DAY
from conftest import make_unit
from directives.models import Notice, Task, TaskStatus
from finance.models import ConstructionDebt
from finance.tests.factories import pay, plan, project
from geo.models import ChangeKind, Kind, UnitChange
from recognition import roadmaps
from recognition.models import Dossier, Registration, Subject, Tier
from recognition.tests.conftest import give_values
from targets.models import Comparator, Target

YEAR = 2022
DAY = datetime.date(2022, 9, 30)
MILLION = Decimal(1_000_000)
ALL_MET = {"1.1": True, "2.1": "85", "2.2": True, "3.1": "52"}


@dataclass
class ReportsWorld:
    map: object
    ky_tan: Registration
    ky_lac: Registration
    tasks: dict  # name → Task


def recognise(unit, decided: datetime.date, *, subject=Subject.COMMUNE, level=Tier.STANDARD,
              registration=None, owner="") -> Dossier:
    return Dossier.objects.create(subject=subject, unit=unit, level=level, year=decided.year,
                                  step="recognised", decision_date=decided, registration=registration,
                                  garden_owner=owner)


def task(notice, lead, due, status=TaskStatus.OPEN, completed=None, summary="") -> Task:
    return Task.objects.create(notice=notice, lead_agency=lead, due_date=due, status=status,
                               completed_on=completed, summary=summary or f"Nhiệm vụ của {lead.name}")


def _criteria(m, coordinator) -> tuple[Registration, Registration]:
    give_values(m.commune, ALL_MET)
    give_values(m.sibling_commune, {**ALL_MET, "2.1": "60"})
    give_values(m.far_commune, {"1.1": False})
    register = {"year": YEAR, "level": Tier.STANDARD, "decision": "QĐ 120/QĐ-UBND",
                "decided_on": datetime.date(YEAR, 2, 1), "by": coordinator}
    ky_tan = roadmaps.register(m.commune, **register)
    ky_lac = roadmaps.register(m.sibling_commune, **register)
    ky_lac.roadmap.filter(indicator_code="2.1").update(due_date=datetime.date(YEAR, 8, 31))
    return ky_tan, ky_lac


def _recognitions(m, ky_tan: Registration, ky_lac: Registration) -> None:
    recognise(m.commune, datetime.date(YEAR, 8, 15), registration=ky_tan)
    recognise(m.far_commune, datetime.date(2019, 12, 20))
    recognise(m.sibling_commune, datetime.date(YEAR, 10, 20), registration=ky_lac)
    recognise(m.other_province_commune, datetime.date(YEAR, 3, 3))
    recognise(m.village, datetime.date(YEAR, 5, 5), subject=Subject.VILLAGE)
    recognise(m.village, datetime.date(YEAR, 6, 6), subject=Subject.MODEL_AREA, level=Tier.MODEL)
    gardens = [("Nguyễn Văn An", datetime.date(YEAR, 7, 7)), ("Trần Thị Bình", datetime.date(YEAR, 7, 8)),
               ("Lê Văn Cường", datetime.date(2021, 7, 7))]
    for owner, day in gardens:
        recognise(m.commune, day, subject=Subject.GARDEN, owner=owner)


def _capital(m, agencies) -> None:
    fast = project(m.province, "DA-01", "Kênh mương xã Kỳ Tân", agencies["department"], [m.commune])
    pay(plan(fast, 1000 * MILLION, year=YEAR), datetime.date(YEAR, 5, 5), 700 * MILLION)
    slow = project(m.province, "DA-02", "Nhà văn hóa xã Kỳ Lạc", agencies["district"], [m.sibling_commune])
    slow_plan = plan(slow, 2000 * MILLION, year=YEAR)
    pay(slow_plan, datetime.date(YEAR, 6, 6), 300 * MILLION)
    pay(slow_plan, datetime.date(YEAR, 10, 10), 500 * MILLION)
    ConstructionDebt.objects.create(project=slow, commune=m.sibling_commune, amount=450 * MILLION,
                                    as_of=datetime.date(YEAR, 1, 1))
    foreign = project(m.other_province, "DA-KX", "Đường xã Kỳ Xa", agencies["other_office"],
                      [m.other_province_commune])
    pay(plan(foreign, 1000 * MILLION, year=YEAR), datetime.date(YEAR, 5, 5), 900 * MILLION)


def _tasks(m, agencies) -> dict:
    notice = Notice.objects.create(province=m.province, number="05/TB-BCĐ", date=datetime.date(YEAR, 3, 1),
                                   full_text="Kết luận của Ban Chỉ đạo")
    on = datetime.date
    tasks = {
        "on_time": task(notice, agencies["department"], on(YEAR, 6, 30), TaskStatus.DONE, on(YEAR, 6, 20)),
        "late": task(notice, agencies["district"], on(YEAR, 5, 31), TaskStatus.DONE, on(YEAR, 7, 10)),
        "overdue": task(notice, agencies["office"], on(YEAR, 8, 31),
                        summary="Tổng hợp kết quả rà soát các xã"),
        "overdue_in_progress": task(notice, agencies["district"], on(YEAR, 9, 15), TaskStatus.IN_PROGRESS),
        "done_after_the_day": task(notice, agencies["commune"], on(YEAR, 9, 20), TaskStatus.DONE,
                                   on(YEAR, 10, 5)),
        "upcoming": task(notice, agencies["department"], on(YEAR, 10, 20)),
        "no_deadline": task(notice, agencies["office"], None),
        "cancelled": task(notice, agencies["office"], on(YEAR, 4, 1), TaskStatus.CANCELLED),
    }
    later = Notice.objects.create(province=m.province, number="09/TB-BCĐ", date=datetime.date(YEAR, 10, 15),
                                  full_text="Kết luận tháng 10")
    tasks["later_notice"] = task(later, agencies["office"], on(YEAR, 11, 30))
    foreign = Notice.objects.create(province=m.other_province, number="01/TB", date=datetime.date(YEAR, 2, 1),
                                    full_text="Tỉnh khác")
    tasks["foreign"] = task(foreign, agencies["other_office"], on(YEAR, 6, 1))
    return tasks


def _targets(m) -> None:
    for measure, value in [("new_communes_ntm_standard", 2), ("avg_criteria_per_commune", Decimal("2.5")),
                           ("disbursement_rate", 60)]:
        Target.objects.create(unit=m.province, year=YEAR, measure=measure, value=value,
                              comparator=Comparator.AT_LEAST)


@pytest.fixture
def world(geo_map, agencies, cast, small_set, region_dhntb) -> ReportsWorld:
    ky_tan, ky_lac = _criteria(geo_map, cast[Role.COORDINATOR])
    _recognitions(geo_map, ky_tan, ky_lac)
    _capital(geo_map, agencies)
    tasks = _tasks(geo_map, agencies)
    _targets(geo_map)
    return ReportsWorld(geo_map, ky_tan, ky_lac, tasks)


# December 2026 -----------------------------------------------------------------------------------------------
# The map after the reform (root fixtures: Kỳ Tân and Kỳ Lạc merged into Kỳ Anh Mới on 1/7/2025), with more of
# today's communes: Đức Lạng Mới (from Đức Lạng), Kỳ Sơn and Kỳ Phong (new, no commune behind them in the test map),
# Phường Kỳ Trinh (from the commune Kỳ Trinh: a ward, not assessed). Assessed in 2026 on a ten-criteria set.

TODAY_2026 = datetime.datetime(2026, 12, 3, 9, tzinfo=datetime.UTC)
DAY_2026 = datetime.date(2026, 12, 3)
TEN_SET_CODE = "test-commune-2026"


def ten_criteria_yaml() -> str:
    criteria = "\n".join(
        f'  - number: "{n}"\n    name: Tiêu chí {n}\n    owner: Sở số {n}\n    indicators:\n'
        f'      - {{code: "{n}.1", name: Chỉ tiêu {n}.1, value_type: bool, operator: eq, thresholds: [{{value: true}}]}}'
        for n in range(1, 11))
    return (f'code: {TEN_SET_CODE}\nversion: "2026-01-01"\nname: Bộ tiêu chí thử nghiệm 2026–2030\nlevel: commune\n'
            f'tier: standard\nlegal_basis: "Quyết định thử nghiệm 2026"\nvalid_from: 2026-01-01\ncriteria:\n{criteria}\n')


@pytest.fixture
def ten_set(db):
    """A ten-criteria national set in force from 2026 (the test's stand-in for the 2026–2030 set)."""
    from criteria.models import CriteriaSetRecord

    return CriteriaSetRecord.objects.create(
        code=TEN_SET_CODE, version="2026-01-01", name="Bộ tiêu chí thử nghiệm 2026–2030", level="commune",
        tier="standard", legal_basis="Quyết định thử nghiệm 2026", valid_from=datetime.date(2026, 1, 1),
        definition=ten_criteria_yaml(),
    )


def merge(predecessors, successor, day=REFORM_DAY):
    change = UnitChange.objects.create(kind=ChangeKind.MERGE, effective_date=day, legal_basis="NQ thử nghiệm")
    change.predecessors.set(predecessors)
    change.successors.set([successor])


@dataclass
class Reform:
    map: object
    duc_lang_moi: object
    ky_son: object
    ky_phong: object
    old_ky_trinh: object
    ward: object

    @property
    def communes_2026(self) -> list:
        return [self.map.new_commune, self.duc_lang_moi, self.ky_son, self.ky_phong]


@pytest.fixture
def reform(geo_map, small_set, region_dhntb) -> Reform:
    province, district = geo_map.province, geo_map.district
    duc_lang_moi = make_unit("18501", "Đức Lạng Mới", Kind.COMMUNE, province, valid_from=REFORM_DAY)
    merge([geo_map.far_commune], duc_lang_moi)
    ky_son = make_unit("18404", "Kỳ Sơn", Kind.COMMUNE, province, valid_from=REFORM_DAY)
    ky_phong = make_unit("18405", "Kỳ Phong", Kind.COMMUNE, province, valid_from=REFORM_DAY)
    old_ky_trinh = make_unit("18406", "Kỳ Trinh", Kind.COMMUNE, district, valid_to=REFORM_DAY)
    ward = make_unit("18600", "Kỳ Trinh", Kind.WARD, province, valid_from=REFORM_DAY)
    merge([old_ky_trinh], ward)
    return Reform(geo_map, duc_lang_moi, ky_son, ky_phong, old_ky_trinh, ward)


def give_2026(commune, met: int) -> None:
    """The commune's 2026 values on the ten-criteria set: the first `met` criteria met, the rest not."""
    for n in range(1, 11):
        IndicatorValue.objects.update_or_create(unit=commune, set_code=TEN_SET_CODE, indicator_code=f"{n}.1",
                                                period=datetime.date(2026, 10, 1), defaults={"value": n <= met})
    evaluation.evaluate_communes([commune], TEN_SET_CODE, 2026)
