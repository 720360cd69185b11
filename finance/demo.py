"""Demo capital for the demo province (Hà Tĩnh), 2021–2024, clearly labelled, so that the finance pages tell
a story: about 120 projects in its communes with yearly plans by source, mid-year adjustments and monthly
payments (fast and slow investors, capital moved away from slow projects, a few projects never started),
construction debt cleared or not, cement for rural roads, reward funds and sponsorships.

None of it is real: the figures are made up, only plausible in size, and the province is marked illustrative
once (every page of it says "Số liệu minh họa" once) rather than each decision.
Deterministic (stable hashes, no randomness) and idempotent: nothing is added once the province has projects
coded "MH-".
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from accounts.demo import load_demo_spec
from accounts.models import Agency, AgencyAlias, AgencyKind
from finance import demo_support, rules, services, stamps
from finance.demo_values import (
    LAST_YEAR,
    MILLION,
    between,
    committee,
    day_in,
    decision,
    lower_first,
    millions,
    stable,
    thousands,
)
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Disbursement,
    PlanChange,
    Project,
    RewardFund,
    SourceKind,
)
from geo.models import AdministrativeUnit, Kind
from ntm.text import fold

CODE_PREFIX = "MH-"
COMMUNES_WITH_PROJECTS = 60  # 20 with three projects, 20 with two, 20 with one: 120 projects
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
    usable.sort(key=lambda i: -(stable("type", commune.code, i) ** (1 / TYPES[i].weight)))
    return usable[:count]


def _draft_projects(communes: list[AdministrativeUnit], demo_commune: AdministrativeUnit | None,
                    demo_villages: list[str]) -> list[ProjectDraft]:
    rural = [c for c in communes if c.kind == Kind.COMMUNE]
    by_district: dict[int | None, list[AdministrativeUnit]] = defaultdict(list)
    for commune in rural:
        by_district[commune.parent_id].append(commune)
    ordered = sorted(rural, key=lambda c: (c != demo_commune, stable("commune", c.code)))
    drafts = []
    for rank, commune in enumerate(ordered[:COMMUNES_WITH_PROJECTS]):
        others = [c for c in by_district[commune.parent_id] if c != commune]
        neighbour = min(others, key=lambda c: stable("near", commune.code, c.code), default=None)
        villages = [lower_first(v) for v in demo_villages] if commune == demo_commune else list(VILLAGES)
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
        village=villages[int(stable("village", key) * len(villages))],
        lake=LAKES[int(stable("lake", key) * len(LAKES))],
    )
    total = round(between(kind.low, kind.high, "total", key) / 10) * 10
    luck = stable("first year", key)
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
                  key=lambda d: stable("sole", d.key))
    fates = [("unfunded", 2024), ("unfunded", 2023), ("withdrawn", 2023)]
    for draft, (state, year) in zip(sole, fates, strict=False):
        draft.state, draft.first_year, draft.last_year = state, year, year
    single_year = [d for d in drafts if d.state == "started" and d.first_year == d.last_year >= 2023]
    for draft in sorted(single_year, key=lambda d: stable("waiting", d.key))[:3]:
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
        Agency(name=f"Ủy ban nhân dân {lower_first(u.full_name)}", short_name=committee(u),
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
        draft.pace = 0.7 * stable("pace", pace_key) + 0.3 * stable("pace", draft.key)


# --- Plans, adjustments and payments ---------------------------------------------------------------------


class Decisions:
    """Who decides a source's plan, and when: one decision per issuer and year for the plans, one for the
    adjustments."""

    def __init__(self, province: AdministrativeUnit) -> None:
        self.province_issuer = committee(province)

    def issuer(self, draft: ProjectDraft, source: str) -> str:
        if source == SourceKind.DISTRICT:
            return committee(draft.district)
        if source in (SourceKind.COMMUNE, SourceKind.COMMUNITY):
            return committee(draft.commune)
        return self.province_issuer

    def approver(self, draft: ProjectDraft) -> str:
        """A department's project is approved by the province, a district's or a commune's by the district."""
        local = draft.kind.investor in ("commune", "district")
        return committee(draft.district) if local else self.province_issuer

    def initial(self, issuer: str, year: int) -> tuple[datetime.date, str]:
        """Plans are given in January (province), late January–February (district), February (commune)."""
        luck = stable("initial", issuer, year)
        if issuer == self.province_issuer:
            day = datetime.date(year, 1, 8 + int(luck * 12))
        elif "xã" in issuer:
            day = datetime.date(year, 2, 3 + int(luck * 22))
        else:
            day = datetime.date(year, 1, 25) + datetime.timedelta(days=int(luck * 20))
        return day, decision(issuer, day, f"giao kế hoạch vốn năm {year}")

    def adjustment(self, issuer: str, year: int) -> tuple[datetime.date, str]:
        """Mid-year review: the province in July, districts and communes in August — before the 30/9 check."""
        day = day_in(year, 7 if issuer == self.province_issuer else 8, "adjustment", issuer, year)
        return day, decision(issuer, day, f"điều chỉnh kế hoạch vốn năm {year}")


