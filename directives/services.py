"""Every change to notices and tasks: creating a reviewed notice with its tasks and targets in one transaction,
reporting progress, closing and rolling recurring tasks. Each audited."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts import audit, scope
from accounts.actions import Action
from accounts.models import Agency, AgencyKind
from accounts.queries import agencies_named
from accounts.rules import Permission, role_allows
from directives import rules
from directives.models import (
    ACTIVE,
    DeadlineKind,
    DocumentKind,
    Meeting,
    Notice,
    NoticeTarget,
    Task,
    TaskStatus,
    TaskUpdate,
)
from geo.models import AdministrativeUnit
from ntm.attachments import Attachment
from ntm.locking import bump, check_version
from ntm.text import fold

MAX_REPORT = 4_000  # a progress report's text (directives.forms.ProgressForm)
TASK_FIELDS = ["status", "due_date", "completed_on", "summary"]


@dataclass(frozen=True)
class TaskDraft:
    """A task as reviewed by the office before confirming the import."""

    lead: str
    summary: str
    support: tuple[str, ...] = ()
    source_quote: str = ""
    deadline_kind: str = DeadlineKind.NONE
    due_date: datetime.date | None = None
    day_of_month: int | None = None
    deadline_text: str = ""
    lead_text: str = ""  # the lead as the notice wrote it, when the office chose another name in the review


@dataclass(frozen=True)
class TargetDraft:
    metric: str
    value: Decimal
    unit: str = ""
    scope: str = ""
    year: int | None = None
    text: str = ""


@dataclass(frozen=True)
class NoticeDraft:
    number: str
    date: datetime.date | None
    full_text: str
    title: str = ""
    meeting_date: datetime.date | None = None
    chair: str = ""
    signatory: str = ""
    recipients: str = ""
    issuing_body: str = ""
    kind: str = DocumentKind.NOTICE
    tasks: tuple[TaskDraft, ...] = ()
    targets: tuple[TargetDraft, ...] = ()
    new_agencies: dict[str, str] = field(default_factory=dict)  # name as written → kind, created on confirm


def _require(by, permission: Permission, unit: AdministrativeUnit) -> None:
    if not scope.can(by, permission, unit):
        raise PermissionDenied


def resolve_agency(name: str, province: AdministrativeUnit) -> Agency | None:
    """The one agency of the province answering to `name` (name, short name or alias), if exactly one does."""
    found = agencies_named(name, province)
    return found[0] if len(found) == 1 else None


def province_agencies(province: AdministrativeUnit) -> list[Agency]:
    """The agencies a notice of the province may name: its own and its units' (as accounts.queries.agencies_named)."""
    return list(Agency.objects.filter(Q(unit=province) | Q(unit__parent=province) | Q(unit__parent__parent=province))
                .prefetch_related("aliases"))


def agency_resolver(province: AdministrativeUnit) -> Callable[[str], Agency | None]:
    """resolve_agency for many names: the province's agencies read once (a notice names dozens)."""
    index: dict[str, list[Agency]] = {}
    for agency in province_agencies(province):
        keys = {fold(agency.name), fold(agency.short_name)} | {alias.search_alias for alias in agency.aliases.all()}
        for key in keys - {""}:
            index.setdefault(key, []).append(agency)

    def resolve(name: str) -> Agency | None:
        found = index.get(fold(name), [])
        return found[0] if len(found) == 1 else None

    return resolve


def unknown_agencies(draft: NoticeDraft, province: AdministrativeUnit) -> list[str]:
    """Names in the draft that match no agency of the province. Those that name one body may be created on confirm
    (rules.may_propose_agency); a lead must resolve or be created, a supporting name that does not is kept as written
    on the task (Task.other_support)."""
    names = [t.lead for t in draft.tasks] + [s for t in draft.tasks for s in t.support]
    resolve = agency_resolver(province)
    return sorted({n for n in names if n.strip() and resolve(n) is None})


def confirm_notice(draft: NoticeDraft, province: AdministrativeUnit, *, by, token: str) -> tuple[Notice, bool]:
    """The notice of a review form, created once: (the notice, True) the first time the form is confirmed;
    (the notice created then, False) when the same form comes again — a double click, a second tab, a retried
    request, or two posts at once, the second of which finds the first's token taken — and nothing is written."""
    try:
        return create_notice(draft, province, by=by, token=token), True
    except AlreadyConfirmed as done:
        return done.notice, False
    except IntegrityError:
        first = Notice.objects.filter(import_token=token).first()
        if first is None:
            raise
        return first, False


class AlreadyConfirmed(Exception):
    def __init__(self, notice: Notice):
        super().__init__(str(notice))
        self.notice = notice


