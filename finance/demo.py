"""Demo capital for the demo province (Hà Tĩnh), 2021–2024, clearly labelled, so that the finance pages tell
a story: about 120 projects in its communes with yearly plans by source, mid-year adjustments and monthly
payments (fast and slow investors, capital moved away from slow projects, a few projects never started),
construction debt cleared or not, cement for rural roads, reward funds and sponsorships.

None of it is real: every decision is written "(minh họa)" and the figures are made up, only plausible in
size.
Deterministic (stable hashes, no randomness) and idempotent: nothing is added once the province has projects
coded "MH-".
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from accounts.demo import load_demo_spec
from accounts.models import Agency, AgencyAlias, AgencyKind
from finance import rules, services, stamps
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Contribution,
    Disbursement,
    PlanChange,
    Project,
    RewardFund,
    SourceKind,
    Sponsorship,
)
from geo.models import AdministrativeUnit, Kind
from ntm.formatting import format_number
from ntm.text import fold

CODE_PREFIX = "MH-"
LABEL = "(minh họa)"
LAST_YEAR = 2024
MILLION = 1_000_000
COMMUNES_WITH_PROJECTS = 60  # 20 with three projects, 20 with two, 20 with one: 120 projects
CEMENT_COMMUNES_PER_YEAR = 40
REWARDED_COMMUNES = 10
DEBT_COMMUNES = 15

# Village names are illustrative, as in accounts.demo: no national dataset has them.
VILLAGES = (
    "thôn Trung Sơn", "thôn Đông Tiến", "thôn Tân Phong", "thôn Yên Thịnh", "thôn Hồng Hà", "thôn Bắc Tiến",
    "thôn Thượng Long", "thôn Phú Hòa", "thôn Quyết Thắng", "thôn Đồng Văn", "thôn Hòa Bình",
    "thôn Minh Tiến", "thôn Sơn Thủy", "thôn Liên Hương", "thôn Kim Sơn", "thôn Thanh Lục", "thôn Nam Phong",
    "thôn Tây Hồ",
)
LAKES = ("Khe Lang", "Bàu Sen", "Đập Cửa", "Khe Mây", "Đồng Bể", "Khe Dứa")
AGRICULTURE = "Sở Nông nghiệp và Phát triển nông thôn"


@dataclass(frozen=True)
class ProjectType:
    template: str  # with {village}, {commune}, {neighbour} or {lake}
    criteria: tuple[int, ...]  # numbers of the 2021–2025 commune set it serves
    investor: str  # "commune", "district" or the name of a provincial department
    low: int  # total investment, millions of đồng
    high: int
    weight: int = 1


TYPES = (
    ProjectType("Đường giao thông nông thôn {village}, xã {commune}", (2,), "commune", 800, 4500, 6),
    ProjectType("Nâng cấp đường trục xã {commune}, đoạn từ trụ sở UBND xã đến {village}", (2,), "commune",
                1500, 6000, 3),
    ProjectType("Cứng hóa đường trục chính nội đồng {village}, xã {commune}", (2,), "commune", 500, 2500, 2),
    ProjectType("Đường liên xã {commune} – {neighbour}", (2,), "district", 4000, 15000, 3),
    ProjectType("Nâng cấp đường liên xã {commune} – {neighbour}", (2,), "Sở Giao thông vận tải", 6000, 15000),
    ProjectType("Kênh mương nội đồng {village}, xã {commune}", (3,), "commune", 600, 3000, 4),
    ProjectType("Nâng cấp trạm bơm tưới tiêu {village}, xã {commune}", (3,), "district", 1200, 4000),
    ProjectType("Sửa chữa, nâng cấp hồ chứa nước {lake}, xã {commune}", (3,), AGRICULTURE, 5000, 15000),
    ProjectType("Trường mầm non xã {commune}: nhà lớp học 2 tầng 6 phòng", (5,), "district", 3500, 9000, 2),
    ProjectType("Trường tiểu học {commune}: nhà học bộ môn và các hạng mục phụ trợ", (5,), "district",
                3000, 8000),
    ProjectType("Trường THCS {commune}: nhà đa năng", (5, 16), "district", 4000, 10000),
    ProjectType("Nhà văn hóa {village}, xã {commune}", (6,), "commune", 500, 1500, 4),
    ProjectType("Nhà văn hóa – khu thể thao xã {commune}", (6,), "commune", 2500, 6000),
    ProjectType("Chợ xã {commune}", (7,), "commune", 2000, 6000),
    ProjectType("Hệ thống loa truyền thanh ứng dụng công nghệ thông tin – viễn thông xã {commune}", (8,),
                "commune", 500, 900),
    ProjectType("Trạm y tế xã {commune}", (15,), "Sở Y tế", 3000, 6500),
    ProjectType("Hệ thống cấp nước sinh hoạt tập trung xã {commune}", (17,), AGRICULTURE, 6000, 15000),
    ProjectType("Điểm tập kết, trung chuyển rác thải xã {commune}", (17,), "commune", 500, 1500),
    ProjectType("Mương thoát nước thải khu dân cư {village}, xã {commune}", (17,), "commune", 600, 2000, 2),
    ProjectType("Chỉnh trang nghĩa trang nhân dân xã {commune}", (17,), "commune", 800, 2500),
)


@dataclass(frozen=True)
class Sponsor:
    name: str
    short_name: str = ""
    gift: tuple[str, int] | None = None  # what it gives in kind, and its value per unit in đồng


# Illustrative sponsors: the kinds of bodies that sponsor communes (banks, enterprises, the army), named so that
# no real organisation is tied to made-up commitments and contributions.
SPONSORS = (
    Sponsor("Bộ Chỉ huy Quân sự tỉnh (minh họa)", gift=("ngày công làm đường giao thông", 250_000)),
    Sponsor("Ngân hàng thương mại A chi nhánh Hà Tĩnh (minh họa)", "Ngân hàng A"),
    Sponsor("Ngân hàng thương mại B chi nhánh Hà Tĩnh (minh họa)", "Ngân hàng B"),
    Sponsor("Ngân hàng thương mại C chi nhánh Hà Tĩnh (minh họa)", "Ngân hàng C"),
    Sponsor("Ngân hàng chính sách chi nhánh tỉnh (minh họa)", "Ngân hàng chính sách"),
    Sponsor("Công ty điện lực tỉnh (minh họa)", gift=("cột đèn chiếu sáng năng lượng mặt trời", 9_500_000)),
    Sponsor("Công ty viễn thông tỉnh (minh họa)", gift=("bộ máy tính cho trường học", 12_000_000)),
    Sponsor("Công ty cổ phần Vật liệu xây dựng Hồng Lĩnh (minh họa)", gift=("tấn xi măng", 1_450_000)),
    Sponsor("Công ty cổ phần minh họa đỡ đầu (dữ liệu minh họa)", gift=("tấn xi măng", 1_450_000)),
    Sponsor("Hội Doanh nhân trẻ tỉnh Hà Tĩnh (minh họa)"),
)


def _stable(*parts: object) -> float:
    """A number in [0, 1) from the parts: the same demo every run."""
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big") / 2**64


def _between(low: float, high: float, *parts: object) -> float:
    return low + (high - low) * _stable(*parts)


def _day(year: int, month: int, *parts: object) -> datetime.date:
    return datetime.date(year, month, 1 + int(_stable(*parts) * 27))


def _millions(value: float) -> Decimal:
    """Plans and commitments are decided in whole millions of đồng."""
    return Decimal(max(0, round(value))) * MILLION


def _thousands(value: float) -> Decimal:
    """Treasury payments come to the thousand đồng."""
    return Decimal(max(0, int(value) // 1000 * 1000))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _committee(unit: AdministrativeUnit) -> str:
    """ "UBND huyện Kỳ Anh", as decisions name the issuer."""
    return f"UBND {_lower_first(unit.full_name)}"


def _decision(issuer: str, day: datetime.date, purpose: str) -> str:
    """A decision numbered as the year runs (about ten a day at the province), labelled illustrative."""
    per_day = 10 if "tỉnh" in issuer else 3
    number = 1 + int(day.timetuple().tm_yday * per_day + _stable("number", issuer, day) * 9)
    return f"Quyết định số {number}/QĐ-UBND ngày {day:%d/%m/%Y} của {issuer} {purpose} {LABEL}"


# --- The story, drafted in memory before a row is written ------------------------------------------------

Change = tuple[datetime.date, Decimal, str, str]  # effective, amount, decision, note
Payment = tuple[datetime.date, Decimal]


@dataclass
class PlanDraft:
    year: int
    source: str
    changes: list[Change] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)


@dataclass
class ProjectDraft:
    key: str  # stable across runs and databases, unlike a primary key
    commune: AdministrativeUnit
    neighbour: AdministrativeUnit | None
    kind: ProjectType
    name: str
    total_millions: int
    first_year: int
    last_year: int
    # "started", or never started: "waiting" (a plan, no payment), "withdrawn" (its plan moved away),
    # "unfunded" (no plan at all)
    state: str = "started"
    code: str = ""
    investor: Agency | None = None
    pace: float = 0.5
    planned_start: datetime.date | None = None
    actual_start: datetime.date | None = None
    planned_completion: datetime.date | None = None
    actual_completion: datetime.date | None = None
    status: str = Project.Status.PLANNED
    approval: str = ""
    plans: list[PlanDraft] = field(default_factory=list)

    @property
    def district(self) -> AdministrativeUnit:
        assert self.commune.parent is not None
        return self.commune.parent

    def paid(self) -> Decimal:
        return sum((amount for plan in self.plans for _, amount in plan.payments), Decimal(0))

    def unpaid(self) -> Decimal:
        return self.total_millions * MILLION - self.paid()


def _pick_types(commune: AdministrativeUnit, count: int, has_neighbour: bool) -> list[int]:
    """`count` different kinds of work for a commune, weighted (roads most often): u^(1/w), largest first."""
    usable = [i for i, kind in enumerate(TYPES) if has_neighbour or "{neighbour}" not in kind.template]
    usable.sort(key=lambda i: -(_stable("type", commune.code, i) ** (1 / TYPES[i].weight)))
    return usable[:count]


def _draft_projects(communes: list[AdministrativeUnit], demo_commune: AdministrativeUnit | None,
                    demo_villages: list[str]) -> list[ProjectDraft]:
    rural = [c for c in communes if c.kind == Kind.COMMUNE]
    by_district: dict[int | None, list[AdministrativeUnit]] = defaultdict(list)
    for commune in rural:
        by_district[commune.parent_id].append(commune)
    ordered = sorted(rural, key=lambda c: (c != demo_commune, _stable("commune", c.code)))
    drafts = []
    for rank, commune in enumerate(ordered[:COMMUNES_WITH_PROJECTS]):
        others = [c for c in by_district[commune.parent_id] if c != commune]
        neighbour = min(others, key=lambda c: _stable("near", commune.code, c.code), default=None)
        villages = [_lower_first(v) for v in demo_villages] if commune == demo_commune else list(VILLAGES)
        for type_index in _pick_types(commune, 3 - rank // 20, neighbour is not None):
            drafts.append(_draft_project(commune, neighbour, type_index, villages))
    _choose_the_unstarted(drafts)
    _number(drafts)
    return drafts


def _draft_project(commune: AdministrativeUnit, neighbour: AdministrativeUnit | None, type_index: int,
                   villages: list[str]) -> ProjectDraft:
    kind = TYPES[type_index]
    key = f"{commune.code}:{type_index}"
    name = kind.template.format(
        commune=commune.name, neighbour=neighbour.name if neighbour else "",
        village=villages[int(_stable("village", key) * len(villages))],
        lake=LAKES[int(_stable("lake", key) * len(LAKES))],
    )
    total = round(_between(kind.low, kind.high, "total", key) / 10) * 10
    luck = _stable("first year", key)
    first_year = 2021 if luck < 0.3 else 2022 if luck < 0.55 else 2023 if luck < 0.8 else 2024
    span = 1 if total < 3000 else 3 if total > 10000 and first_year <= 2022 else 2
    last_year = min(LAST_YEAR, first_year + span - 1)
    return ProjectDraft(key, commune, neighbour, kind, name, total, first_year, last_year)


def _choose_the_unstarted(drafts: list[ProjectDraft]) -> None:
    """Six projects never started: two sole projects of their commune without any plan, one whose plan was
    moved away entirely (their investors have no plan, so a ranking leaves them unranked), three with a plan
    but no payment."""
    per_commune: dict[str, int] = defaultdict(int)
    for draft in drafts:
        per_commune[draft.commune.code] += 1
    sole = sorted((d for d in drafts if per_commune[d.commune.code] == 1 and d.kind.investor == "commune"),
                  key=lambda d: _stable("sole", d.key))
    fates = [("unfunded", 2024), ("unfunded", 2023), ("withdrawn", 2023)]
    for draft, (state, year) in zip(sole, fates, strict=False):
        draft.state, draft.first_year, draft.last_year = state, year, year
    single_year = [d for d in drafts if d.state == "started" and d.first_year == d.last_year >= 2023]
    for draft in sorted(single_year, key=lambda d: _stable("waiting", d.key))[:3]:
        draft.state = "waiting"


def _number(drafts: list[ProjectDraft]) -> None:
    """MH-2021-001…: numbered by the year the project first appears, in the order of commune codes."""
    drafts.sort(key=lambda d: (d.first_year, d.commune.code, d.key))
    counters: dict[int, int] = defaultdict(int)
    for draft in drafts:
        counters[draft.first_year] += 1
        draft.code = f"{CODE_PREFIX}{draft.first_year}-{counters[draft.first_year]:03d}"


# --- Investors ------------------------------------------------------------------------------------------


def _committees(units: set[AdministrativeUnit]) -> dict[int, Agency]:
    """The People's Committee of each unit: the one accounts.demo made, or a new one named the same way."""
    found: dict[int, Agency] = {}
    for agency in Agency.objects.filter(kind=AgencyKind.PEOPLES_COMMITTEE, unit__in=units).order_by("-pk"):
        found[agency.unit_id] = agency  # the oldest wins
    missing = sorted((u for u in units if u.pk not in found), key=lambda u: u.code)
    created = Agency.objects.bulk_create([
        Agency(name=f"Ủy ban nhân dân {_lower_first(u.full_name)}", short_name=_committee(u),
               kind=AgencyKind.PEOPLES_COMMITTEE, unit=u)
        for u in missing
    ])
    AgencyAlias.objects.bulk_create([
        AgencyAlias(agency=a, alias=a.short_name, search_alias=fold(a.short_name)) for a in created
    ])
    return found | {agency.unit_id: agency for agency in created}