def _sources(draft: ProjectDraft) -> list[tuple[str, float]]:
    """The sources of a project and their shares, the main one first: mostly central and provincial, with
    district, commune, community or integrated capital beside them."""
    luck, other = stable("main source", draft.key), stable("other source", draft.key)
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
    draft.planned_start = day_in(draft.first_year, 3 + int(stable("start month", key) * 3), "start", key)
    draft.planned_completion = day_in(draft.last_year, 9 + int(stable("end month", key) * 3), "end", key)
    approved_on = day_in(draft.first_year - 1, 10 + int(stable("approval month", key) * 3), "approval", key)
    what = "phê duyệt báo cáo kinh tế – kỹ thuật" if draft.total_millions < 5000 else "phê duyệt dự án đầu tư"
    draft.approval = decision(decisions.approver(draft), approved_on, what)
    if draft.state != "started":
        return
    draft.actual_start = draft.planned_start + datetime.timedelta(days=int((1 - draft.pace) * 75))
    if draft.last_year < LAST_YEAR or draft.pace >= 0.55:
        draft.status = Project.Status.COMPLETED
        draft.actual_completion = day_in(draft.last_year, 10 + int(stable("done", key) * 2), "done day", key)
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
        target = thousands(float(plan) * reach * progress)
        if target > paid:
            rows.append((day_in(year, month, "pay", key, year, month), target - paid))
            paid = target
    return rows


def _plans(draft: ProjectDraft, decisions: Decisions) -> None:
    if draft.state == "unfunded":
        return
    years = list(range(draft.first_year, draft.last_year + 1))
    sources = _sources(draft)[:1] if draft.state == "withdrawn" else _sources(draft)
    for year, share in zip(years, _year_shares(years), strict=True):
        for index, (source, part) in enumerate(sources):
            amount = millions(draft.total_millions * share * part)
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
        if main and stable("cut waiting", draft.key) < 0.5:
            cut = millions(float(amount) / MILLION * 0.5)
            plan.changes.append((adjusted_on, -cut, adjustment, "Điều chuyển vốn: dự án chậm khởi công"))
        return plan
    return _funded_plan(draft, PlanDraft(year, source), amount, main, (effective, decision),
                        (adjusted_on, adjustment))