@transaction.atomic
def create_notice(draft: NoticeDraft, province: AdministrativeUnit, *, by, token: str | None = None) -> Notice:
    """Creates the notice, its meeting, the agencies the office accepted to add, its tasks and targets — or nothing.
    With a review form's `token`, a notice already confirmed from that form raises AlreadyConfirmed."""
    _require(by, Permission.MANAGE_NOTICES, province)
    first = Notice.objects.filter(import_token=token).first() if token else None
    if first is not None:
        raise AlreadyConfirmed(first)
    problems = _problems(draft, agency_resolver(province))
    if problems or draft.date is None:
        raise ValidationError(problems)
    for name, kind in draft.new_agencies.items():
        if not (any(t.lead == name for t in draft.tasks) or any(name in t.support for t in draft.tasks)):
            continue  # a row removed in the review: its agency is not needed
        if resolve_agency(name, province) is None:
            agency = Agency.objects.create(name=name, kind=kind or AgencyKind.OTHER, unit=province)
            audit.record(by, Action.AGENCY_CREATE_FROM_NOTICE, agency, unit=province, after={"name": name, "kind": agency.kind})
    meeting = Meeting.objects.create(province=province, date=draft.meeting_date, chair=draft.chair,
                                     body=draft.issuing_body) if draft.meeting_date else None
    notice = Notice.objects.create(
        province=province, meeting=meeting, kind=draft.kind, number=draft.number, date=draft.date, title=draft.title,
        full_text=draft.full_text,
        signatory=draft.signatory, recipients=draft.recipients, issuing_body=draft.issuing_body, created_by=by,
        import_token=token or None,
    )
    resolve = agency_resolver(province)  # with the agencies just added
    for item in draft.tasks:
        _create_task(notice, item, province, resolve)
    NoticeTarget.objects.bulk_create([
        NoticeTarget(notice=notice, metric=t.metric, value=t.value, unit=t.unit, scope=t.scope, year=t.year, text=t.text)
        for t in draft.targets
    ])
    audit.record(by, Action.NOTICE_CREATE, notice, unit=province,
                 after={"kind": notice.kind, "number": notice.number, "date": notice.date.isoformat(),
                        "tasks": len(draft.tasks), "targets": len(draft.targets)})
    return notice


def _problems(draft: NoticeDraft, resolve: Callable[[str], Agency | None]) -> list[str]:
    problems = []
    if draft.date is None:
        problems.append("Thông báo chưa có ngày ban hành: hãy nhập ngày (dd/mm/yyyy) trước khi lưu.")
    if not draft.full_text.strip():
        problems.append("Thông báo không có nội dung.")
    if draft.kind not in DocumentKind.values:
        problems.append("Loại văn bản không hợp lệ.")
    for name in draft.new_agencies:
        reason = rules.agency_name_problem(name)
        if reason:
            problems.append(f"Không thêm được cơ quan '{name}': {reason}.")
    for number, item in enumerate(draft.tasks, start=1):
        if resolve(item.lead) is None and item.lead not in draft.new_agencies:
            problems.append(_unresolved_lead(number, item.lead))
        if not item.summary.strip():
            problems.append(f"Nhiệm vụ {number}: thiếu nội dung.")
        if item.deadline_kind in (DeadlineKind.DATE, DeadlineKind.MONTH, DeadlineKind.QUARTER) and item.due_date is None:
            problems.append(f"Nhiệm vụ {number}: thời hạn '{item.deadline_text}' chưa có ngày cụ thể.")
    return problems


def _unresolved_lead(number: int, name: str) -> str:
    reason = rules.agency_name_problem(name)
    if reason:
        return f"Nhiệm vụ {number}: '{name}' {reason}: chọn cơ quan chủ trì có trong danh mục."
    return f"Cơ quan '{name}' chưa có trong danh mục: chọn cơ quan có sẵn hoặc đánh dấu thêm mới."


def _create_task(notice: Notice, item: TaskDraft, province: AdministrativeUnit,
                 resolve: Callable[[str], Agency | None]) -> Task:
    lead = resolve(item.lead)
    if lead is None:  # _problems has made sure every name resolves or was created
        raise ValidationError(f"Cơ quan '{item.lead}' chưa có trong danh mục.")
    due = item.due_date
    if item.deadline_kind == DeadlineKind.RECURRING_MONTHLY:
        due = rules.first_monthly_due(notice.date, item.day_of_month)
    elif item.deadline_kind == DeadlineKind.YEAR_END and due is None:
        due = datetime.date(notice.date.year, 12, 31)  # "cuối năm": of the notice's year
    resolved = [(name, resolve(name)) for name in item.support]
    task = Task.objects.create(
        notice=notice, lead_agency=lead, lead_text=item.lead_text or item.lead, summary=item.summary,
        source_quote=item.source_quote, deadline_kind=item.deadline_kind, due_date=due, day_of_month=item.day_of_month,
        deadline_text=item.deadline_text, other_support="; ".join(name for name, agency in resolved if agency is None)[:2_000],
    )
    task.support_agencies.set({agency for _, agency in resolved if agency is not None})
    text = f"{item.summary} {item.source_quote}"
    task.communes.set(communes_named(text, province, notice.date))
    criteria = rules.criteria_named(text)
    if criteria:
        task.criteria = criteria
        task.save(update_fields=["criteria"])
    return task