def _assign_investors(drafts: list[ProjectDraft], province: AdministrativeUnit) -> None:
    """Commune works by the commune, schools and inter-commune roads by the district, a few big ones by a
    department (by the district when the department is not there). Each investor has its own pace, the project
    a little of its own."""
    names = {t.investor for t in TYPES}
    departments = {a.name: a for a in Agency.objects.filter(unit=province, name__in=names)}
    committees = _committees({d.commune for d in drafts} | {d.district for d in drafts})
    for draft in drafts:
        investor = draft.kind.investor
        if investor == "commune":
            draft.investor, pace_key = committees[draft.commune.pk], f"commune:{draft.commune.code}"
        elif investor in departments:
            draft.investor, pace_key = departments[investor], f"department:{investor}"
        else:
            draft.investor, pace_key = committees[draft.district.pk], f"district:{draft.district.code}"
        draft.pace = 0.7 * _stable("pace", pace_key) + 0.3 * _stable("pace", draft.key)


# --- Plans, adjustments and payments ---------------------------------------------------------------------


class Decisions:
    """Who decides a source's plan, and when: one decision per issuer and year for the plans, one for the
    adjustments."""

    def __init__(self, province: AdministrativeUnit) -> None:
        self.province_issuer = _committee(province)

    def issuer(self, draft: ProjectDraft, source: str) -> str:
        if source == SourceKind.DISTRICT:
            return _committee(draft.district)
        if source in (SourceKind.COMMUNE, SourceKind.COMMUNITY):
            return _committee(draft.commune)
        return self.province_issuer

    def approver(self, draft: ProjectDraft) -> str:
        """A department's project is approved by the province, a district's or a commune's by the district."""
        local = draft.kind.investor in ("commune", "district")
        return _committee(draft.district) if local else self.province_issuer

    def initial(self, issuer: str, year: int) -> tuple[datetime.date, str]:
        """Plans are given in January (province), late January–February (district), February (commune)."""
        luck = _stable("initial", issuer, year)
        if issuer == self.province_issuer:
            day = datetime.date(year, 1, 8 + int(luck * 12))
        elif "xã" in issuer:
            day = datetime.date(year, 2, 3 + int(luck * 22))
        else:
            day = datetime.date(year, 1, 25) + datetime.timedelta(days=int(luck * 20))
        return day, _decision(issuer, day, f"giao kế hoạch vốn năm {year}")

    def adjustment(self, issuer: str, year: int) -> tuple[datetime.date, str]:
        """Mid-year review: the province in July, districts and communes in August — before the 30/9 check."""
        day = _day(year, 7 if issuer == self.province_issuer else 8, "adjustment", issuer, year)
        return day, _decision(issuer, day, f"điều chỉnh kế hoạch vốn năm {year}")


