"""Every change to the map made by people: village lists, unit attributes and a province's commune groups, audited."""

import datetime
import operator
from dataclasses import dataclass, field
from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts import audit, scope
from accounts.actions import Action
from accounts.rules import Permission
from geo import queries
from geo.commune_group_file import CODE_COLUMN, GroupFileError, GroupRow
from geo.models import ATTRIBUTE_VALUES, AdministrativeUnit, Attribute, Level, UnitAttribute
from geo.village_file import VillageFileError, VillageRow
from ntm.imports import run_import
from ntm.problems import Problem
from ntm.text import fold

VILLAGE_FIELDS = ["code", "name", "kind", "parent", "valid_from", "valid_to"]


@dataclass
class VillageImportResult:
    created: list[AdministrativeUnit] = field(default_factory=list)
    updated: list[AdministrativeUnit] = field(default_factory=list)
    unchanged: int = 0


def import_villages(rows: list[VillageRow], *, within: AdministrativeUnit, day: datetime.date, by) -> VillageImportResult:
    """Adds the villages of the file to their communes, all or nothing.

    Every commune must be valid on `day`, lie within `within`, and be editable by `by`. A village already
    known by name in its commune keeps its row; only its kind is updated. Villages missing from the file are
    left alone: ending a village is a decision, not an omission. A village code already taken is refused with its
    row and column; a write refused by the database all the same (another upload at the same moment) is said, not
    a server error, and nothing is written.
    """
    try:
        return _import_villages(rows, within=within, day=day, by=by)
    except IntegrityError:
        raise VillageFileError([Problem(None, "E (Mã thôn)", (
            "Một mã thôn vừa được dùng cho thôn khác (có thể do một lần tải lên khác cùng lúc): chưa ghi dòng nào. "
            "Hãy tải lên lại tệp."))]) from None


def _import_villages(rows: list[VillageRow], *, within: AdministrativeUnit, day: datetime.date, by) -> VillageImportResult:
    return run_import(lambda: _check_villages(rows, within=within, day=day, by=by),
                      lambda plan: _write_villages(rows, plan, by), error=VillageFileError)


@dataclass(frozen=True)
class _VillagePlan:
    communes: dict[str, AdministrativeUnit]
    existing: dict[tuple[int | None, str], AdministrativeUnit]
    taken: set[str]  # village codes in use


def _check_villages(rows: list[VillageRow], *, within: AdministrativeUnit, day: datetime.date,
                    by) -> tuple[_VillagePlan, list[Problem]]:
    communes = _communes_by_code(rows, within=within, day=day, by=by)
    existing = _existing_villages(communes.values(), day)
    new_rows = [row for row in rows if (communes[row.commune_code].pk, fold(row.name)) not in existing]
    taken, errors = _taken_codes(new_rows)
    return _VillagePlan(communes, existing, taken), errors


def _write_villages(rows: list[VillageRow], plan: _VillagePlan, by) -> VillageImportResult:
    communes, existing, taken = plan.communes, plan.existing, plan.taken
    result = VillageImportResult()
    next_number = _next_numbers(communes.values())
    for row in rows:
        commune = communes[row.commune_code]
        village = existing.get((commune.pk, fold(row.name)))
        if village is None:
            code = row.code or _free_code(commune, next_number, taken)
            taken.add(code)
            village = AdministrativeUnit(code=code, name=row.name, kind=row.kind, level=Level.VILLAGE, parent=commune, source="upload")
            village.save()
            audit.record(by, Action.VILLAGE_CREATE, village, unit=commune, after=audit.snapshot(village, VILLAGE_FIELDS))
            result.created.append(village)
        elif village.kind != row.kind:
            before = audit.snapshot(village, ["kind"])
            village.kind = row.kind
            village.save(update_fields=["kind", "search_name"])
            audit.record(by, Action.VILLAGE_UPDATE, village, unit=commune, before=before, after={"kind": row.kind})
            result.updated.append(village)
        else:
            result.unchanged += 1
    return result