def communes_named(text: str, province: AdministrativeUnit, day: datetime.date) -> list[AdministrativeUnit]:
    """Communes of the province on `day` that the text names ("xã Kỳ Tân", "các xã (Kỳ Trung, Thiên Lộc)")."""
    if "xã" not in text.lower():
        return []
    communes = AdministrativeUnit.objects.valid_on(day).communes().within(province)
    return [c for c in communes if re.search(rf"(?<![\wÀ-ỹ]){re.escape(c.name)}(?![\wÀ-ỹ])", text)]


def may_report(user, task: Task) -> bool:
    """The lead or a supporting agency's officers report on a task; the office may on any task of its province."""
    if scope.can(user, Permission.MANAGE_NOTICES, task.notice.province):
        return True
    agencies = {m.agency_id for m in scope.active_memberships(user) if role_allows(m.role, Permission.REPORT_TASKS)}
    return task.lead_agency_id in agencies or task.support_agencies.filter(pk__in=agencies).exists()


@transaction.atomic
def report_progress(task: Task, text: str, status: str, *, by, version: int, attachment: Attachment | None = None,
                    today: datetime.date | None = None) -> TaskUpdate:
    """A progress report; marking the task done records the day, and a monthly task gets its next occurrence."""
    if not may_report(by, task):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError("Cần ghi nội dung báo cáo tiến độ.")
    if status not in TaskStatus.values:
        raise ValidationError("Trạng thái không hợp lệ.")
    today = today or timezone.localdate()
    locked = Task.objects.select_for_update().get(pk=task.pk)
    check_version(locked, version, message="Nhiệm vụ đã được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang.")
    if len(text) > MAX_REPORT:
        raise ValidationError("Nội dung báo cáo quá dài: tối đa 4.000 ký tự.")
    agency = _reporting_agency(by, locked)
    update = TaskUpdate(task=locked, author=by, agency=agency, text=text.strip(), status=status)
    if attachment is not None:  # checked by its content and size (ntm.attachments.read_attachment)
        update.attachment.save(attachment.name, attachment.as_file(), save=False)
    update.save()
    before = audit.snapshot(locked, TASK_FIELDS)
    locked.status = status
    locked.completed_on = today if status == TaskStatus.DONE else None
    bump(locked)
    locked.save(update_fields=["status", "completed_on", "version"])
    old, new = audit.changed_only(before, audit.snapshot(locked, TASK_FIELDS))
    audit.record(by, Action.TASK_REPORT, locked, unit=locked.notice.province, before=old, after={**new, "report": text.strip()[:200]})
    if status == TaskStatus.DONE and locked.deadline_kind == DeadlineKind.RECURRING_MONTHLY:
        _next_occurrence(locked)
    return update


def _reporting_agency(user, task: Task) -> Agency:
    agencies = [m.agency for m in scope.active_memberships(user)]
    for agency in agencies:
        if agency.pk == task.lead_agency_id or task.support_agencies.filter(pk=agency.pk).exists():
            return agency
    return agencies[0] if agencies else task.lead_agency


def _next_occurrence(task: Task) -> Task | None:
    if Task.objects.filter(previous=task).exists():
        return None
    base = task.due_date or task.notice.date
    successor = Task.objects.create(
        notice=task.notice, lead_agency=task.lead_agency, lead_text=task.lead_text, summary=task.summary,
        source_quote=task.source_quote, deadline_kind=task.deadline_kind, day_of_month=task.day_of_month,
        deadline_text=task.deadline_text, due_date=rules.next_monthly_due(base, task.day_of_month), previous=task,
        criteria=task.criteria,
    )
    successor.support_agencies.set(task.support_agencies.all())
    return successor


@transaction.atomic
def roll_recurring(today: datetime.date) -> int:
    """Each monthly task whose date has passed gets its next occurrence (run daily); returns how many were created."""
    created = 0
    passed = Task.objects.filter(deadline_kind=DeadlineKind.RECURRING_MONTHLY, due_date__lt=today, next_occurrence__isnull=True,
                                 status__in=ACTIVE | {TaskStatus.DONE})
    for task in passed.select_related("notice"):
        if _next_occurrence(task) is not None:
            created += 1
    return created
