"""Every change to the map made by people: village lists and unit attributes, audited."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts import audit, scope
from accounts.rules import Permission
from geo.models import ATTRIBUTE_VALUES, AdministrativeUnit, Attribute, Level, UnitAttribute
from geo.village_file import VillageFileError, VillageRow
from ntm.text import fold
from ntm.workbooks import RowError

VILLAGE_FIELDS = ["code", "name", "kind", "parent", "valid_from", "valid_to"]


@dataclass
class VillageImportResult:
    created: list[AdministrativeUnit] = field(default_factory=list)
    updated: list[AdministrativeUnit] = field(default_factory=list)
    unchanged: int = 0


@transaction.atomic
def import_villages(rows: list[VillageRow], *, within: AdministrativeUnit, day: datetime.date, by) -> VillageImportResult:
    """Adds the villages of the file to their communes, all or nothing.

    Every commune must be valid on `day`, lie within `within`, and be editable by `by`. A village already
    known by name in its commune keeps its row; only its kind is updated. Villages missing from the file are
    left alone: ending a village is a decision, not an omission.
    """
    communes = _communes_by_code(rows, within=within, day=day, by=by)
    result = VillageImportResult()
    existing = _existing_villages(communes.values(), day)
    next_number = _next_numbers(communes.values())
    for row in rows:
        commune = communes[row.commune_code]
        village = existing.get((commune.pk, fold(row.name)))
        if village is None:
            code = row.code or f"{commune.code}.{next_number[commune.pk]:03d}"
            next_number[commune.pk] += 1
            village = AdministrativeUnit(code=code, name=row.name, kind=row.kind, level=Level.VILLAGE, parent=commune, source="upload")
            village.save()
            audit.record(by, "village.create", village, unit=commune, after=audit.snapshot(village, VILLAGE_FIELDS))
            result.created.append(village)
        elif village.kind != row.kind:
            before = audit.snapshot(village, ["kind"])
            village.kind = row.kind
            village.save(update_fields=["kind", "search_name"])
            audit.record(by, "village.update", village, unit=commune, before=before, after={"kind": row.kind})
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
        RowError(row.row, "A (Mã xã)", f"Mã xã '{row.commune_code}' không phải là xã thuộc {within.full_name} có hiệu lực ngày {day:%d/%m/%Y}.")
        if row.commune_code not in in_area
        else RowError(row.row, "A (Mã xã)", f"Bạn không có quyền cập nhật danh sách thôn của {in_area[row.commune_code].full_name}.")
        for row in rows
        if row.commune_code not in allowed
    ]
    if errors:
        raise VillageFileError(errors)
    return in_area


def _existing_villages(communes, day) -> dict[tuple[int | None, str], AdministrativeUnit]:
    villages = AdministrativeUnit.objects.valid_on(day).villages().filter(parent__in=list(communes))
    return {(v.parent_id, v.search_name): v for v in villages}


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
    current = unit.attributes.filter(name=name).valid_on(valid_from).first()
    before = None
    if current is not None:
        before = audit.snapshot(current, ["value", "valid_from", "valid_to", "legal_basis"])
        if current.valid_from == valid_from:
            current.delete()
        else:
            current.valid_to = valid_from
            current.save(update_fields=["valid_to"])
    attribute = UnitAttribute.objects.create(unit=unit, name=name, value=value, valid_from=valid_from, legal_basis=legal_basis)
    audit.record(by, "unit.set_attribute", unit, unit=unit, before=before,
                 after=audit.snapshot(attribute, ["name", "value", "valid_from", "legal_basis"]))
    return attribute
