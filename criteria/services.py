"""Every change to stored criteria sets: loading the repository's files, and a province's own versions
(inherit, raise or fill a threshold, add an indicator, publish). Each change is audited with its legal basis."""

import dataclasses
import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts import audit, scope
from accounts.actions import Action
from accounts.rules import Permission
from criteria import set_workbook, yaml_dump, yaml_format, yaml_untrusted
from criteria.definitions import Confidence, CriteriaSet, Criterion, Indicator, Operator, Threshold, ValueType
from criteria.models import CriteriaSetRecord, SetStatus
from criteria.queries import definition
from geo.models import AdministrativeUnit
from ntm.locking import StaleVersion
from ntm.problems import Problem

SETS_DIR = Path(__file__).parent / "sets"
RECORD_FIELDS = ["code", "version", "status", "legal_basis", "valid_from", "valid_to"]


class StaleSet(StaleVersion):
    """A draft's definition changed since the page was read (its `version_number`, checked in the UPDATE)."""

    message = "Bộ tiêu chí đã được người khác sửa sau khi bạn mở trang. Hãy tải lại trang."


class NotDraft(Exception):
    message = "Chỉ sửa được phiên bản đang dự thảo. Hãy tạo phiên bản mới của tỉnh."


def _fields(criteria_set: CriteriaSet) -> dict:
    return {
        "name": criteria_set.name, "level": criteria_set.level.value, "tier": criteria_set.tier.value,
        "legal_basis": criteria_set.legal_basis, "valid_from": criteria_set.valid_from, "valid_to": criteria_set.valid_to,
    }