def _sources(draft: ProjectDraft) -> list[tuple[str, float]]:
    """The sources of a project and their shares, the main one first: mostly central and provincial, with
    district, commune, community or integrated capital beside them."""
    luck, other = _stable("main source", draft.key), _stable("other source", draft.key)
    if draft.kind.investor == "commune":
        main = (SourceKind.CENTRAL_INVESTMENT if luck < 0.5 else SourceKind.PROVINCIAL if luck < 0.8
                else SourceKind.DISTRICT)
        if other < 0.45:
            return [(main, 0.85), (SourceKind.COMMUNITY, 0.15)]
        return [(main, 0.9), (SourceKind.COMMUNE, 0.1)] if other < 0.65 else [(main, 1.0)]
    if draft.kind.investor == "district":
        main = SourceKind.CENTRAL_INVESTMENT if luck < 0.6 else SourceKind.PROVINCIAL
        return [(main, 0.7), (SourceKind.DISTRICT if other < 0.7 else SourceKind.INTEGRATED, 0.3)]
    beside = SourceKind.PROVINCIAL if other < 0.6 else SourceKind.INTEGRATED
    return [(SourceKind.CENTRAL_INVESTMENT, 0.7), (beside, 0.3)]


def _year_shares(years: list[int]) -> list[float]:
    return {1: [1.0], 2: [0.6, 0.4], 3: [0.4, 0.4, 0.2]}[len(years)]


