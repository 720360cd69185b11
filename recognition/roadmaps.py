"""Registrations and their roadmaps: the office approves the year's list; the roadmap of each commune is made
from its gaps and kept in step with its results, and the commune adds its own actions. Audited, scoped, locked."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import audit, scope
from accounts.actions import Action
from accounts.queries import agencies_named
from accounts.rules import Permission
from geo.models import AdministrativeUnit, Level
from ntm.locking import bump, check_version
from programme import queries as programme
from recognition import rules
from recognition.gaps import Gap, gaps_of
from recognition.models import ItemStatus, Registration, RoadmapItem

ITEM_FIELDS = ["action", "responsible_agency", "responsible_person", "due_date", "status", "completed_on"]
CLOSED = (ItemStatus.DONE, ItemStatus.CANCELLED)


def require_subject_in_year(commune: AdministrativeUnit, year: int) -> None:
    """Only a xã (a phường if the province assesses its wards) that existed in the year registers or is recognised."""
    if not programme.is_subject(commune):
        raise ValidationError(f"{commune.full_name} không thuộc đối tượng xét đạt chuẩn nông thôn mới (chỉ các xã; "
                              "tỉnh chưa đưa phường vào).")
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if not programme.exists_between(commune, first, last):
        raise ValidationError(programme.absence_message(commune, first, last, f"Đăng ký, hồ sơ năm {year}"))


@transaction.atomic
def register(commune: AdministrativeUnit, *, year: int, level: str, decision: str, decided_on, by,
             note: str = "") -> Registration:
    """Adds a commune to the year's list and makes its roadmap from its gaps."""
    if not scope.can(by, Permission.MANAGE_RECOGNITION, commune):
        raise PermissionDenied
    if commune.level != Level.COMMUNE:
        raise ValidationError("Chỉ xã mới đăng ký đạt chuẩn.")
    require_subject_in_year(commune, year)
    refused = rules.offer_refusal(rules.Subject.COMMUNE, rules.Tier(level), year)
    if refused:
        raise ValidationError(refused)
    if Registration.objects.filter(unit=commune, year=year, level=level).exists():
        raise ValidationError(f"{commune.full_name} đã có trong danh sách đăng ký năm {year}.")
    registration = Registration.objects.create(unit=commune, year=year, level=level, decision=decision.strip(),
                                               decided_on=decided_on, note=note.strip(), created_by=by)
    audit.record(by, Action.RECOGNITION_REGISTER, registration, unit=commune,
                 after=audit.snapshot(registration, ["year", "level", "decision", "decided_on"]))
    refresh_roadmaps([registration], by=by)
    return registration


@transaction.atomic
def withdraw(registration: Registration, *, on: datetime.date, by) -> Registration:
    if not scope.can(by, Permission.MANAGE_RECOGNITION, registration.unit):
        raise PermissionDenied
    registration.withdrawn_on = on
    registration.save(update_fields=["withdrawn_on"])
    audit.record(by, Action.RECOGNITION_WITHDRAW, registration, unit=registration.unit, after={"withdrawn_on": str(on)})
    return registration


def refresh_roadmaps(registrations: list[Registration], *, by=None, today: datetime.date | None = None) -> int:
    """Adds a generated item for every new gap and closes the generated items whose gap is gone; returns the
    number of items added or closed. Typed actions are never touched."""
    today = today or timezone.localdate()
    changed = 0
    by_year: dict[int, list[Registration]] = {}
    for registration in registrations:
        by_year.setdefault(registration.year, []).append(registration)
    for year, group in by_year.items():
        gaps = gaps_of([r.unit for r in group], year)
        open_items = _open_generated(group)
        for registration in group:
            current = {gap.indicator_code: gap for gap in gaps.get(registration.unit_id, [])}
            known = open_items.get(registration.pk, {})
            for code, gap in current.items():
                if code in known:
                    continue
                gap_item(registration, gap)
                changed += 1
            for code, item in known.items():
                if code not in current:
                    item.status, item.completed_on = ItemStatus.DONE, today
                    bump(item)
                    item.save(update_fields=["status", "completed_on", "version"])
                    audit.record(by, Action.RECOGNITION_ITEM_MET, item, unit=registration.unit,
                                 after={"indicator": code, "status": ItemStatus.DONE})
                    changed += 1
    return changed


