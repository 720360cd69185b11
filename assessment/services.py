"""Every change to indicator values: typing, submitting, verifying, appraising, returning.

Each call is one transaction: the values, one audit entry per changed value, and the re-evaluated results and
roll-ups. Bad input raises `ValueErrors` listing every problem, and nothing is written.

The entry form (`save_values`) and the values workbook (`assessment.value_import`) check each value by the same
rule (`check_value`) and write by the same writer (`write_changes`): versions, statuses after an edit, audit.
"""

import calendar
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from accounts import audit, scope
from accounts.actions import Action
from accounts.rules import Permission
from assessment import evaluation, queries
from assessment import rules as value_rules
from assessment.models import (
    COMMENT_MAX,
    EDITABLE,
    NOTE_MAX,
    IndicatorValue,
    RollUp,
    ValueStatus,
)
from criteria import rules
from criteria import services as criteria_services
from criteria.definitions import Indicator
from criteria.display import set_label, show_value
from criteria.queries import NoCriteriaSet, set_for_year
from geo.models import AdministrativeUnit, Level
from ntm import uploads
from ntm.attachments import stored_name
from ntm.formatting import format_number, format_typed
from ntm.locking import bump, is_stale
from ntm.problems import Problems, at
from programme import queries as programme
from programme import services as programme_services
from programme.rules import Step

VALUE_FIELDS = ["value", "status", "evidence_note", "comment"]


@dataclass(frozen=True)
class ValueInput:
    indicator_code: str
    raw: object
    version: int | None = None  # the version the user saw, 0 for a value they saw empty; None: no check asked
    evidence_note: str | None = None
    label: str = ""  # where the value came from, for messages ("Dòng 5, cột E")


class ValueErrors(Problems):
    """Every problem of the values given, each named by its indicator ("Chỉ tiêu 2.1") or the file's row."""


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(period: datetime.date) -> datetime.date:
    return period.replace(day=calendar.monthrange(period.year, period.month)[1])


def require_subject(unit: AdministrativeUnit, first: datetime.date, last: datetime.date, what: str) -> None:
    """Figures of a period belong to a commune the set assesses that existed in it; otherwise say who takes them."""
    if not programme.is_subject(unit):
        raise ValueErrors([at("", f"{unit.full_name} không thuộc đối tượng đánh giá theo bộ tiêu chí xã "
                                       "(tỉnh chưa đưa phường vào đánh giá).")])
    if not programme.exists_between(unit, first, last):
        raise ValueErrors([at("", programme.absence_message(unit, first, last, what))])


def _require_entry(unit: AdministrativeUnit, period: datetime.date, by) -> None:
    if unit.level != Level.COMMUNE or not scope.can(by, Permission.ENTER_VALUES, unit):
        raise ValueErrors([at("", f"Bạn không có quyền cập nhật số liệu của {unit.full_name}.")])
    require_subject(unit, period, month_end(period), f"Số liệu tháng {period:%m/%Y}")


@transaction.atomic
def save_values(unit: AdministrativeUnit, set_code: str, period: datetime.date, inputs: list[ValueInput], *, by) -> list[IndicatorValue]:
    """Writes the typed values of one commune for one month, if every one of them is acceptable."""
    period = month_of(period)
    _require_entry(unit, period, by)
    try:
        record, criteria_set = set_for_year(set_code, period.year, evaluation.province_of(unit))
    except NoCriteriaSet as error:
        raise ValueErrors([at("", str(error))]) from None
    existing = {
        v.indicator_code: v
        for v in IndicatorValue.objects.select_for_update().filter(unit=unit, set_code=set_code, period=period)
    }
    problems, changes = [], []
    for item in inputs:
        indicator = criteria_set.indicator(item.indicator_code)
        where = item.label or f"Chỉ tiêu {item.indicator_code}"
        if indicator is None:
            problems.append(at(where, f"Chỉ tiêu '{item.indicator_code}' không có trong {set_label(record)}."))
            continue
        checked = check_value(unit, indicator, existing.get(item.indicator_code), item, ENTRY_PAGE)
        if isinstance(checked, Refused):
            problems.append(at(where, checked.message))
        elif checked is not None:
            changes.append(checked)
    if problems:
        raise ValueErrors(problems)
    try:
        return write_changes(changes, set_code, period, by=by)
    except ConcurrentEntry:
        raise ValueErrors([at("", ENTRY_PAGE.concurrent)]) from None


