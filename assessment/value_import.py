"""Indicator values by workbook: the template of an area for a month, and the all-or-nothing import of a filled one.

The import checks every row against the set in force, the uploader's scope and the period, with the month's
stored values locked, and writes only if no row has a problem: one bad row and nothing at all is written.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts import audit, scope
from accounts.actions import Action
from accounts.rules import Permission
from assessment import evaluation, services
from assessment import rules as value_rules
from assessment.evaluation import contexts_for, province_of, typed
from assessment.models import NOTE_MAX, IndicatorValue
from assessment.services import month_end, month_of
from assessment.value_workbook import (
    COMMUNE_COLUMN,
    INDICATOR_COLUMN,
    NOTE_COLUMN,
    PERIOD_CELL,
    SET_CELL,
    VALUE_COLUMN,
    VERSION_CELL,
    SheetHeader,
    TemplateRow,
    ValueFileError,
    ValueRow,
    ValueSheet,
    template_workbook,
)
from criteria import rules
from criteria.definitions import CommuneContext, Criterion, Indicator, ValueType
from criteria.display import describe_threshold, set_label, show_value
from criteria.queries import NoCriteriaSet, set_code_label, set_for_year
from geo.models import AdministrativeUnit, UnitQuerySet
from ntm.formatting import format_number
from ntm.problems import Problem
from ntm.windows import overlapping
from programme import queries as programme


@dataclass(frozen=True)
class ImportResult:
    set_code: str
    period: datetime.date
    communes: int  # communes with at least one value written
    created: int
    updated: int
    unchanged: int  # rows equal to what is stored
    blank: int  # rows without a value


def template_for(area: AdministrativeUnit, set_code: str, period: datetime.date) -> bytes:
    """The workbook of the area's communes of that month × the set's indicators, with the month's stored values."""
    period = month_of(period)
    record, criteria_set = set_for_year(set_code, period.year, province_of(area))
    is_subject = programme.Subjects()
    communes = [c for c in communes_during(AdministrativeUnit.objects.within_or_self(area), period) if is_subject(c)]
    contexts = contexts_for(communes, period.year)
    stored = _stored_values(communes, set_code, period)
    rows = [
        _template_row(commune, criterion, indicator, stored.get((commune.pk, indicator.code)), contexts[commune.pk])
        for commune in communes for criterion in criteria_set.criteria for indicator in criterion.indicators
    ]
    return template_workbook(SheetHeader(set_code, record.version, period, area.full_name, set_label(record), record.valid_from), rows)


def _template_row(commune, criterion: Criterion, indicator: Indicator, value: IndicatorValue | None,
                  context: CommuneContext) -> TemplateRow:
    return TemplateRow(
        commune.code, commune.full_name, f"{criterion.number}. {criterion.name}", indicator.code, indicator.name,
        describe_threshold(indicator, rules.applicable_threshold(indicator, context)),
        typed(indicator, value.value) if value else None, value.evidence_note if value else "",
        value.version if value else 0, is_bool=indicator.value_type == ValueType.BOOL,
    )


def communes_during(units: UnitQuerySet, period: datetime.date) -> list[AdministrativeUnit]:
    """The communes among `units` that existed during the month, by code; of two incarnations of a code, the later."""
    existed = units.communes().filter(overlapping(period, month_end(period), start="valid_from", end="valid_to"))
    latest = {u.code: u for u in existed.select_related("parent__parent").order_by(F("valid_from").asc(nulls_first=True))}
    return sorted(latest.values(), key=lambda u: u.code)


def _stored_values(communes, set_code: str, period: datetime.date, *, lock: bool = False) -> dict[tuple[int, str], IndicatorValue]:
    values = IndicatorValue.objects.filter(unit__in=communes, set_code=set_code, period=period)
    if lock:
        values = values.select_for_update()
    return {(v.unit_id, v.indicator_code): v for v in values}


@transaction.atomic
def import_values(sheet: ValueSheet, *, by, today: datetime.date | None = None) -> ImportResult:
    """Writes every changed value of the sheet, or raises ValueFileError listing every problem and writes nothing.

    The month's stored values are locked while they are checked and written, so a value that someone changes
    meanwhile cannot slip between the check and the write.
    """
    header = sheet.header
    _check_period(header.period, today or timezone.localdate())
    communes, errors = _communes(sheet.rows, header.period, by)
    indicators_of, set_errors = _sets(header, list(communes.values()))
    if set_errors:
        raise ValueFileError(set_errors + errors)
    stored = _stored_values(list(communes.values()), header.set_code, header.period, lock=True)
    changes, unchanged, row_errors = _changes(sheet.rows, communes, indicators_of, stored, header.set_code)
    if errors or row_errors:
        raise ValueFileError(sorted(errors + row_errors, key=lambda e: e.row or 0))
    created = _create([c for c in changes if c.current is None], header, by)
    updated = _update([c for c in changes if c.current is not None], by)
    changed_communes = list({c.commune.pk: c.commune for c in changes}.values())
    evaluation.evaluate_communes(changed_communes, header.set_code, header.period.year)
    return ImportResult(header.set_code, header.period, len(changed_communes), created, updated, unchanged, sheet.blank)