def _timeline(draft: ProjectDraft, decisions: Decisions) -> None:
    """Approved in the autumn before; starts in March–May as planned, late by up to ten weeks when slow;
    completes in October–November of its last year, unless it is slow and still running in 2024."""
    key = draft.key
    draft.planned_start = _day(draft.first_year, 3 + int(_stable("start month", key) * 3), "start", key)
    draft.planned_completion = _day(draft.last_year, 9 + int(_stable("end month", key) * 3), "end", key)
    approved_on = _day(draft.first_year - 1, 10 + int(_stable("approval month", key) * 3), "approval", key)
    what = "phê duyệt báo cáo kinh tế – kỹ thuật" if draft.total_millions < 5000 else "phê duyệt dự án đầu tư"
    draft.approval = _decision(decisions.approver(draft), approved_on, what)
    if draft.state != "started":
        return
    draft.actual_start = draft.planned_start + datetime.timedelta(days=int((1 - draft.pace) * 75))
    if draft.last_year < LAST_YEAR or draft.pace >= 0.55:
        draft.status = Project.Status.COMPLETED
        draft.actual_completion = _day(draft.last_year, 10 + int(_stable("done", key) * 2), "done day", key)
    else:
        draft.status = Project.Status.STARTED


def _payments(key: str, plan: Decimal, reach: float, pace: float, first_month: int,
              year: int) -> list[Payment]:
    """Monthly payments from `first_month` to December reaching `reach` of the plan. A fast investor pays a
    larger advance (tạm ứng) on signing and then steadily; a slow one keeps the money for the year-end
    rush."""
    months = list(range(min(first_month, 12), 13))
    advance, exponent = 0.15 + 0.25 * pace, 0.5 + 2.0 * (1 - pace)
    paid, rows = Decimal(0), []
    for index, month in enumerate(months, start=1):
        progress = advance + (1 - advance) * (index / len(months)) ** exponent
        target = _thousands(float(plan) * reach * progress)
        if target > paid:
            rows.append((_day(year, month, "pay", key, year, month), target - paid))
            paid = target
    return rows