@transaction.atomic
def load_set_files(directory: Path = SETS_DIR) -> list[tuple[CriteriaSetRecord, str]]:
    """Loads every national set file of the repository; returns (record, "created" | "updated" | "unchanged")."""
    outcome = []
    for path in sorted(directory.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        criteria_set = yaml_format.parse_set(text, path.name)
        record = CriteriaSetRecord.objects.filter(code=criteria_set.code, version=criteria_set.version, province__isnull=True).first()
        if record is None:
            record = CriteriaSetRecord.objects.create(code=criteria_set.code, version=criteria_set.version, definition=text,
                                                     source_file=path.name, status=SetStatus.PUBLISHED, **_fields(criteria_set))
            audit.record(None, Action.CRITERIA_SET_LOAD, record, after=audit.snapshot(record, RECORD_FIELDS))
            outcome.append((record, "created"))
        elif record.definition != text:
            for name, value in _fields(criteria_set).items():
                setattr(record, name, value)
            record.definition, record.source_file = text, path.name
            record.version_number += 1
            record.save()
            audit.record(None, Action.CRITERIA_SET_RELOAD, record, after={"source_file": path.name})
            outcome.append((record, "updated"))
        else:
            outcome.append((record, "unchanged"))
    return outcome


def _require_editor(by, province: AdministrativeUnit) -> None:
    if not scope.can(by, Permission.EDIT_CRITERIA_SETS, province):
        raise PermissionDenied


@transaction.atomic
def create_province_version(base: CriteriaSetRecord, province: AdministrativeUnit, legal_basis: str, *, by) -> CriteriaSetRecord:
    """A draft of the province's own version of `base`, inheriting every criterion and threshold."""
    _require_editor(by, province)
    number = CriteriaSetRecord.objects.filter(code=base.code, province=province).count() + 1
    version = f"{base.version}+{province.code}.{number}"
    inherited = dataclasses.replace(definition(base), version=version, province=province.code, legal_basis=legal_basis,
                                    extends=f"{base.code}@{base.version}")
    record = CriteriaSetRecord.objects.create(
        code=base.code, version=version, province=province, parent=base, status=SetStatus.DRAFT,
        definition=yaml_dump.dump_set(inherited), created_by=by, **_fields(inherited),
    )
    audit.record(by, Action.CRITERIA_SET_CREATE_PROVINCE_VERSION, record, unit=province, after=audit.snapshot(record, RECORD_FIELDS))
    return record


def _edit(record: CriteriaSetRecord, expected_version: int, by, change, action: Action, details: dict) -> CriteriaSetRecord:
    if record.province is None:
        raise PermissionDenied
    _require_editor(by, record.province)
    if record.status != SetStatus.DRAFT:
        raise NotDraft
    edited = change(definition(record))
    updated = CriteriaSetRecord.objects.filter(pk=record.pk, version_number=expected_version).update(
        definition=yaml_dump.dump_set(edited), version_number=expected_version + 1)
    if not updated:
        raise StaleSet
    record.refresh_from_db()
    audit.record(by, action, record, unit=record.province, after=details)
    return record


def _replace_indicator(criteria_set: CriteriaSet, code: str, replace) -> CriteriaSet:
    criteria = tuple(
        dataclasses.replace(c, indicators=tuple(replace(i) if i.code == code else i for i in c.indicators))
        for c in criteria_set.criteria
    )
    return dataclasses.replace(criteria_set, criteria=criteria)


@transaction.atomic
def set_threshold(record: CriteriaSetRecord, indicator_code: str, conditions: dict[str, list[str]], value: object,
                  legal_basis: str, *, expected_version: int, by) -> CriteriaSetRecord:
    """Raises, lowers or fills the threshold that applies under `conditions` (replacing one with the same conditions)."""
    key = tuple(sorted((name, tuple(sorted(values))) for name, values in conditions.items() if values))
    new = Threshold(value=value, conditions=key, verified=True, legal_basis=legal_basis)

    def replace(indicator: Indicator) -> Indicator:
        kept = tuple(t for t in indicator.thresholds if tuple(sorted(t.conditions)) != key)
        return dataclasses.replace(indicator, thresholds=(*kept, new), confidence=Confidence.PROVINCE)

    if definition(record).indicator(indicator_code) is None:
        raise ValueError(f"Chỉ tiêu {indicator_code} không có trong bộ tiêu chí.")
    return _edit(record, expected_version, by, lambda s: _replace_indicator(s, indicator_code, replace),
                 Action.CRITERIA_SET_SET_THRESHOLD,
                 {"indicator": indicator_code, "conditions": dict(key), "value": _json(value), "legal_basis": legal_basis})


@transaction.atomic
def add_indicator(record: CriteriaSetRecord, criterion_number: str, code: str, name: str, value_type: ValueType,
                  operator: Operator, unit: str, value: object, legal_basis: str, *, expected_version: int, by) -> CriteriaSetRecord:
    """Adds a province's own indicator to a criterion, with one threshold that applies everywhere."""
    current = definition(record)
    if current.indicator(code) is not None:
        raise ValueError(f"Chỉ tiêu {code} đã có trong bộ tiêu chí.")
    if all(c.number != criterion_number for c in current.criteria):
        raise ValueError(f"Không có tiêu chí số {criterion_number}.")
    indicator = Indicator(code=code, name=name, value_type=value_type, operator=operator, unit=unit,
                          thresholds=(Threshold(value=value, legal_basis=legal_basis),), confidence=Confidence.PROVINCE,
                          source=legal_basis)

    def change(criteria_set: CriteriaSet) -> CriteriaSet:
        criteria: tuple[Criterion, ...] = tuple(
            dataclasses.replace(c, indicators=(*c.indicators, indicator)) if c.number == criterion_number else c
            for c in criteria_set.criteria
        )
        return dataclasses.replace(criteria_set, criteria=criteria)

    return _edit(record, expected_version, by, change, Action.CRITERIA_SET_ADD_INDICATOR,
                 {"criterion": criterion_number, "indicator": code, "name": name, "value": _json(value), "legal_basis": legal_basis})


@transaction.atomic
def publish(record: CriteriaSetRecord, *, by) -> CriteriaSetRecord:
    """Publishes a draft: a province's replaces its previous version; a national one (the administrator's) takes over
    from the day it begins. Re-evaluating the years it governs is the caller's next step
    (`assessment.services.publish_set`), in the same transaction."""
    if record.province is None:
        if not scope.is_admin(by):
            raise PermissionDenied
    else:
        _require_editor(by, record.province)
    if record.status != SetStatus.DRAFT:
        raise NotDraft
    previous = CriteriaSetRecord.objects.filter(code=record.code, province=record.province, status=SetStatus.PUBLISHED)
    if record.province is None:
        # An older national text still governs the years before this one begins (the version in force on a year's
        # end is the latest begun by then): only a version beginning the same day is replaced.
        previous = previous.filter(valid_from=record.valid_from)
    for old in previous:
        old.status = SetStatus.WITHDRAWN
        old.save(update_fields=["status"])
    record.status, record.published_at = SetStatus.PUBLISHED, timezone.now()
    record.save(update_fields=["status", "published_at"])
    audit.record(by, Action.CRITERIA_SET_PUBLISH, record, unit=record.province, after={"status": SetStatus.PUBLISHED})
    return record


@transaction.atomic
def import_set(text: str, filename: str, province: AdministrativeUnit, *, by) -> CriteriaSetRecord:
    """A province's set from an exported YAML file, as a draft of that province (never a national set). The text
    is checked as untrusted (size, nesting, aliases) before it is parsed; SetFileError lists what is wrong."""
    _require_editor(by, province)
    filename = filename[:200]
    yaml_untrusted.check_untrusted(text, filename)
    criteria_set = dataclasses.replace(yaml_format.parse_set(text, filename), province=province.code)
    if CriteriaSetRecord.objects.filter(code=criteria_set.code, version=criteria_set.version, province=province).exists():
        raise ValueError(f"Tỉnh đã có phiên bản {criteria_set.version} của bộ {criteria_set.code}; hãy đổi 'version' trong tệp.")
    record = CriteriaSetRecord.objects.create(
        code=criteria_set.code, version=criteria_set.version, province=province, status=SetStatus.DRAFT,
        definition=yaml_dump.dump_set(criteria_set), created_by=by, source_file=filename, **_fields(criteria_set),
    )
    audit.record(by, Action.CRITERIA_SET_IMPORT, record, unit=province, after=audit.snapshot(record, RECORD_FIELDS))
    return record


def _json(value: object) -> object:
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


@transaction.atomic
def import_set_workbook(content: bytes, set_code: str, province: AdministrativeUnit | None, *, by,
                        file_name: str = "bo-tieu-chi.xlsx") -> CriteriaSetRecord:
    """A new version of the set `set_code` from an Excel file in the annex layout (`criteria.set_workbook`), all
    or nothing: for `province`, a draft of that province (in force once published, like an imported YAML file);
    without one, a national draft, for administrators only (national sets take effect from `criteria/sets`).

    Raises `SetWorkbookError` listing every problem by row and column; nothing is written then.
    """
    if province is None and not scope.is_admin(by):
        raise PermissionDenied
    if province is not None:
        _require_editor(by, province)
    sheet = set_workbook.read_set_workbook(content)
    base = _national_base(set_code, sheet.header.valid_from)
    criteria_set = set_workbook.build_set(
        sheet, definition(base), version=_workbook_version(base, province, sheet.header.valid_from),
        province=province.code if province is not None else "", file_name=file_name[:200],
        confidence=Confidence.PROVINCE if province is not None else Confidence.SOURCE,
    )
    text = set_workbook.checked_yaml(criteria_set, sheet)
    record = CriteriaSetRecord.objects.create(
        code=criteria_set.code, version=criteria_set.version, province=province, parent=base, status=SetStatus.DRAFT,
        definition=text, created_by=by, source_file=file_name[:200], **_fields(criteria_set),
    )
    audit.record(by, Action.CRITERIA_SET_IMPORT_WORKBOOK, record, unit=province, after={
        **audit.snapshot(record, RECORD_FIELDS), "source_file": file_name[:200],
        "criteria": len(criteria_set.criteria), "indicators": len(criteria_set.indicators())})
    return record


def _national_base(set_code: str, day) -> CriteriaSetRecord:
    """The published national version in force on `day` (else the latest begun by then, else the first)."""
    versions = sorted(CriteriaSetRecord.objects.published().national().filter(code=set_code),
                      key=lambda r: (r.valid_from or datetime.date.min, r.version))
    if not versions:
        raise set_workbook.SetWorkbookError([Problem(None, None, "Không có bộ tiêu chí quốc gia đã chọn.")])
    begun = [r for r in versions if day is None or r.valid_from is None or r.valid_from <= day]
    return begun[-1] if begun else versions[0]


def _workbook_version(base: CriteriaSetRecord, province: AdministrativeUnit | None, day) -> str:
    """A province's next version key of `base` ("2026-02-15+42.3"); a national one is the effective date."""
    taken = set(CriteriaSetRecord.objects.filter(code=base.code, province=province).values_list("version", flat=True))
    if province is not None:
        number = CriteriaSetRecord.objects.filter(code=base.code, province=province).count() + 1
        while f"{base.version}+{province.code}.{number}" in taken:
            number += 1
        return f"{base.version}+{province.code}.{number}"
    stem = day.isoformat() if day is not None else base.version
    version, number = stem, 1
    while version in taken:
        number += 1
        version = f"{stem}.{number}"
    return version
