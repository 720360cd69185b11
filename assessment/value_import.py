"""Indicator values by workbook: the template of an area for a month, and the all-or-nothing import of a filled one.

The import checks every row against the set in force, the uploader's scope and the period, with the month's
stored values locked, and writes only if no row has a problem: one bad row and nothing at all is written.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from accounts import scope
from accounts.rules import Permission
from assessment import services
from assessment.evaluation import contexts_for, province_of, typed
from assessment.models import IndicatorValue
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
from criteria.display import describe_threshold, set_label
from criteria.queries import NoCriteriaSet, set_code_label, set_for_year
from geo.models import AdministrativeUnit, UnitQuerySet
from ntm.imports import run_import
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


def import_values(sheet: ValueSheet, *, by, today: datetime.date | None = None) -> ImportResult:
    """Writes every changed value of the sheet, or raises ValueFileError listing every problem and writes nothing.

    The month's stored values are locked while they are checked and written, so a value that someone changes
    meanwhile cannot slip between the check and the write. Each value is checked and written as the entry form
    does it (`services.check_value`, `services.write_changes`).
    """
    _check_period(sheet.header.period, today or timezone.localdate())
    return run_import(lambda: _check(sheet, by), lambda checked: _apply(checked, sheet, by), error=ValueFileError)


def _check(sheet: ValueSheet, by) -> tuple[tuple[list[services.Change], int], list[Problem]]:
    """The changes of every row and how many rows change nothing, or every problem."""
    header = sheet.header
    communes, errors = _communes(sheet.rows, header.period, by)
    indicators_of, set_errors = _sets(header, list(communes.values()))
    if set_errors:  # the file's set is not the one in force: its rows cannot be read
        raise ValueFileError(set_errors + errors)
    stored = _stored_values(list(communes.values()), header.set_code, header.period, lock=True)
    changes, unchanged, row_errors = _changes(sheet.rows, communes, indicators_of, stored, header.set_code)
    return (changes, unchanged), errors + row_errors


def _apply(checked: tuple[list[services.Change], int], sheet: ValueSheet, by) -> ImportResult:
    changes, unchanged = checked
    header = sheet.header
    try:
        services.write_changes(changes, header.set_code, header.period, by=by)
    except services.ConcurrentEntry:
        raise ValueFileError([Problem(None, None, services.TEMPLATE.concurrent)]) from None
    created = sum(1 for c in changes if c.current is None)
    changed_communes = {c.unit.pk for c in changes}
    return ImportResult(header.set_code, header.period, len(changed_communes), created, len(changes) - created,
                        unchanged, sheet.blank)


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


def _changes(rows: list[ValueRow], communes: dict[str, AdministrativeUnit], indicators_of: dict[int, dict[str, Indicator]],
             stored: dict[tuple[int, str], IndicatorValue], set_code: str) -> tuple[list[services.Change], int, list[Problem]]:
    """The rows that change something, checked as the entry form checks them; rows equal to what is stored are
    counted, not written."""
    changes: list[services.Change] = []
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
        item = services.ValueInput(indicator.code, row.raw, version=row.version, evidence_note=row.evidence_note)
        checked = services.check_value(commune, indicator, stored.get((commune.pk, indicator.code)), item,
                                       services.TEMPLATE)
        if checked is None:
            unchanged += 1
        elif isinstance(checked, services.Refused):
            errors.append(Problem(row.row, NOTE_COLUMN if checked.note else VALUE_COLUMN, checked.message))
        else:
            changes.append(checked)
    return changes, unchanged, errors
