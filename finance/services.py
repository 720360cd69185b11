"""Every single-record write of the finance app: checked, scoped, audited, inside one transaction.

Bulk files go through `finance.imports`; these are the forms of the project page, the ledgers and the office. A write
that changes what the cached figures are made from (projects, plans, payments, debts) moves the province's stamp
itself (`stamps.bump`), inside its transaction."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit
from accounts.actions import Action
from accounts.models import Agency, AgencyKind
from accounts.queries import agencies_named
from finance import access, figures, once, rules, stamps
from finance.models import (
    CapitalPlan,
    CementSupport,
    ConstructionDebt,
    Contribution,
    Disbursement,
    Disclosure,
    PlanChange,
    Project,
    Sponsorship,
)
from finance.rules import MAX_AMOUNT
from geo.models import AdministrativeUnit
from ntm.formatting import format_number
from ntm.locking import StaleVersion, bump, check_version

PROGRESS_FIELDS = ["status", "actual_start", "actual_completion"]
CEMENT_FIELDS = ["allocated_tonnes", "received_tonnes", "used_tonnes", "road_km"]


@transaction.atomic
def record_disbursement(project: Project, *, source: str, day: datetime.date, amount: Decimal, by,
                        token: str | None = None, over_plan_reason: str = "") -> Disbursement:
    """A payment entered by hand against the plan of the day's year and the source.

    It may not take what was paid against the plan past the plan in force (`rules.overrun`): an investor's officer
    is refused with what remains; the office may record it anyway with a reason (an override, audited as such).
    The plan is locked while it is checked, so that two payments at once cannot both take the last of it."""
    if not access.may_update(by, project):
        raise PermissionDenied
    once.claim(token, "finance.disburse", by=by)
    if not 0 < amount <= MAX_AMOUNT:
        raise ValidationError(f"Số tiền giải ngân phải lớn hơn 0 và không quá {format_number(MAX_AMOUNT)} đồng.")
    if day > timezone.localdate():
        raise ValidationError("Ngày giải ngân không được sau hôm nay.")
    plan = CapitalPlan.objects.select_for_update().filter(project=project, year=day.year, source=source).first()
    if plan is None:
        raise ValidationError(
            f"Dự án chưa có kế hoạch vốn năm {day.year} nguồn này; giải ngân phải thuộc năm của kế hoạch vốn."
        )
    changes = [rules.PlanChange(e, a) for e, a in plan.changes.values_list("effective", "amount")]
    payments = [rules.Payment(d, a) for d, a in plan.disbursements.values_list("day", "amount")]
    over = rules.overrun(changes, payments, [rules.Payment(day, amount)])
    if over is not None:
        _allow_overrun(project, plan, amount, over, over_plan_reason, by)
    if sum((p.amount for p in payments), amount) > MAX_AMOUNT:
        raise ValidationError(f"Tổng giải ngân của một kế hoạch vốn không được quá {format_number(MAX_AMOUNT)} đồng.")
    payment = Disbursement.objects.create(plan=plan, day=day, amount=amount, created_by=by)
    stamps.bump(project.province_id)
    after = {"plan": plan.pk, "day": day.isoformat(), "amount": str(amount)}
    if over is None:
        audit.record(by, Action.FINANCE_DISBURSE, project, unit=project.province, after=after)
    else:
        audit.record(by, Action.FINANCE_DISBURSE_OVER_PLAN, project, unit=project.province, after={
            **after, "over_plan": {"reason": over_plan_reason, "room": str(over.room), "plan": str(over.plan),
                                   "paid": str(over.paid), "on": over.day.isoformat()}})
    return payment


def over_plan_message(project: Project, plan: CapitalPlan, amount: Decimal, room: Decimal) -> str:
    return (f"Khoản giải ngân {format_number(amount)} đồng vượt kế hoạch vốn năm {plan.year} nguồn "
            f"'{plan.get_source_display()}' của dự án {project.code}: kế hoạch vốn còn lại {format_number(room)} đồng.")


def _allow_overrun(project: Project, plan: CapitalPlan, amount: Decimal, over: rules.Overrun, reason: str,
                   by) -> None:
    """Refuses a payment beyond the plan unless the office gives its reason."""
    message = over_plan_message(project, plan, amount, over.room)
    if not access.may_manage(by, project.province):
        raise ValidationError(f"{message} Hãy đề nghị Văn phòng Điều phối giao bổ sung kế hoạch vốn trước khi ghi.")
    if not reason.strip():
        raise ValidationError(f"{message} Nếu phải ghi vượt kế hoạch, hãy đánh dấu 'Vượt kế hoạch vốn' và ghi lý do.")


@transaction.atomic
def update_progress(project: Project, *, status: str, actual_start, actual_completion, version: int, by) -> Project:
    """Status and actual dates, by the investor's officers or the office; refused if someone saved meanwhile."""
    if not access.may_update(by, project):
        raise PermissionDenied
    locked = Project.objects.select_for_update().get(pk=project.pk)
    check_version(locked, version)
    if actual_start and actual_completion and actual_completion < actual_start:
        raise ValidationError("Ngày hoàn thành không được trước ngày khởi công.")
    if status in (Project.Status.STARTED, Project.Status.COMPLETED) and not actual_start:
        raise ValidationError("Dự án đã khởi công thì cần ghi ngày khởi công thực tế.")
    if status == Project.Status.COMPLETED and not actual_completion:
        raise ValidationError("Dự án hoàn thành thì cần ghi ngày hoàn thành thực tế.")
    before = audit.snapshot(locked, PROGRESS_FIELDS)
    locked.status, locked.actual_start, locked.actual_completion = status, actual_start, actual_completion
    locked.save(update_fields=[*PROGRESS_FIELDS, *bump(locked)])
    stamps.bump(locked.province_id)
    old, new = audit.changed_only(before, audit.snapshot(locked, PROGRESS_FIELDS))
    audit.record(by, Action.FINANCE_PROGRESS, locked, unit=locked.province, before=old, after=new)
    return locked