def _funded_plan(draft: ProjectDraft, plan: PlanDraft, amount: Decimal, main: bool,
                 initial: tuple[datetime.date, str], adjustment: tuple[datetime.date, str]) -> PlanDraft:
    """A started project's year: its payments, and for the main source perhaps a cut (slow) or an increase
    (fast) at the mid-year review."""
    key, year = draft.key, plan.year
    pace = min(1.0, max(0.0, draft.pace + 0.2 * (stable("year pace", key, year) - 0.5)))
    reach = 1.0 if pace > 0.75 else min(1.0, 0.62 + 0.4 * pace + 0.05 * stable("reach", key, year))
    assert draft.actual_start is not None
    first_month = initial[0].month + 1
    if year == draft.actual_start.year:
        first_month = max(first_month, draft.actual_start.month + 1)
    luck = stable("adjust", key, year)
    delta = Decimal(0)
    if main and pace < 0.3 and luck < 0.6:
        delta = -millions(float(amount) / MILLION * between(0.2, 0.45, "cut", key, year))
    elif main and pace > 0.7 and luck < 0.45:
        delta = millions(float(amount) / MILLION * between(0.1, 0.3, "add", key, year))
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
        key=lambda d: stable("debt", d.key),
    )
    chosen: list[ProjectDraft] = []
    for draft in candidates:
        if len(chosen) < DEBT_COMMUNES and all(c.commune != draft.commune for c in chosen):
            chosen.append(draft)
    debts = []
    for number, draft in enumerate(chosen):
        assert draft.actual_completion is not None
        share = between(0.3, 0.8, "debt amount", draft.key)
        amount = max(Decimal(50 * MILLION), millions(float(draft.unpaid()) / MILLION * share))
        cleared_on = _repay(draft, decisions, amount) if number % 2 == 0 else None
        as_of = datetime.date(draft.actual_completion.year, 12, 31)
        debts.append((draft, ConstructionDebt(commune=draft.commune, amount=amount, as_of=as_of,
                                              cleared_on=cleared_on)))
    return debts


def _repay(draft: ProjectDraft, decisions: Decisions, debt: Decimal) -> datetime.date:
    """A plan the year after (or the one after that) to pay the debt, paid in two instalments."""
    year = min(LAST_YEAR, draft.last_year + 1 + (stable("repay", draft.key) < 0.3))
    source = SourceKind.DISTRICT if draft.kind.investor in ("commune", "district") else SourceKind.PROVINCIAL
    effective, decision = decisions.initial(decisions.issuer(draft, source), year)
    first = thousands(float(debt) * 0.6)
    payments = [(day_in(year, effective.month + 1, "repay", draft.key), first),
                (day_in(year, effective.month + 3, "repay", draft.key, 2), debt - first)]
    changes = [(effective, debt, decision, "Thanh toán nợ đọng xây dựng cơ bản")]
    draft.plans.append(PlanDraft(year, source, changes, payments))
    return payments[-1][0]


# --- Writing -------------------------------------------------------------------------------------------


def _write_projects(drafts: list[ProjectDraft], province: AdministrativeUnit) -> dict[str, Project]:
    """Projects, their communes, plans, changes and payments; returns the projects by draft key."""
    projects = Project.objects.bulk_create([
        Project(province=province, code=d.code, name=d.name, investor=d.investor,
                criteria=list(d.kind.criteria), is_new=d.first_year > 2021 or stable("new", d.key) < 0.5,
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
        if day.year >= 2023 and stable("typed in", plan.project.code, day) >= 0.2:
            key = f"KBNN-HT-{day:%Y-%m}"
            lines[key] += 1
        rows.append(Disbursement(plan=plan, day=day, amount=amount, statement_key=key,
                                 line=lines[key] if key else None))
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
    CementSupport.objects.bulk_create(demo_support.cement(communes))
    RewardFund.objects.bulk_create(demo_support.rewards(communes, province))
    demo_support.sponsorships(communes, province, demo_commune)
    _publish(province)
    stamps.bump(province.pk)
    return len(drafts)


PUBLISHED = ((2023, datetime.date(2023, 9, 30)), (2023, datetime.date(2023, 12, 31)), (2024, datetime.date(2024, 9, 30)))


def _publish(province: AdministrativeUnit) -> None:
    """Three monthly disclosures, so that the public page has something to show."""
    for year, as_of in PUBLISHED:
        disclosure = services.disclosure_of(province, year, as_of, rules.DEFAULT_LINE)
        disclosure.save()