def gap_item(registration: Registration, gap: Gap) -> RoadmapItem:
    """The roadmap item of a gap, owned by the criterion's department, due by the registration's year end."""
    return RoadmapItem.objects.create(
        registration=registration, indicator_code=gap.indicator_code, criterion_number=gap.criterion_number,
        gap=gap.text[:300], owner=gap.owner, generated=True,
        action=f"Hoàn thành chỉ tiêu {gap.indicator_code} {gap.indicator_name}",
        responsible_agency=_owner_agency(gap.owner, registration.unit),
        due_date=datetime.date(registration.year, 12, 31),  # until the commune sets its own
    )


def _open_generated(registrations: list[Registration]) -> dict[int, dict[str, RoadmapItem]]:
    items: dict[int, dict[str, RoadmapItem]] = {}
    rows = RoadmapItem.objects.filter(registration__in=registrations, generated=True).exclude(status__in=CLOSED)
    for item in rows:
        items.setdefault(item.registration_id, {})[item.indicator_code] = item
    return items


def _owner_agency(owner: str, commune: AdministrativeUnit):
    """The department named as the criterion's owner, when the province's table knows exactly one."""
    if not owner:
        return None
    found = agencies_named(owner, commune.province())
    return found[0] if len(found) == 1 else None


def may_edit(user, registration: Registration) -> bool:
    return scope.can(user, Permission.EDIT_ROADMAP, registration.unit)


@transaction.atomic
def add_action(registration: Registration, *, action: str, responsible_agency, responsible_person: str,
               due_date: datetime.date | None, by) -> RoadmapItem:
    """An action the commune adds to its roadmap: what, by whom, by when ("rõ người làm, thời gian hoàn thành")."""
    if not may_edit(by, registration):
        raise PermissionDenied
    if not action.strip():
        raise ValidationError("Cần ghi việc cần làm.")
    if due_date is None or not (responsible_agency or responsible_person.strip()):
        raise ValidationError("Mỗi việc cần rõ người làm và thời gian hoàn thành.")
    item = RoadmapItem.objects.create(registration=registration, action=action.strip(), due_date=due_date,
                                      responsible_agency=responsible_agency,
                                      responsible_person=responsible_person.strip())
    audit.record(by, Action.RECOGNITION_ITEM_ADD, item, unit=registration.unit, after=audit.snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def update_item(item: RoadmapItem, *, version: int, by, tasks=None, projects=None, **changes) -> RoadmapItem:
    """Changes an item's action, responsibility, deadline or status, and its linked tasks and projects."""
    if not may_edit(by, item.registration):
        raise PermissionDenied
    locked = RoadmapItem.objects.select_for_update().get(pk=item.pk)
    check_version(locked, version)
    before = audit.snapshot(locked, ITEM_FIELDS)
    for field, value in changes.items():
        if field not in ITEM_FIELDS:
            raise ValueError(field)
        setattr(locked, field, value)
    if locked.status == ItemStatus.DONE and not locked.completed_on:
        locked.completed_on = timezone.localdate()
    if locked.status != ItemStatus.DONE:
        locked.completed_on = None
    bump(locked)
    locked.save()
    if tasks is not None:
        locked.tasks.set(tasks)
    if projects is not None:
        locked.projects.set(projects)
    old, new = audit.changed_only(before, audit.snapshot(locked, ITEM_FIELDS))
    audit.record(by, Action.RECOGNITION_ITEM_UPDATE, locked, unit=locked.registration.unit, before=old, after=new)
    return locked
