"""Every write of targets: set, change, delete one, adopt the targets a notice sets, and record a figure the
province publishes itself. Only the office (who manages recognition over the unit) writes; each change is audited
inside its transaction; an edit opened before someone else saved is refused."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts import audit, scope
from accounts.actions import Action
from accounts.rules import Permission
from directives.models import Notice, NoticeTarget
from geo.models import AdministrativeUnit, Level
from ntm.locking import StaleVersion, bump, check_version
from targets.measures import MEASURES, Measure
from targets.models import Comparator, ReportedFigure, Target
from targets.poverty import REPORTABLE

FIELDS = ["unit", "year", "measure", "value", "comparator", "note", "notice_target"]
CHANGEABLE = ["value", "comparator", "note"]
FIRST_YEAR, LAST_YEAR = 2010, 2100
CENT = Decimal("0.01")  # the column's two decimals: the audit compares 13.00 with 13.00, not with 13


def may_manage(user, unit: AdministrativeUnit) -> bool:
    return scope.can(user, Permission.MANAGE_RECOGNITION, unit)


def _require_manager(user, unit: AdministrativeUnit) -> None:
    if not may_manage(user, unit):
        raise PermissionDenied


def _measure(code: str) -> Measure:
    if code not in MEASURES:
        raise ValidationError(f"Chưa có cách tính chỉ tiêu “{code}”.")
    return MEASURES[code]


def _check(unit: AdministrativeUnit, year: int, value: Decimal, comparator: str) -> None:
    if unit.level not in (Level.PROVINCE, Level.DISTRICT):
        raise ValidationError("Chỉ tiêu năm được giao cho tỉnh hoặc huyện.")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
    if value < 0:
        raise ValidationError("Giá trị chỉ tiêu không được âm.")
    if comparator not in Comparator.values:
        raise ValidationError("Cách so sánh không hợp lệ.")


@transaction.atomic
def set_target(unit: AdministrativeUnit, *, year: int, measure: str, value: Decimal, comparator: str | None = None,
               note: str = "", by) -> Target:
    """A new target of the unit's year; the comparator defaults to the way the measure is read."""
    _require_manager(by, unit)
    chosen = _measure(measure)
    comparator = comparator or chosen.comparator
    _check(unit, year, value, comparator)
    value = value.quantize(CENT)
    duplicate = ValidationError(f"{unit.full_name} đã có chỉ tiêu “{chosen.label}” năm {year}; hãy sửa chỉ tiêu đó.")
    if Target.objects.filter(unit=unit, year=year, measure=measure).exists():
        raise duplicate
    try:
        with transaction.atomic():  # two managers saving the same target at once: the second is told
            target = Target.objects.create(unit=unit, year=year, measure=measure, value=value, comparator=comparator,
                                           note=note.strip(), created_by=by)
    except IntegrityError:
        raise duplicate from None
    audit.record(by, Action.TARGETS_SET, target, unit=unit, after=audit.snapshot(target, FIELDS))
    return target


@transaction.atomic
def change_target(target: Target, *, value: Decimal, comparator: str, note: str = "", version: int, by) -> Target:
    _require_manager(by, target.unit)
    locked = Target.objects.select_for_update().get(pk=target.pk)
    check_version(locked, version)
    _check(locked.unit, locked.year, value, comparator)
    before = audit.snapshot(locked, CHANGEABLE)
    locked.value, locked.comparator, locked.note = value.quantize(CENT), comparator, note.strip()
    bump(locked)
    locked.save(update_fields=[*CHANGEABLE, "version", "updated_at"])
    old, new = audit.changed_only(before, audit.snapshot(locked, CHANGEABLE))
    audit.record(by, Action.TARGETS_CHANGE, locked, unit=locked.unit, before=old, after=new)
    return locked


@transaction.atomic
def delete_target(target: Target, *, version: int, by) -> None:
    _require_manager(by, target.unit)
    locked = Target.objects.select_for_update().get(pk=target.pk)
    check_version(locked, version)
    audit.record(by, Action.TARGETS_DELETE, locked, unit=locked.unit, before=audit.snapshot(locked, FIELDS))
    locked.delete()


@dataclass
class Adoption:
    """What a notice's targets became: targets created or updated, and the rows left aside with the reason."""

    adopted: list[Target] = field(default_factory=list)
    skipped: list[tuple[NoticeTarget, str]] = field(default_factory=list)