def _check_period(period: datetime.date, today: datetime.date) -> None:
    if period > month_of(today):
        raise ValueFileError([Problem(3, PERIOD_CELL, f"Kỳ {period:%m/%Y} chưa đến; chỉ nhập được số liệu đến tháng {today:%m/%Y}.")])


def _communes(rows: list[ValueRow], period: datetime.date, by) -> tuple[dict[str, AdministrativeUnit], list[Problem]]:
    """The file's communes the uploader may enter values for, as of the month; an error per row otherwise."""
    allowed = scope.units_for(by, Permission.ENTER_VALUES).communes().filter(code__in={row.commune_code for row in rows})
    known = {unit.code: unit for unit in allowed}
    during = {unit.code: unit for unit in communes_during(allowed, period)}
    errors = []
    is_subject = programme.Subjects()
    for row in rows:
        unit = during.get(row.commune_code) or known.get(row.commune_code)
        if unit is None:
            message = f"Mã xã '{row.commune_code}' không phải là xã bạn được nhập số liệu."
        elif row.commune_code not in during:
            message = programme.absence_message(unit, period, month_end(period), f"Số liệu tháng {period:%m/%Y}")
        elif not is_subject(unit):
            message = f"{unit.full_name} không thuộc đối tượng đánh giá theo bộ tiêu chí xã (tỉnh chưa đưa phường vào đánh giá)."
        else:
            continue
        errors.append(Problem(row.row, COMMUNE_COLUMN, message))
    return {code: unit for code, unit in during.items() if is_subject(unit)}, errors


def _sets(header: SheetHeader, communes: list[AdministrativeUnit]) -> tuple[dict[int, dict[str, Indicator]], list[Problem]]:
    """The indicators of the set in force for each commune's province; an error if the file names another set or version."""
    by_province: dict[int, dict[str, Indicator]] = {}
    indicators_of: dict[int, dict[str, Indicator]] = {}
    errors: list[Problem] = []
    for commune in communes:
        province = province_of(commune)
        if province.pk not in by_province:
            by_province[province.pk], error = _indicators(header, province)
            errors.extend([error] if error and error not in errors else [])
        indicators_of[commune.pk] = by_province[province.pk]
    return indicators_of, errors


def _indicators(header: SheetHeader, province: AdministrativeUnit) -> tuple[dict[str, Indicator], Problem | None]:
    year = header.period.year
    try:
        record, criteria_set = set_for_year(header.set_code, year, province)
    except NoCriteriaSet as error:
        return {}, Problem(1, SET_CELL, f"{error} Hãy tải tệp mẫu của đúng kỳ cần nhập.")
    if header.set_version and header.set_version != record.version:
        return {}, Problem(2, VERSION_CELL, (
            f"Tệp mẫu được lập theo một phiên bản khác của bộ tiêu chí; {province.full_name} năm {year} áp dụng "
            f"{set_label(record)}. Hãy tải lại tệp mẫu."))
    return {indicator.code: indicator for indicator in criteria_set.indicators()}, None


@dataclass(frozen=True)
class _Change:
    commune: AdministrativeUnit
    indicator_code: str
    value: object  # JSON-safe, as `services.save_values` stores it: numbers as text
    evidence_note: str | None  # None: keep the stored note
    current: IndicatorValue | None