@transaction.atomic
def change_plan(project: Project, *, year: int, source: str, effective: datetime.date, amount: Decimal,
                decision: str, note: str = "", by, token: str | None = None) -> PlanChange:
    """Giao or điều chỉnh a plan by a decision; a cut may not take the plan below zero on its day."""
    _require_manager(by, project.province)
    once.claim(token, "finance.plan_change", by=by)
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError(f"Số tiền giao hoặc điều chỉnh không được quá {format_number(MAX_AMOUNT)} đồng.")
    if effective.year != year:
        raise ValidationError(f"Ngày hiệu lực phải thuộc năm kế hoạch {year}.")
    if not decision.strip():
        raise ValidationError("Cần ghi số quyết định giao hoặc điều chỉnh kế hoạch vốn.")
    if amount == 0:
        raise ValidationError("Số tiền giao hoặc điều chỉnh phải khác 0.")
    plan, _ = CapitalPlan.objects.select_for_update().get_or_create(project=project, year=year, source=source)
    existing = [rules.PlanChange(c.effective, c.amount) for c in plan.changes.all()]
    if rules.plan_as_of(existing, effective) + amount < 0:
        raise ValidationError("Điều chỉnh giảm nhiều hơn kế hoạch vốn đang có hiệu lực tại ngày đó.")
    change = PlanChange.objects.create(plan=plan, effective=effective, amount=amount, decision=decision.strip(),
                                       note=note.strip())
    stamps.bump(project.province_id)
    audit.record(by, Action.FINANCE_PLAN_CHANGE, project, unit=project.province,
                 after={"year": year, "source": source, "effective": effective.isoformat(), "amount": str(amount),
                        "decision": change.decision})
    return change


@transaction.atomic
def record_debt(project: Project, *, commune: AdministrativeUnit, amount: Decimal, as_of: datetime.date,
                by, token: str | None = None) -> ConstructionDebt:
    _require_manager(by, project.province)
    once.claim(token, "finance.debt", by=by)
    if not 0 < amount <= MAX_AMOUNT:
        raise ValidationError(f"Số nợ phải lớn hơn 0 và không quá {format_number(MAX_AMOUNT)} đồng.")
    if not project.communes.filter(pk=commune.pk).exists():
        raise ValidationError("Xã không thuộc địa bàn của dự án.")
    debt = ConstructionDebt.objects.create(project=project, commune=commune, amount=amount, as_of=as_of)
    stamps.bump(project.province_id)
    audit.record(by, Action.FINANCE_DEBT, debt, unit=commune, after=audit.snapshot(debt, ["amount", "as_of"]))
    return debt


@transaction.atomic
def clear_debt(debt: ConstructionDebt, *, cleared_on: datetime.date, by) -> ConstructionDebt:
    _require_manager(by, debt.project.province)
    debt = ConstructionDebt.objects.select_for_update().select_related("commune").get(pk=debt.pk)
    if debt.cleared_on is not None:
        raise ValidationError(f"Khoản nợ này đã được ghi trả hết ngày {debt.cleared_on:%d/%m/%Y}.")
    if cleared_on < debt.as_of:
        raise ValidationError("Ngày trả hết nợ không được trước ngày ghi nhận khoản nợ.")
    before = audit.snapshot(debt, ["cleared_on"])
    debt.cleared_on = cleared_on
    debt.save(update_fields=["cleared_on"])
    stamps.bump(debt.project.province_id)
    audit.record(by, Action.FINANCE_DEBT_CLEARED, debt, unit=debt.commune, before=before,
                 after=audit.snapshot(debt, ["cleared_on"]))
    return debt