@dataclass(frozen=True)
class Wording:
    """How a refusal names what the user worked from: the entry page, or a downloaded template."""

    opened: str  # "sau khi bạn {opened}"
    reload: str  # what to do then
    deleted: str  # a value seen, deleted since
    concurrent: str  # a value of the same month inserted while writing
    shown: Callable[[Indicator, object], str]


@dataclass(frozen=True)
class Refused:
    """Why an input is refused, in Vietnamese; `note`: the evidence note is at fault, not the value."""

    message: str
    note: bool = False


@dataclass(frozen=True)
class Change:
    """A checked change of one value: `current` None for a new value; `stored` JSON-safe, as stored."""

    unit: AdministrativeUnit
    indicator_code: str
    stored: object
    note: str
    current: IndicatorValue | None


def check_value(unit: AdministrativeUnit, indicator: Indicator, current: IndicatorValue | None, item: ValueInput,
                wording: Wording) -> Change | Refused | None:
    """What an input does to the stored value: a Change, None when it changes nothing (so a template uploaded again
    as downloaded is no error, even for values already submitted), or the problem in Vietnamese."""
    try:
        value = rules.parse_value(indicator, item.raw)
    except rules.InvalidValue as error:
        return Refused(error.message)
    note = item.evidence_note if item.evidence_note is not None else (current.evidence_note if current else "")
    if current is not None and evaluation.typed(indicator, current.value) == value and note == current.evidence_note:
        return None
    problem = _edit_problem(indicator, current, item.version, wording)
    if problem:
        return Refused(problem)
    if len(note) > NOTE_MAX and (current is None or note != current.evidence_note):  # refused whole, never cut
        return Refused(f"Ghi chú minh chứng dài quá {format_number(NOTE_MAX)} ký tự.", note=True)
    return Change(unit, indicator.code, _stored(value), note, current)


def _edit_problem(indicator: Indicator, current: IndicatorValue | None, version: int | None, wording: Wording) -> str:
    """Whether the stored value may be edited now (its status), and by this user (the version they saw)."""
    if current is not None:
        outcome = value_rules.after_edit(current.status, value_rules.Edit.VALUE)
        if not outcome.allowed:
            return outcome.message
    if version is None or not is_stale(current, version):  # None: no check asked
        return ""
    if current is None:
        return wording.deleted
    # 0: the user saw no value; someone else typed the first one meanwhile — theirs is not silently replaced
    done = "nhập" if version == 0 else "sửa thành"
    return (f"Giá trị đã được {current.author or 'người khác'} {done} '{wording.shown(indicator, current.value)}' "
            f"sau khi bạn {wording.opened}. {wording.reload}")


def _stored(value: object) -> object:
    """JSON-safe: numbers as plain text ("48.5", never "4.85E+1") so that 48,5 stays 48,5."""
    if value is None or isinstance(value, bool | str):
        return value
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _shown(indicator: Indicator, value: object) -> str:
    if isinstance(value, bool):
        return "Đạt" if value else "Không đạt"
    if value is None:
        return ""
    text = format_typed(value)
    return text if len(text) <= 40 else f"{text[:40]}…"


ENTRY_PAGE = Wording(
    "mở trang", "Hãy tải lại trang và kiểm tra trước khi lưu.",
    "Giá trị này đã bị người khác xóa hoặc thay đổi kỳ. Hãy tải lại trang.",
    "Có người vừa nhập số liệu của cùng xã, cùng kỳ trong lúc bạn lưu; không giá trị nào được ghi. "
    "Hãy tải lại trang rồi thử lại.", _shown)