def _communes_by_code(rows, *, within, day, by) -> dict[str, AdministrativeUnit]:
    codes = {row.commune_code for row in rows}
    editable = scope.units_for(by, Permission.EDIT_VILLAGES)
    candidates = AdministrativeUnit.objects.valid_on(day).communes().filter(code__in=codes)
    in_area = {u.code: u for u in candidates.within(within)} if within.level != Level.COMMUNE else {
        u.code: u for u in candidates.filter(pk=within.pk)
    }
    allowed = set(editable.filter(pk__in=[u.pk for u in in_area.values()]).values_list("code", flat=True))
    errors = [
        Problem(row.row, "A (Mã xã)", f"Mã xã '{row.commune_code}' không phải là xã thuộc {within.full_name} có hiệu lực ngày {day:%d/%m/%Y}.")
        if row.commune_code not in in_area
        else Problem(row.row, "A (Mã xã)", f"Bạn không có quyền cập nhật danh sách thôn của {in_area[row.commune_code].full_name}.")
        for row in rows
        if row.commune_code not in allowed
    ]
    if errors:
        raise VillageFileError(errors)
    return in_area


def _existing_villages(communes, day) -> dict[tuple[int | None, str], AdministrativeUnit]:
    villages = AdministrativeUnit.objects.valid_on(day).villages().filter(parent__in=list(communes))
    return {(v.parent_id, v.search_name): v for v in villages}


def _taken_codes(new_rows: list[VillageRow]) -> tuple[set[str], list[Problem]]:
    """Every village code in use, and a problem for each row whose own code is one of them."""
    given = {row.code: row for row in new_rows if row.code}
    clashes = AdministrativeUnit.objects.villages().filter(code__in=list(given)).select_related("parent")
    errors = [Problem(given[unit.code].row, "E (Mã thôn)", f"Mã thôn '{unit.code}' đã là mã của {unit.full_name}"
                       f"{f' ({unit.parent.full_name})' if unit.parent else ''}: hãy để trống để hệ thống tự cấp mã.")
              for unit in clashes]
    prefixes = [Q(code__startswith=f"{code}.") for code in {row.commune_code for row in new_rows}]
    generated = AdministrativeUnit.objects.villages().filter(reduce(operator.or_, prefixes)).values_list(
        "code", flat=True) if prefixes else []
    return set(generated) | set(given), errors


def _free_code(commune: AdministrativeUnit, next_number: dict[int, int], taken: set[str]) -> str:
    """The commune's next village number whose code no village has."""
    while (code := f"{commune.code}.{next_number[commune.pk]:03d}") in taken:
        next_number[commune.pk] += 1
    next_number[commune.pk] += 1
    return code


def _next_numbers(communes) -> dict[int, int]:
    counts = {c.pk: 1 for c in communes}
    for village in AdministrativeUnit.objects.villages().filter(parent__in=list(communes)):
        counts[village.parent_id] += 1
    return counts


@transaction.atomic
def set_attribute(unit: AdministrativeUnit, name: Attribute, value: str, *, valid_from: datetime.date, legal_basis: str, by) -> UnitAttribute:
    """Records a region, commune group or flag from `valid_from`, closing the value in force before it."""
    if not scope.can(by, Permission.EDIT_UNIT_ATTRIBUTES, unit):
        raise PermissionDenied
    if value not in ATTRIBUTE_VALUES[name]:
        raise ValueError(f"{value!r} is not a value of {name}")
    return _write_attribute(unit, name, value, valid_from=valid_from, legal_basis=legal_basis, by=by)


def _write_attribute(unit: AdministrativeUnit, name: Attribute, value: str, *, valid_from: datetime.date, legal_basis: str, by) -> UnitAttribute:
    """The attribute mechanics, access already checked: the value in force on `valid_from` ends there (or is replaced
    if it starts that day), the new one runs until the next recorded decision, if any. One audit entry."""
    current = unit.attributes.filter(name=name).valid_on(valid_from).first()
    before = None
    if current is not None:
        before = audit.snapshot(current, ["value", "valid_from", "valid_to", "legal_basis"])
        if current.valid_from == valid_from:
            current.delete()
        else:
            current.valid_to = valid_from
            current.save(update_fields=["valid_to"])
    following = unit.attributes.filter(name=name, valid_from__gt=valid_from).order_by("valid_from").first()
    attribute = UnitAttribute.objects.create(unit=unit, name=name, value=value, valid_from=valid_from, legal_basis=legal_basis,
                                             valid_to=following.valid_from if following else None)
    audit.record(by, Action.UNIT_SET_ATTRIBUTE, unit, unit=unit, before=before,
                 after=audit.snapshot(attribute, ["name", "value", "valid_from", "legal_basis"]))
    return attribute