@transaction.atomic
def save_cement(commune: AdministrativeUnit, year: int, *, allocated: Decimal, received: Decimal, used: Decimal,
                road_km: Decimal, version: int, by) -> CementSupport:
    """Cement of a commune in a year: what was received cannot exceed the allocation, nor what was used the receipt.

    `version` is the row's as the form showed it, 0 when the commune had none: a row saved meanwhile by someone
    else (or created, for a form that showed none) is not overwritten."""
    _require_manager(by, commune.province())
    if min(allocated, received, used, road_km) < 0:
        raise ValidationError("Các số liệu xi măng và km đường không được âm.")
    if received > allocated:
        raise ValidationError("Số xi măng đã nhận lớn hơn số được phân bổ.")
    if used > received:
        raise ValidationError("Số xi măng đã sử dụng lớn hơn số đã nhận.")
    row = CementSupport.objects.select_for_update().filter(commune=commune, year=year).first()
    if row is None and version == 0:
        return _create_cement(commune, year, (allocated, received, used, road_km), by)
    if row is not None and version == 0:
        raise ValidationError(f"{commune.full_name} đã có số liệu xi măng năm {year} (có thể vừa được người khác ghi). "
                              "Hãy bấm 'Sửa' ở dòng của xã trong bảng để sửa số liệu đang có.")
    check_version(row, version)  # 0 = the page showed no row: handled above
    assert row is not None  # a missing row is stale at any version but 0
    before = audit.snapshot(row, CEMENT_FIELDS)
    row.allocated_tonnes, row.received_tonnes, row.used_tonnes, row.road_km = allocated, received, used, road_km
    bump(row)
    row.save()
    row.refresh_from_db()  # stored with the columns' decimals, so that 500 and 500.0 compare as unchanged
    old, new = audit.changed_only(before, audit.snapshot(row, CEMENT_FIELDS))
    audit.record(by, Action.FINANCE_CEMENT, row, unit=commune, before=old, after=new)
    return row


def _create_cement(commune: AdministrativeUnit, year: int, values: tuple[Decimal, ...], by) -> CementSupport:
    allocated, received, used, road_km = values
    try:
        with transaction.atomic():
            row = CementSupport.objects.create(commune=commune, year=year, allocated_tonnes=allocated,
                                               received_tonnes=received, used_tonnes=used, road_km=road_km)
    except IntegrityError:  # created at the same moment by someone else (PostgreSQL waits, then refuses the pair)
        raise StaleVersion from None
    row.refresh_from_db()
    audit.record(by, Action.FINANCE_CEMENT, row, unit=commune, after=audit.snapshot(row, CEMENT_FIELDS))
    return row


@transaction.atomic
def add_contribution(sponsorship: Sponsorship, *, day: datetime.date, amount: Decimal, in_kind: str = "",
                     by, token: str | None = None) -> Contribution:
    """What a sponsor reports giving: money, or goods and work valued in đồng."""
    _require_manager(by, sponsorship.unit.province())
    once.claim(token, "finance.contribution", by=by)
    if not 0 < amount <= MAX_AMOUNT:
        raise ValidationError(f"Giá trị đóng góp phải lớn hơn 0 và không quá {format_number(MAX_AMOUNT)} đồng.")
    if day < sponsorship.start or (sponsorship.end and day > sponsorship.end):
        raise ValidationError("Ngày đóng góp nằm ngoài thời gian đỡ đầu.")
    contribution = Contribution.objects.create(sponsorship=sponsorship, day=day, amount=amount, in_kind=in_kind.strip())
    audit.record(by, Action.FINANCE_CONTRIBUTION, sponsorship, unit=sponsorship.unit,
                 after={"day": day.isoformat(), "amount": str(amount), "in_kind": contribution.in_kind})
    return contribution