TEMPLATE = Wording(
    "tải tệp mẫu", "Hãy tải lại tệp mẫu và kiểm tra trước khi tải lên.",
    "Giá trị này đã bị xóa sau khi bạn tải tệp mẫu. Hãy tải lại tệp mẫu.",
    "Có người vừa nhập số liệu của cùng xã, cùng kỳ trong lúc tệp đang được ghi; không giá trị nào được ghi. "
    "Hãy tải lại tệp mẫu rồi thử lại.", show_value)


class ConcurrentEntry(Exception):
    """A value of the same commune, indicator and month was inserted meanwhile: row locks cannot stop an insert."""


BATCH = 1000  # new values per INSERT


def write_changes(changes: list[Change], set_code: str, period: datetime.date, *, by) -> list[IndicatorValue]:
    """Writes checked changes — new values in batches, stored ones one UPDATE each (for 7,000 values faster than
    `bulk_update`'s CASE statements), one audit entry per value — then re-evaluates each commune touched once.
    Raises ConcurrentEntry, having written nothing, if a new value's row was inserted meanwhile."""
    new = [IndicatorValue(unit=c.unit, set_code=set_code, indicator_code=c.indicator_code, period=period,
                          value=c.stored, evidence_note=c.note, author=by) for c in changes if c.current is None]
    try:
        with transaction.atomic():
            IndicatorValue.objects.bulk_create(new, batch_size=BATCH)
    except IntegrityError:
        raise ConcurrentEntry from None
    for created in new:
        audit.record(by, Action.VALUE_CREATE, created, unit=created.unit, after=audit.snapshot(created, VALUE_FIELDS))
    updated = [_update(change, by) for change in changes if change.current is not None]
    units = list({change.unit.pk: change.unit for change in changes}.values())
    if units:
        evaluation.evaluate_communes(units, set_code, period.year)
    return new + updated


def _update(change: Change, by) -> IndicatorValue:
    current = change.current
    assert current is not None  # only changes of stored values come here
    before = audit.snapshot(current, VALUE_FIELDS)
    edit = value_rules.Edit.VALUE if current.value != change.stored else value_rules.Edit.NOTE
    current.unit = change.unit  # the unit names it in the audit
    current.value, current.evidence_note, current.author = change.stored, change.note, by
    current.status = value_rules.after_edit(current.status, edit).status or current.status  # returned stays returned
    current.save(update_fields=["value", "evidence_note", "author", "status", *bump(current), "updated_at"])
    old, new = audit.changed_only(before, audit.snapshot(current, VALUE_FIELDS))
    audit.record(by, Action.VALUE_UPDATE, current, unit=change.unit, before=old, after=new)
    return current


# Workflow: which statuses each step moves, and which a reviewer may send back. Who takes a step is the commune's
# review path (programme.queries.may_take): the district, or without districts the agency the province designates.
TRANSITIONS = {
    Step.SUBMIT: (EDITABLE, ValueStatus.SUBMITTED),
    Step.VERIFY: ({ValueStatus.SUBMITTED}, ValueStatus.VERIFIED),
    Step.APPRAISE: ({ValueStatus.VERIFIED}, ValueStatus.APPRAISED),
}
STEP_ACTIONS = {Step.SUBMIT: Action.VALUE_SUBMIT, Step.VERIFY: Action.VALUE_VERIFY, Step.APPRAISE: Action.VALUE_APPRAISE}
RETURNABLE = {Step.VERIFY: {ValueStatus.SUBMITTED}, Step.APPRAISE: {ValueStatus.SUBMITTED, ValueStatus.VERIFIED}}
STEP_VERBS = {Step.SUBMIT: "gửi", Step.VERIFY: "thẩm tra", Step.APPRAISE: "thẩm định"}