def _changes(rows: list[ValueRow], communes: dict[str, AdministrativeUnit], indicators_of: dict[int, dict[str, Indicator]],
             stored: dict[tuple[int, str], IndicatorValue], set_code: str) -> tuple[list[_Change], int, list[Problem]]:
    """The rows that change something; rows equal to what is stored are counted, not written."""
    changes: list[_Change] = []
    errors: list[Problem] = []
    unchanged = 0
    for row in rows:
        commune = communes.get(row.commune_code)
        if commune is None:
            continue  # already reported
        indicator = indicators_of[commune.pk].get(row.indicator_code)
        if indicator is None:
            errors.append(Problem(row.row, INDICATOR_COLUMN, f"Chỉ tiêu '{row.indicator_code}' không có trong {set_code_label(set_code)}."))
            continue
        try:
            value = rules.parse_value(indicator, row.raw)
        except rules.InvalidValue as error:
            errors.append(Problem(row.row, VALUE_COLUMN, error.message))
            continue
        current = stored.get((commune.pk, indicator.code))
        if _is_unchanged(indicator, current, value, row.evidence_note):
            unchanged += 1
            continue
        problem = _edit_problem(indicator, current, row.version)
        if problem:
            errors.append(Problem(row.row, VALUE_COLUMN, problem))
            continue
        if row.evidence_note is not None and len(row.evidence_note) > NOTE_MAX and (
                current is None or row.evidence_note != current.evidence_note):  # one kept as stored is no error
            errors.append(Problem(row.row, NOTE_COLUMN, f"Ghi chú minh chứng dài quá {format_number(NOTE_MAX)} ký tự."))
            continue
        changes.append(_Change(commune, indicator.code, _json_value(value), row.evidence_note, current))
    return changes, unchanged, errors


def _is_unchanged(indicator: Indicator, current: IndicatorValue | None, value: object, note: str | None) -> bool:
    """Equal to what is stored, so a template re-uploaded as it was downloaded is no error, even for locked values."""
    if current is None:
        return False
    return typed(indicator, current.value) == value and (note is None or note == current.evidence_note)


def _edit_problem(indicator: Indicator, current: IndicatorValue | None, version: int | None) -> str:
    """The checks of `services.save_values`, worded for a file."""
    if current is None:
        return "" if version in (None, 0) else "Giá trị này đã bị xóa sau khi bạn tải tệp mẫu. Hãy tải lại tệp mẫu."
    outcome = value_rules.after_edit(current.status, value_rules.Edit.VALUE)
    if not outcome.allowed:
        return outcome.message
    if version is not None and version != current.version:
        shown = show_value(indicator, current.value)
        done = "nhập" if version == 0 else "sửa thành"  # 0: the row was empty in the template
        return (f"Giá trị đã được {current.author or 'người khác'} {done} '{shown}' sau khi bạn tải tệp mẫu. "
                "Hãy tải lại tệp mẫu và kiểm tra trước khi tải lên.")
    return ""


def _json_value(value: object) -> object:
    """As `services.save_values` stores a typed value: numbers as text, so that 48,5 stays 48,5."""
    return value if value is None or isinstance(value, bool | str) else str(value)


# Writing. `services.save_values`, called once per commune, re-evaluates each commune and its district and
# province: 17 s for 10,000 new values on PostgreSQL (benchmarks/value_import.py). Here new rows go in batches
# and the communes are evaluated once at the end, with the same rows, statuses, versions and audit entries
# (one per value, through `audit.record`); assessment/tests/test_value_import.py compares both paths.
BATCH = 1000


def _create(changes: list[_Change], header: SheetHeader, by) -> int:
    values = [
        IndicatorValue(unit=c.commune, set_code=header.set_code, indicator_code=c.indicator_code, period=header.period,
                       value=c.value, evidence_note=c.evidence_note or "", author=by)
        for c in changes
    ]
    try:
        with transaction.atomic():
            IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    except IntegrityError:  # a row of the same commune, indicator and month inserted meanwhile: locks cannot stop that
        raise ValueFileError([Problem(None, None, (
            "Có người vừa nhập số liệu của cùng xã, cùng kỳ trong lúc tệp đang được ghi; không giá trị nào được ghi. "
            "Hãy tải lại tệp mẫu rồi thử lại."))]) from None
    for value in values:
        audit.record(by, Action.VALUE_CREATE, value, unit=value.unit, after=audit.snapshot(value, services.VALUE_FIELDS))
    return len(values)


def _update(changes: list[_Change], by) -> int:
    """One UPDATE per value: for 7,000 values, faster than `bulk_update`'s CASE statements (benchmarked)."""
    for change in changes:
        value = change.current
        assert value is not None  # only changes of stored values come here
        before = audit.snapshot(value, services.VALUE_FIELDS)
        value.unit, value.value, value.author = change.commune, change.value, by  # the unit names it in the audit
        value.evidence_note = value.evidence_note if change.evidence_note is None else change.evidence_note
        value.status = value_rules.after_edit(value.status, value_rules.Edit.VALUE).status or value.status
        value.version += 1
        value.save(update_fields=["value", "evidence_note", "author", "status", "version", "updated_at"])
        old, new = audit.changed_only(before, audit.snapshot(value, services.VALUE_FIELDS))
        audit.record(by, Action.VALUE_UPDATE, value, unit=change.commune, before=old, after=new)
    return len(changes)