def _plans(draft: ProjectDraft, decisions: Decisions) -> None:
    if draft.state == "unfunded":
        return
    years = list(range(draft.first_year, draft.last_year + 1))
    sources = _sources(draft)[:1] if draft.state == "withdrawn" else _sources(draft)
    for year, share in zip(years, _year_shares(years), strict=True):
        for index, (source, part) in enumerate(sources):
            amount = _millions(draft.total_millions * share * part)
            draft.plans.append(_plan(draft, decisions, year, source, amount, main=index == 0))


def _plan(draft: ProjectDraft, decisions: Decisions, year: int, source: str, amount: Decimal,
          main: bool) -> PlanDraft:
    issuer = decisions.issuer(draft, source)
    effective, decision = decisions.initial(issuer, year)
    adjusted_on, adjustment = decisions.adjustment(issuer, year)
    if draft.state == "withdrawn":
        return PlanDraft(year, source, [
            (effective, amount, decision, "Giao vốn khởi công mới"),
            (adjusted_on, -amount, adjustment, "Điều chuyển toàn bộ vốn: dự án chưa đủ điều kiện khởi công"),
        ])
    if draft.state == "waiting":
        plan = PlanDraft(year, source, [(effective, amount, decision, "Giao vốn khởi công mới")])
        if main and _stable("cut waiting", draft.key) < 0.5:
            cut = _millions(float(amount) / MILLION * 0.5)
            plan.changes.append((adjusted_on, -cut, adjustment, "Điều chuyển vốn: dự án chậm khởi công"))
        return plan
    return _funded_plan(draft, PlanDraft(year, source), amount, main, (effective, decision),
                        (adjusted_on, adjustment))