def _require_step(unit: AdministrativeUnit, year: int, step: Step, by) -> None:
    if unit.level != Level.COMMUNE or not programme.may_take(by, unit, step):
        raise ValueErrors([at("", f"Bạn không có quyền {STEP_VERBS[step]} số liệu của {unit.full_name}: "
                                       f"bước này do {programme.reviewer_name(unit, step)} thực hiện.")])
    require_subject(unit, datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"Số liệu năm {year}")


@transaction.atomic
def advance(unit: AdministrativeUnit, set_code: str, year: int, step: Step, *, by) -> int:
    """Moves the commune's values of the year one step forward (submit → verify → appraise); returns how many."""
    step = Step(step)  # a caller's plain "submit" is read as the step it names
    sources, target = TRANSITIONS[step]
    _require_step(unit, year, step, by)
    values = IndicatorValue.objects.select_for_update().filter(unit=unit, set_code=set_code, period__year=year, status__in=sources)
    return _move(list(values), target, STEP_ACTIONS[step], "", by)


def returnable_statuses(unit: AdministrativeUnit, by) -> set[str]:
    """What the user may send back for this commune: submitted values as verifier, verified ones too as appraiser."""
    return {s for step, statuses in RETURNABLE.items() if programme.may_take(by, unit, step) for s in statuses}


@transaction.atomic
def return_values(unit: AdministrativeUnit, set_code: str, year: int, comment: str, *, by) -> int:
    """Sends the commune's values back with a comment, from the verifier (thẩm tra) or the province (thẩm định)."""
    if not comment.strip():
        raise ValueErrors([at("", "Cần ghi ý kiến khi trả lại số liệu.")])
    if len(comment.strip()) > COMMENT_MAX:
        raise ValueErrors([at("", f"Ý kiến dài quá {format_number(COMMENT_MAX)} ký tự; hãy viết ngắn gọn hơn.")])
    allowed = returnable_statuses(unit, by) if unit.level == Level.COMMUNE else set()
    if not allowed:
        raise ValueErrors([at("", f"Bạn không có quyền trả lại số liệu của {unit.full_name}.")])
    require_subject(unit, datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"Số liệu năm {year}")
    values = IndicatorValue.objects.select_for_update().filter(unit=unit, set_code=set_code, period__year=year, status__in=allowed)
    return _move(list(values), ValueStatus.RETURNED, Action.VALUE_RETURN, comment.strip(), by)


def _move(values: list[IndicatorValue], target: str, action: Action, comment: str, by) -> int:
    for value in values:
        before = {"status": value.status}
        value.status, value.comment = target, comment or value.comment
        bump(value)
        value.save(update_fields=["status", "comment", "version", "updated_at"])
        audit.record(by, action, value, unit=value.unit, before=before, after={"status": target, **({"comment": comment} if comment else {})})
    return len(values)


@transaction.atomic
def publish_set(record, *, by) -> list[int]:
    """Publishes a version of a set and re-evaluates, with it, every year it governs that has results: in its
    province for a province's version, everywhere for a national one (a province's own version still wins there)."""
    criteria_services.publish(record, by=by)
    years = sorted(set(queries.results_governed_by(record).values_list("year", flat=True)))
    for year in years:
        if record.province is None:
            evaluation.evaluate_everything(record.code, year)
            continue
        day = evaluation.day_of_year(record.province, year)
        communes = AdministrativeUnit.objects.valid_on(day).communes().within(record.province).select_related("parent__parent")
        evaluation.evaluate_communes(list(communes), record.code, year)
    return years


@transaction.atomic
def set_province_procedure(province: AdministrativeUnit, *, verifying_agency, wards_assessed: bool,
                           report_day_of_month: int | None, legal_basis: str,
                           version: int, by):
    """The province's choices for the procedure; when its wards join or leave the commune set, every year of its
    figures is recounted in the same transaction."""
    settings, wards_changed = programme_services.update_settings(
        province, verifying_agency=verifying_agency, wards_assessed=wards_assessed,
        report_day_of_month=report_day_of_month, legal_basis=legal_basis,
        version=version, by=by)
    if wards_changed:
        recount_province(province)
    return settings