@transaction.atomic
def publish_disclosure(province: AdministrativeUnit, *, year: int, as_of: datetime.date, line: Decimal,
                       note: str = "", by) -> Disclosure:
    """Publishes disbursement by investor as of a day: the rows are frozen as they stand now."""
    _require_manager(by, province)
    if as_of.year != year:
        raise ValidationError(f"Ngày số liệu phải thuộc năm kế hoạch {year}.")
    if as_of > timezone.localdate():
        raise ValidationError("Không công khai số liệu của ngày chưa đến.")
    if Disclosure.objects.filter(province=province, as_of=as_of, withdrawn_at__isnull=True).exists():
        raise ValidationError(f"Số liệu đến ngày {as_of:%d/%m/%Y} đã được công khai.")
    Disclosure.objects.filter(province=province, as_of=as_of).delete()  # a withdrawn one of the same day
    disclosure = disclosure_of(province, year, as_of, line)
    disclosure.note, disclosure.published_by = note.strip(), by
    try:
        with transaction.atomic():
            disclosure.save()
    except IntegrityError:  # published at the same moment by someone else
        raise ValidationError(f"Số liệu đến ngày {as_of:%d/%m/%Y} đã được công khai.") from None
    audit.record(by, Action.FINANCE_PUBLISH, disclosure, unit=province,
                 after={"as_of": as_of.isoformat(), "rows": len(disclosure.rows)})
    return disclosure


def disclosure_of(province: AdministrativeUnit, year: int, as_of: datetime.date, line: Decimal) -> Disclosure:
    """The disclosure of the province's figures by investor as they stand now (not saved)."""
    plans = figures.plan_figures(Project.objects.filter(province=province), year, as_of)
    ranked = rules.rank(figures.by_investor(plans), line)
    whole = figures.total(plans)
    return Disclosure(province=province, year=year, as_of=as_of, line=line,
                      rows=[_row_json(r.row, r.position, r.below_line) for r in ranked],
                      totals=_row_json(whole, None, (whole.rate or 0) < line))


@transaction.atomic
def withdraw_disclosure(disclosure: Disclosure, *, by) -> Disclosure:
    _require_manager(by, disclosure.province)
    disclosure = Disclosure.objects.select_for_update().select_related("province").get(pk=disclosure.pk)
    if disclosure.withdrawn_at is not None:
        raise ValidationError(f"Số liệu công khai đến ngày {disclosure.as_of:%d/%m/%Y} đã được gỡ xuống trước đó.")
    disclosure.withdrawn_at = timezone.now()
    disclosure.save(update_fields=["withdrawn_at"])
    audit.record(by, Action.FINANCE_WITHDRAW, disclosure, unit=disclosure.province,
                 after={"withdrawn_at": disclosure.withdrawn_at.isoformat()})
    return disclosure


def _row_json(row: rules.RateRow, position: int | None, below: bool) -> dict:
    rate = row.rate
    return {"name": row.key, "plan": str(row.plan), "disbursed": str(row.disbursed),
            "rate": None if rate is None else str(rate), "position": position, "below_line": below}


def _require_manager(user, province: AdministrativeUnit) -> None:
    if not access.may_manage(user, province):
        raise PermissionDenied


@transaction.atomic
def create_sponsorship(province: AdministrativeUnit, *, sponsor: str, unit: AdministrativeUnit,
                       start: datetime.date, end: datetime.date | None, committed: Decimal, note: str = "",
                       by, token: str | None = None) -> Sponsorship:
    """A sponsor's commitment to a commune or village; a sponsor not yet in the agencies table is added to it."""
    _require_manager(by, province)
    once.claim(token, "finance.sponsorship", by=by)
    if not 0 <= committed <= MAX_AMOUNT:
        raise ValidationError(f"Số tiền cam kết không được âm hoặc quá {format_number(MAX_AMOUNT)} đồng.")
    if end and end < start:
        raise ValidationError("Ngày kết thúc đỡ đầu không được trước ngày bắt đầu.")
    agency = _sponsor_agency(province, sponsor.strip(), by)
    sponsorship = Sponsorship.objects.create(sponsor=agency, unit=unit, start=start, end=end, committed=committed,
                                             commitment_note=note.strip())
    audit.record(by, Action.FINANCE_SPONSORSHIP, sponsorship, unit=unit,
                 after=audit.snapshot(sponsorship, ["sponsor", "start", "end", "committed"]))
    return sponsorship


def _sponsor_agency(province: AdministrativeUnit, name: str, by) -> Agency:
    if not name:
        raise ValidationError("Cần ghi tên đơn vị đỡ đầu.")
    found = agencies_named(name, province)
    if len(found) > 1:
        raise ValidationError(f"Tên '{name}' trùng với nhiều cơ quan ({', '.join(a.name for a in found)}); "
                              "hãy ghi tên đầy đủ.")
    if found:
        return found[0]
    agency = Agency.objects.create(name=name, kind=AgencyKind.SPONSOR, unit=province)
    audit.record(by, Action.AGENCY_CREATE, agency, unit=province, after={"name": name, "kind": AgencyKind.SPONSOR})
    return agency