UNKNOWN_METRIC = "chưa có cách tính"
SAME_METRIC = "trùng chỉ tiêu cùng năm đã áp dụng ở dòng trên"


@transaction.atomic
def adopt_notice_targets(notice: Notice, *, by) -> Adoption:
    """The notice's targets become its province's targets of their year, all or none; adopting again updates."""
    province = notice.province
    _require_manager(by, province)
    adoption = Adoption()
    seen: set[tuple[int, str]] = set()
    for row in notice.targets.order_by("pk"):
        year = row.year or notice.date.year
        if row.metric not in MEASURES:
            adoption.skipped.append((row, UNKNOWN_METRIC))
        elif (year, row.metric) in seen:
            adoption.skipped.append((row, SAME_METRIC))
        else:
            seen.add((year, row.metric))
            adoption.adopted.append(_adopt(province, year, row, by))
    return adoption


def _adopt(province: AdministrativeUnit, year: int, row: NoticeTarget, by) -> Target:
    comparator = MEASURES[row.metric].comparator  # "không còn xã dưới 10 tiêu chí": at most 0
    _check(province, year, row.value, comparator)
    wanted = {"value": row.value.quantize(CENT), "comparator": comparator, "notice_target": row}
    target = Target.objects.select_for_update().filter(unit=province, year=year, measure=row.metric).first()
    if target is None:
        target = Target.objects.create(unit=province, year=year, measure=row.metric, created_by=by,
                                       note=_note(row), **wanted)
        audit.record(by, Action.TARGETS_ADOPT, target, unit=province, after=audit.snapshot(target, FIELDS))
        return target
    before = audit.snapshot(target, FIELDS)
    for name, value in wanted.items():
        setattr(target, name, value)
    old, new = audit.changed_only(before, audit.snapshot(target, FIELDS))
    if new:  # adopting the same notice twice changes nothing and says nothing
        bump(target)
        target.save(update_fields=["value", "comparator", "notice_target", "version", "updated_at"])
        audit.record(by, Action.TARGETS_ADOPT, target, unit=province, before=old, after=new)
    return target


def _note(row: NoticeTarget) -> str:
    notice = row.notice
    number = notice.number or "(chưa số)"
    return f"Theo Thông báo {number} ngày {notice.date:%d/%m/%Y}"[:300]



REPORTED_FIELDS = ["value", "source"]


@transaction.atomic
def report_figure(unit: AdministrativeUnit, *, year: int, measure: str, value: Decimal, source: str,
                  version: int | None, by) -> ReportedFigure:
    """The province's own published figure of a measure that accepts one (targets.poverty.REPORTABLE), with the
    decision or report it comes from. Replacing a figure needs the version the user read (None: none yet)."""
    _require_manager(by, unit)
    if measure not in REPORTABLE:
        raise ValidationError("Chỉ tiêu này không nhận số liệu tỉnh công bố.")
    if unit.level != Level.PROVINCE:
        raise ValidationError("Số liệu công bố là số liệu của tỉnh.")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
    if MEASURES[measure].unit == "%" and not 0 <= value <= 100:
        raise ValidationError("Tỷ lệ phải từ 0 đến 100 %.")
    if not source.strip():
        raise ValidationError("Cần ghi căn cứ: quyết định hoặc báo cáo công bố số liệu.")
    value = value.quantize(CENT)
    figure = ReportedFigure.objects.select_for_update().filter(unit=unit, year=year, measure=measure).first()
    check_version(figure, version or 0)  # 0 (or none): the page showed no figure; one recorded since is stale
    if figure is None:
        try:
            with transaction.atomic():  # two managers recording the first figure at once: the second is told
                figure = ReportedFigure.objects.create(unit=unit, year=year, measure=measure, value=value,
                                                       source=source.strip(), created_by=by)
        except IntegrityError:
            raise StaleVersion from None
        audit.record(by, Action.TARGETS_REPORT, figure, unit=unit, after=audit.snapshot(figure, ["year", "measure",
                                                                                             *REPORTED_FIELDS]))
        return figure
    before = audit.snapshot(figure, REPORTED_FIELDS)
    figure.value, figure.source = value, source.strip()
    old, new = audit.changed_only(before, audit.snapshot(figure, REPORTED_FIELDS))
    if new:
        bump(figure)
        figure.save(update_fields=[*REPORTED_FIELDS, "version", "updated_at"])
        audit.record(by, Action.TARGETS_REPORT, figure, unit=unit, before=old, after=new)
    return figure