def recount_province(province: AdministrativeUnit) -> None:
    for set_code, year in RollUp.objects.filter(unit=province).values_list("set_code", "year").distinct():
        day = evaluation.day_of_year(province, year)
        communes = AdministrativeUnit.objects.valid_on(day).communes().within(province).select_related("parent__parent")
        evaluation.evaluate_communes(list(communes), set_code, year)


EVIDENCE_MAX_BYTES = 10 * uploads.MB


@transaction.atomic
def attach_evidence(unit: AdministrativeUnit, set_code: str, period: datetime.date, indicator_code: str, upload, *, by) -> IndicatorValue:
    """Attaches a scanned document or photo to a value the commune may still edit (replacing an earlier one, whose
    file is deleted once the change is committed). The file is accepted by its content — PDF, JPG/PNG, Word,
    Excel — within 10 MB, whatever its name says."""
    _require_entry(unit, month_of(period), by)
    where = f"Chỉ tiêu {indicator_code}"
    value = IndicatorValue.objects.select_for_update().filter(
        unit=unit, set_code=set_code, period=month_of(period), indicator_code=indicator_code).first()
    if value is None:
        raise ValueErrors([at(where, "Cần nhập giá trị trước khi đính kèm minh chứng.")])
    outcome = value_rules.after_edit(value.status, value_rules.Edit.FILE)
    if not outcome.allowed:
        raise ValueErrors([at(where, f"Giá trị đang ở trạng thái '{value.get_status_display()}', không đính kèm thêm được.")])
    try:
        content = uploads.read_upload(upload, kinds=uploads.EVIDENCE, max_bytes=EVIDENCE_MAX_BYTES)
    except uploads.UploadError as error:
        raise ValueErrors([at(where, f"{error.message} Chỉ nhận PDF, ảnh JPG/PNG, Word, Excel, tối đa 10 MB.")]) from None
    old_name = value.evidence_file.name or ""
    value.evidence_file.save(stored_name(upload.name or "", content, default_stem="minh-chung"), ContentFile(content),
                             save=False)
    bump(value)
    value.save(update_fields=["evidence_file", "version", "updated_at"])
    audit.record(by, Action.VALUE_ATTACH, value, unit=unit, before={"evidence_file": old_name or None},
                 after={"evidence_file": value.evidence_file.name})
    new_name, storage = value.evidence_file.name, value.evidence_file.storage
    if old_name and old_name != new_name:
        transaction.on_commit(lambda: storage.delete(old_name))
    return value


def discard_evidence(values: list[IndicatorValue]) -> None:
    """Deletes the files just saved for `values` when the transaction that attached them is rolled back (storage
    is no part of the database transaction): a refused form leaves no orphan on disk."""
    for value in values:
        if value.evidence_file.name:
            value.evidence_file.storage.delete(value.evidence_file.name)


def save_entry(unit: AdministrativeUnit, set_code: str, period: datetime.date, inputs: list[ValueInput],
               files: Mapping[str, Any], *, by) -> tuple[list[IndicatorValue], list[IndicatorValue]]:
    """The entry form's write: the typed values and the evidence files (by indicator code) together, or nothing —
    a refused entry leaves neither a row nor a file on disk. Returns (values saved, values given a file)."""
    attached: list[IndicatorValue] = []
    try:
        with transaction.atomic():
            saved = save_values(unit, set_code, period, inputs, by=by)
            for indicator_code, upload in files.items():
                attached.append(attach_evidence(unit, set_code, period, indicator_code, upload, by=by))
    except Exception:
        discard_evidence(attached)  # the files of the rolled-back attachments
        raise
    return saved, attached