def _funded_plan(draft: ProjectDraft, plan: PlanDraft, amount: Decimal, main: bool,
                 initial: tuple[datetime.date, str], adjustment: tuple[datetime.date, str]) -> PlanDraft:
    """A started project's year: its payments, and for the main source perhaps a cut (slow) or an increase
    (fast) at the mid-year review."""
    key, year = draft.key, plan.year
    pace = min(1.0, max(0.0, draft.pace + 0.2 * (_stable("year pace", key, year) - 0.5)))
    reach = 1.0 if pace > 0.75 else min(1.0, 0.62 + 0.4 * pace + 0.05 * _stable("reach", key, year))
    assert draft.actual_start is not None
    first_month = initial[0].month + 1
    if year == draft.actual_start.year:
        first_month = max(first_month, draft.actual_start.month + 1)
    luck = _stable("adjust", key, year)
    delta = Decimal(0)
    if main and pace < 0.3 and luck < 0.6:
        delta = -_millions(float(amount) / MILLION * _between(0.2, 0.45, "cut", key, year))
    elif main and pace > 0.7 and luck < 0.45:
        delta = _millions(float(amount) / MILLION * _between(0.1, 0.3, "add", key, year))
    final = amount + delta
    plan.payments = _payments(key, final, reach, pace, first_month, year)
    if delta > 0:
        # What was paid before the increase must have fitted in the plan then in force.
        paid_before = sum((a for d, a in plan.payments if d < adjustment[0]), Decimal(0))
        amount = max(amount, -(-paid_before // MILLION) * MILLION)
        delta = final - amount
        if delta < 50 * MILLION:  # too small to be worth a decision: the whole plan from January
            amount, delta = final, Decimal(0)
    plan.changes = [(initial[0], amount, initial[1], "Giao kế hoạch vốn")]
    if delta > 0:
        plan.changes.append((adjustment[0], delta, adjustment[1], "Bổ sung vốn: dự án giải ngân tốt"))
    elif delta < 0:
        plan.changes.append((adjustment[0], delta, adjustment[1], "Điều chuyển vốn: dự án giải ngân chậm"))
    return plan


# --- Construction debt -----------------------------------------------------------------------------------


def _debts(drafts: list[ProjectDraft], decisions: Decisions) -> list[tuple[ProjectDraft, ConstructionDebt]]:
    """Works completed by 2023 and not fully paid, in fifteen communes: about half cleared later by a
    repayment plan and its payments, the rest still outstanding."""
    candidates = sorted(
        (d for d in drafts if d.status == Project.Status.COMPLETED and d.last_year < LAST_YEAR
         and d.unpaid() >= 100 * MILLION),
        key=lambda d: _stable("debt", d.key),
    )
    chosen: list[ProjectDraft] = []
    for draft in candidates:
        if len(chosen) < DEBT_COMMUNES and all(c.commune != draft.commune for c in chosen):
            chosen.append(draft)
    debts = []
    for number, draft in enumerate(chosen):
        assert draft.actual_completion is not None
        share = _between(0.3, 0.8, "debt amount", draft.key)
        amount = max(Decimal(50 * MILLION), _millions(float(draft.unpaid()) / MILLION * share))
        cleared_on = _repay(draft, decisions, amount) if number % 2 == 0 else None
        as_of = datetime.date(draft.actual_completion.year, 12, 31)
        debts.append((draft, ConstructionDebt(commune=draft.commune, amount=amount, as_of=as_of,
                                              cleared_on=cleared_on)))
    return debts


def _repay(draft: ProjectDraft, decisions: Decisions, debt: Decimal) -> datetime.date:
    """A plan the year after (or the one after that) to pay the debt, paid in two instalments."""
    year = min(LAST_YEAR, draft.last_year + 1 + (_stable("repay", draft.key) < 0.3))
    source = SourceKind.DISTRICT if draft.kind.investor in ("commune", "district") else SourceKind.PROVINCIAL
    effective, decision = decisions.initial(decisions.issuer(draft, source), year)
    first = _thousands(float(debt) * 0.6)
    payments = [(_day(year, effective.month + 1, "repay", draft.key), first),
                (_day(year, effective.month + 3, "repay", draft.key, 2), debt - first)]
    changes = [(effective, debt, decision, "Thanh toán nợ đọng xây dựng cơ bản")]
    draft.plans.append(PlanDraft(year, source, changes, payments))
    return payments[-1][0]


# --- Writing -------------------------------------------------------------------------------------------


def _write_projects(drafts: list[ProjectDraft], province: AdministrativeUnit) -> dict[str, Project]:
    """Projects, their communes, plans, changes and payments; returns the projects by draft key."""
    projects = Project.objects.bulk_create([
        Project(province=province, code=d.code, name=d.name, investor=d.investor,
                criteria=list(d.kind.criteria), is_new=d.first_year > 2021 or _stable("new", d.key) < 0.5,
                approved_total=d.total_millions * MILLION, approval_decision=d.approval,
                planned_start=d.planned_start, actual_start=d.actual_start,
                planned_completion=d.planned_completion, actual_completion=d.actual_completion,
                status=d.status)
        for d in drafts
    ])
    served = Project.communes.through
    served.objects.bulk_create([
        served(project_id=project.pk, administrativeunit_id=unit.pk)
        for project, draft in zip(projects, drafts, strict=True)
        for unit in [draft.commune, *([draft.neighbour] if "{neighbour}" in draft.kind.template else [])]
        if unit is not None
    ])
    pairs = [(project, plan) for project, draft in zip(projects, drafts, strict=True) for plan in draft.plans]
    plans = CapitalPlan.objects.bulk_create([CapitalPlan(project=p, year=plan.year, source=plan.source)
                                             for p, plan in pairs])
    PlanChange.objects.bulk_create([
        PlanChange(plan=row, effective=effective, amount=amount, decision=decision, note=note)
        for row, (_, plan) in zip(plans, pairs, strict=True)
        for effective, amount, decision, note in plan.changes
    ])
    Disbursement.objects.bulk_create(_disbursements(plans, [plan for _, plan in pairs]), batch_size=1000)
    return {draft.key: project for project, draft in zip(projects, drafts, strict=True)}


def _disbursements(plans: list[CapitalPlan], drafts: list[PlanDraft]) -> list[Disbursement]:
    """From 2023 most payments come from the treasury's monthly statements ("KBNN-HT-2023-05", one line each,
    in the order of days); earlier ones, and a few later, were typed in."""
    payments = sorted(((day, plan.pk, plan, amount) for plan, draft in zip(plans, drafts, strict=True)
                       for day, amount in draft.payments), key=lambda row: row[:2])
    lines: dict[str, int] = defaultdict(int)
    rows = []
    for day, _, plan, amount in payments:
        key = ""
        if day.year >= 2023 and _stable("typed in", plan.project.code, day) >= 0.2:
            key = f"KBNN-HT-{day:%Y-%m}"
            lines[key] += 1
        rows.append(Disbursement(plan=plan, day=day, amount=amount, statement_key=key,
                                 line=lines[key] if key else None))
    return rows


def _cement(communes: list[AdministrativeUnit]) -> list[CementSupport]:
    """Forty communes a year; some cement is still on its way or in the store at the year's end.

    Assumption for the km: a village road 2.5–3 m wide of 14–16 cm concrete (M200–M250, about 300–320 kg of
    cement per m³) takes 110–155 tonnes of cement per km; each commune gets its own figure in that range."""
    rural = [c for c in communes if c.kind == Kind.COMMUNE]
    existing = set(CementSupport.objects.filter(commune__in=rural).values_list("commune_id", "year"))
    tenth, hundredth = Decimal("0.1"), Decimal("0.01")
    rows = []
    for year in range(2021, LAST_YEAR + 1):
        chosen = sorted(rural, key=lambda c: _stable("cement", year, c.code))[:CEMENT_COMMUNES_PER_YEAR]
        for commune in chosen:
            if (commune.pk, year) in existing:
                continue
            key = (commune.code, year)
            allocated = Decimal(round(_between(200, 1000, "allocated", key) * 2) / 2).quantize(tenth)
            received = (allocated * Decimal(str(_between(0.85, 1.0, "received", key)))).quantize(tenth)
            used = (received * Decimal(str(_between(0.75, 1.0, "used", key)))).quantize(tenth)
            per_km = Decimal(round(_between(110, 155, "tonnes per km", commune.code)))
            rows.append(CementSupport(commune=commune, year=year, allocated_tonnes=allocated,
                                      received_tonnes=received, used_tonnes=used,
                                      road_km=(used / per_km).quantize(hundredth)))
    return rows


def _rewards(communes: list[AdministrativeUnit], province: AdministrativeUnit) -> list[RewardFund]:
    """Ten communes rewarded for reaching a standard, a few each year, by a decision of the province at the
    year's end (one a year for each standard)."""
    rural = sorted((c for c in communes if c.kind == Kind.COMMUNE), key=lambda c: _stable("reward", c.code))
    rows = []
    for index, commune in enumerate(rural[:REWARDED_COMMUNES]):
        year = 2021 + index % 4
        advanced = _stable("advanced", commune.code) < 0.5
        standard = "nông thôn mới nâng cao" if advanced else "nông thôn mới"
        day = _day(year, 11 + advanced, "reward day", year)
        purpose = f"thưởng công trình phúc lợi cho xã đạt chuẩn {standard}"
        amount = _millions(round(_between(1000, 2000, "reward amount", commune.code) / 100) * 100)
        rows.append(RewardFund(commune=commune, year=year, amount=amount,
                               decision=_decision(_committee(province), day, purpose)))
    return rows


def _sponsorships(communes: list[AdministrativeUnit], province: AdministrativeUnit,
                  demo_commune: AdministrativeUnit | None) -> None:
    """Ten sponsors, the first four with two communes each, over 2021–2025; some give less than they
    committed."""
    rural = sorted((c for c in communes if c.kind == Kind.COMMUNE),
                   key=lambda c: (c != demo_commune, _stable("sponsored", c.code)))
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
        start_year = 2021 + (_stable("late start", key) < 0.35)
        start = datetime.date(start_year, 1 + int(_stable("start", key) * 6), 1)
        committed = _millions(round(_between(500, 5000, "committed", key) / 50) * 50)
        note = f"Cam kết hỗ trợ xây dựng nông thôn mới giai đoạn 2021–2025 {LABEL}"
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
    count = 2 + int(_stable("gifts", key) * 4)
    target = float(sponsorship.committed) * _between(0.45, 1.05, "kept", key)
    days = (datetime.date(2024, 12, 20) - sponsorship.start).days
    rows = []
    for index in range(count):
        offset = int((index + _stable("gift day", key, index)) / count * days)
        day = sponsorship.start + datetime.timedelta(days=offset)
        share = target / count * _between(0.7, 1.3, "gift size", key, index)
        if spec.gift and index % 2 == 0:
            what, price = spec.gift
            quantity = max(10, round(share / price / 10) * 10)
            rows.append(Contribution(sponsorship=sponsorship, day=day, amount=Decimal(quantity * price),
                                     in_kind=f"{format_number(quantity)} {what}"))
        else:
            rows.append(Contribution(sponsorship=sponsorship, day=day, amount=_millions(share / MILLION)))
    return rows


@transaction.atomic
def load_demo_finance() -> int:
    """Writes the demo capital of the demo province once; returns how many projects it created (0 when already
    there)."""
    spec = load_demo_spec()
    day = spec["as_of"]  # the map of 2022: Hà Tĩnh's communes stood unchanged from 2021 to October 2024
    province = AdministrativeUnit.objects.provinces().valid_on(day).get(code=spec["province_code"])
    if Project.objects.filter(province=province, code__startswith=CODE_PREFIX).exists():
        return 0
    communes = list(AdministrativeUnit.objects.valid_on(day).communes().within(province)
                    .select_related("parent").order_by("code"))
    district = spec["demo_district"]
    demo_commune = next((c for c in communes if c.name == spec["demo_commune"] and c.parent is not None
                         and (c.parent.name, c.parent.kind) == (district["name"], district["kind"])), None)
    drafts = _draft_projects(communes, demo_commune, spec["demo_villages"])
    _assign_investors(drafts, province)
    decisions = Decisions(province)
    for draft in drafts:
        _timeline(draft, decisions)
        _plans(draft, decisions)
    debts = _debts(drafts, decisions)
    projects = _write_projects(drafts, province)
    for draft, debt in debts:
        debt.project = projects[draft.key]
    ConstructionDebt.objects.bulk_create([debt for _, debt in debts])
    CementSupport.objects.bulk_create(_cement(communes))
    RewardFund.objects.bulk_create(_rewards(communes, province))
    _sponsorships(communes, province, demo_commune)
    _publish(province)
    stamps.bump(province.pk)  # bulk rows send no signals
    return len(drafts)


PUBLISHED = ((2023, datetime.date(2023, 9, 30)), (2023, datetime.date(2023, 12, 31)), (2024, datetime.date(2024, 9, 30)))


def _publish(province: AdministrativeUnit) -> None:
    """Three monthly disclosures, so that the public page has something to show."""
    for year, as_of in PUBLISHED:
        disclosure = services.disclosure_of(province, year, as_of, rules.DEFAULT_LINE)
        disclosure.note = f"Số liệu minh họa {LABEL}."
        disclosure.save()