@dataclass
class GroupImportResult:
    changed: list[tuple[AdministrativeUnit, str, str]] = field(default_factory=list)  # (unit, group before, group after)
    unchanged: int = 0


def set_commune_groups(rows: list[GroupRow], *, province: AdministrativeUnit, valid_from: datetime.date, legal_basis: str,
                       by) -> GroupImportResult:
    """Records the commune groups of a provincial decision from `valid_from`, all or nothing.

    Every code must be a commune-level unit of `province` valid on `valid_from` (GroupFileError names each row that
    is not). A commune whose group in force that day is already the one given is left as it is; every other gets
    the new group through the attribute mechanics (the previous value closed), each change audited.
    """
    if not scope.can(by, Permission.EDIT_UNIT_ATTRIBUTES, province):
        raise PermissionDenied
    if not legal_basis.strip():
        raise ValueError("a commune group is set by a decision: legal_basis is required")
    return run_import(lambda: _communes_for_groups(rows, province=province, day=valid_from),
                      lambda units: _write_groups(rows, units, valid_from=valid_from, legal_basis=legal_basis, by=by),
                      error=GroupFileError)


def _write_groups(rows: list[GroupRow], units: dict[str, AdministrativeUnit], *, valid_from: datetime.date,
                  legal_basis: str, by) -> GroupImportResult:
    current = queries.commune_groups_on(list(units.values()), valid_from)
    result = GroupImportResult()
    for row in rows:
        unit = units[row.code]
        if current[unit.pk] == row.group:
            result.unchanged += 1
            continue
        _write_attribute(unit, Attribute.COMMUNE_GROUP, row.group, valid_from=valid_from, legal_basis=legal_basis, by=by)
        result.changed.append((unit, current[unit.pk], row.group))
    return result


def _communes_for_groups(rows: list[GroupRow], *, province: AdministrativeUnit,
                         day: datetime.date) -> tuple[dict[str, AdministrativeUnit], list[Problem]]:
    """The unit of each row's code, and a problem with a reason for every row that has none."""
    codes = {row.code for row in rows}
    known = set(AdministrativeUnit.objects.communes().filter(code__in=codes).values_list("code", flat=True))
    inside: dict[str, list[AdministrativeUnit]] = {}
    for unit in AdministrativeUnit.objects.communes().within(province).filter(code__in=codes).select_related("parent__parent"):
        inside.setdefault(unit.code, []).append(unit)
    found: dict[str, AdministrativeUnit] = {}
    errors: list[Problem] = []
    for row in rows:
        incarnations = inside.get(row.code, [])
        valid = next((u for u in incarnations if u.is_valid_on(day)), None)
        if valid is not None:
            found[row.code] = valid
        elif row.code not in known:
            errors.append(Problem(row.row, CODE_COLUMN, f"Không có xã nào mang mã '{row.code}'."))
        elif not incarnations:
            errors.append(Problem(row.row, CODE_COLUMN, f"Mã xã '{row.code}' không thuộc {province.full_name}."))
        else:
            errors.append(Problem(row.row, CODE_COLUMN, _not_valid(incarnations, day)))
    return found, errors


def _not_valid(incarnations: list[AdministrativeUnit], day: datetime.date) -> str:
    unit = max(incarnations, key=lambda u: u.valid_from or datetime.date.min)
    if unit.valid_from is not None and day < unit.valid_from:
        when = f"có hiệu lực từ {unit.valid_from:%d/%m/%Y}"
    else:
        when = f"hết hiệu lực từ {unit.valid_to:%d/%m/%Y}" if unit.valid_to else "chưa có hiệu lực"
    return f"{unit.full_name} (mã {unit.code}) không có hiệu lực vào ngày {day:%d/%m/%Y} ({when})."
