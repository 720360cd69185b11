"""Việc cần làm — what waits for a user, read from the domain apps at the moment it is asked: values to enter or
send, values returned with their comment, figures waiting for the user's review (any year, oldest first), their
agency's tasks due within a week or overdue, dossiers at a step the user takes, the monthly report due. Not a
store of notifications: the home page, the menu count and the daily e-mail all read this one list."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.urls import reverse

from accounts import scope
from accounts.models import Role
from accounts.queries import agencies_named_each
from accounts.rules import Permission
from assessment import review_queue
from assessment.models import IndicatorValue, ValueStatus
from criteria.queries import NoCriteriaSet, set_code_for_year, set_for_year
from directives.models import Task
from directives.queries import own_agencies
from geo.models import AdministrativeUnit, Level
from ntm.formatting import format_number as n
from programme import queries as programme
from programme.rules import Step
from recognition import dossiers as recognition
from recognition import rules as recognition_rules
from recognition.models import Dossier
from reports import schedule

TASK_HORIZON_DAYS = 7
LINES = 5  # lines of one kind before the rest is summed up in one
CLOSED_STEPS = {recognition_rules.Step.RECOGNISED, recognition_rules.Step.REVOKED}


class Kind(StrEnum):
    ENTER = "enter"  # values to enter or send
    RETURNED = "returned"  # values sent back with a comment
    REVIEW = "review"  # figures waiting for the user's verification or appraisal
    TASK = "task"  # the agency's tasks due soon or overdue
    CHASE = "chase"  # the office: other agencies' overdue tasks to chase
    DOSSIER = "dossier"  # recognition dossiers at the user's step
    REPORT = "report"  # the monthly report due


@dataclass(frozen=True)
class Item:
    kind: Kind
    title: str
    detail: str
    url: str
    count: int
    urgent: bool = False  # overdue, or waiting since a past year


def inbox(user, today: datetime.date) -> list[Item]:
    """Everything waiting for the user, the urgent first."""
    if not user.is_authenticated:
        return []
    items = [*_entry(user, today), *_returned(user, today), *_reviews(user, today), *_tasks(user, today),
             *_chase(user, today), *_dossiers(user), *_reports(user, today)]
    return sorted(items, key=lambda item: not item.urgent)


def _officer_communes(user) -> list[AdministrativeUnit]:
    """The communes a commune officer answers for (the office enters figures too, but is not chased for them)."""
    return [m.scope_unit for m in scope.active_memberships(user)
            if m.role == Role.COMMUNE_OFFICER and m.scope_unit and m.scope_unit.level == Level.COMMUNE]


def _own_communes(user, today: datetime.date) -> list[AdministrativeUnit]:
    return [u for u in _officer_communes(user) if u.is_valid_on(today) and programme.is_subject(u)]


def _entry(user, today: datetime.date) -> list[Item]:
    items = []
    for commune in _own_communes(user, today):
        set_code = set_code_for_year(today.year)
        try:
            _, criteria_set = set_for_year(set_code, today.year, commune.province())
        except NoCriteriaSet:
            continue
        codes = {i.code for i in criteria_set.indicators()}
        values = IndicatorValue.objects.filter(unit=commune, set_code=set_code, period__year=today.year)
        entered = set(values.values_list("indicator_code", flat=True)) & codes
        unsent = values.filter(status=ValueStatus.DRAFT).count()
        url = reverse("assessment:entry", args=[commune.pk], query={"period": f"{today:%Y-%m}"})
        path = programme.path_for(commune)
        if len(entered) < len(codes):
            items.append(Item(Kind.ENTER, f"Nhập số liệu năm {today.year} — {commune.full_name}",
                              f"{n(len(codes) - len(entered))}/{n(len(codes))} chỉ tiêu chưa có giá trị; kỳ báo cáo tháng "
                              f"{today:%m/%Y}.",
                              url, len(codes) - len(entered)))
        if unsent:
            items.append(Item(Kind.ENTER, f"Gửi số liệu lên {path.submit_to} — {commune.full_name}",
                              f"{n(unsent)} giá trị năm {today.year} đã nhập nhưng chưa gửi.",
                              reverse("assessment:scorecard", args=[commune.pk], query={"nam": today.year}), unsent))
    return items


def _returned(user, today: datetime.date) -> list[Item]:
    """Values sent back to the user's communes, with the reviewer's comment."""
    rows = (IndicatorValue.objects.filter(unit__in=_officer_communes(user), status=ValueStatus.RETURNED)
            .values_list("unit_id", "set_code", "period__year", "comment").order_by("period"))
    groups: dict[tuple[int, str, int], list[str]] = {}
    for unit_id, set_code, year, comment in rows:
        groups.setdefault((unit_id, set_code, year), []).append(comment)
    units = AdministrativeUnit.objects.in_bulk({key[0] for key in groups})
    items = []
    for (unit_id, set_code, year), comments in groups.items():
        unit = units[unit_id]
        notes = "; ".join(dict.fromkeys(c for c in comments if c))
        items.append(Item(Kind.RETURNED, f"Số liệu bị trả lại — {unit.full_name}, năm {year}",
                          f"{n(len(comments))} giá trị cần sửa và gửi lại. Ý kiến: {notes or 'không ghi'}",
                          reverse("assessment:scorecard", args=[unit.pk], query={"nam": year, "bo": set_code}),
                          len(comments), urgent=True))
    return items


def _capped(items: list[Item], more: Item) -> list[Item]:
    """The first LINES of a long list, then one line for the rest (the page it links to lists them all)."""
    if len(items) <= LINES:
        return items
    rest = items[LINES:]
    return [*items[:LINES], Item(more.kind, more.title.format(count=len(rest)), more.detail, more.url,
                                 sum(item.count for item in rest), urgent=any(item.urgent for item in rest))]


def _reviews(user, today: datetime.date) -> list[Item]:
    return _capped(_review_lines(user, today), Item(
        Kind.REVIEW, "… và {count} lượt số liệu khác đang chờ bạn thẩm tra, thẩm định",
        "Danh sách đầy đủ, chờ lâu nhất ở trên.", reverse("assessment:review"), 0))


def _review_lines(user, today: datetime.date) -> list[Item]:
    return [Item(Kind.REVIEW, f"{'Thẩm tra' if w.step == Step.VERIFY else 'Thẩm định'} số liệu — {w.unit.full_name}, năm {w.year}",
                 f"{n(w.count)} giá trị chờ từ ngày {w.since:%d/%m/%Y}.",
                 reverse("assessment:scorecard", args=[w.unit.pk], query={"nam": w.year, "bo": w.set_code}), w.count,
                 urgent=w.year < today.year)
            for w in review_queue.waiting(user, only_mine=True)]


def _tasks(user, today: datetime.date) -> list[Item]:
    agencies = own_agencies(user)
    if not agencies:
        return []
    own = Task.objects.filter(Q(lead_agency_id__in=agencies) | Q(support_agencies__in=agencies)).distinct()
    soon = own.active().filter(due_date__lte=today + datetime.timedelta(days=TASK_HORIZON_DAYS))
    items: list[Item] = []
    for task in soon.select_related("notice").order_by("due_date", "pk"):
        due = task.due_date
        if due is None:  # the filter keeps dated tasks only; this tells the type checker
            continue
        late = due < today
        when = f"quá hạn {n((today - due).days)} ngày (hạn {due:%d/%m/%Y})" if late else f"hạn {due:%d/%m/%Y}"
        summary = task.summary[:160]
        items.append(Item(Kind.TASK, summary[:1].upper() + summary[1:], f"Thông báo {task.notice.number or 'kết luận'} — {when}.",
                          reverse("directives:task", args=[task.pk]), 1, urgent=late))
    return _capped(items, Item(Kind.TASK, "… và {count} nhiệm vụ khác của cơ quan bạn sắp đến hạn hoặc quá hạn", "",
                               reverse("directives:board", query={"tab": "overdue"}), 0))


def _chase(user, today: datetime.date) -> list[Item]:
    """The office chases the agencies' overdue tasks of its province (by phone, as the notices say)."""
    provinces = scope.units_for(user, Permission.MANAGE_NOTICES).filter(level=Level.PROVINCE, valid_to__isnull=True)
    if scope.is_admin(user) or not provinces.exists():
        return []
    overdue = Task.objects.filter(notice__province__in=provinces).overdue(today)
    mine = set(own_agencies(user))
    others = overdue.exclude(lead_agency_id__in=mine).count()
    if not others:
        return []
    return [Item(Kind.CHASE, "Đôn đốc nhiệm vụ quá hạn của các cơ quan", f"{n(others)} nhiệm vụ đã quá hạn chưa hoàn thành.",
                 reverse("directives:board", query={"tab": "overdue"}), others, urgent=True)]


def _dossiers(user) -> list[Item]:
    """Dossiers whose current step the user moves on, and dossiers waiting for the opinion of the user's department."""
    units = scope.units_for(user, Permission.ACT_ON_DOSSIERS)
    open_dossiers = (Dossier.objects.filter(unit__in=units).exclude(step__in=CLOSED_STEPS)
                     .select_related("unit__parent__parent__parent").order_by("year", "pk"))
    departments = {m.agency_id for m in scope.active_memberships(user) if m.role == Role.DEPARTMENT_OFFICER}
    reviewers = programme.Reviewers(user)
    items = []
    for dossier in open_dossiers:
        step = recognition_rules.Step(dossier.step)
        owner = dossier.path.owners.get(step)
        url = reverse("recognition:dossier", args=[dossier.pk])
        if owner is not None and owner in recognition.actors_for(user, dossier, reviewers):
            following = _next_step(dossier.path, step)
            todo = f" chuyển sang «{dossier.path.label(following)}»" if following else ""
            items.append(Item(Kind.DOSSIER, f"Hồ sơ {dossier.get_subject_display().lower()} — {dossier.unit.full_name}, năm {dossier.year}",
                              f"Đang ở bước «{dossier.path.label(step)}»: đến lượt bạn{todo}.", url, 1))
        elif departments and step == recognition_rules.Step.SUBMITTED_TO_PROVINCE and _opinion_due(dossier, departments):
            items.append(Item(Kind.DOSSIER, f"Cho ý kiến thẩm định — {dossier.unit.full_name}, năm {dossier.year}",
                              "Sở, ngành phụ trách tiêu chí chưa có ý kiến về hồ sơ.", url, 1))
    return _capped(items, Item(Kind.DOSSIER, "… và {count} hồ sơ công nhận khác đến lượt bạn xử lý", "",
                               reverse("recognition:dossiers"), 0))


def _next_step(path: recognition_rules.Path, step: recognition_rules.Step) -> recognition_rules.Step | None:
    """The step the owner moves the dossier to (none once it is recognised: a revocation is not routine work)."""
    if step not in path.steps or step == path.steps[-1]:
        return None
    return path.steps[path.steps.index(step) + 1]


def _opinion_due(dossier: Dossier, departments: set[int]) -> bool:
    pending = recognition.departments_pending(dossier)
    province = dossier.unit.province()
    return any(a.pk in departments for named in agencies_named_each(pending, province).values() for a in named)


def _reports(user, today: datetime.date) -> list[Item]:
    provinces = scope.units_for(user, Permission.MANAGE_NOTICES).filter(level=Level.PROVINCE, valid_to__isnull=True)
    if scope.is_admin(user):
        return []
    items = []
    for province in provinces:
        due = schedule.next_report(programme.report_day_of_month(province), today)
        if due is not None and due.days_left <= TASK_HORIZON_DAYS:
            items.append(Item(Kind.REPORT, f"Báo cáo tháng {due.month:%m/%Y} — {province.full_name}",
                              f"Hạn gửi trước ngày {due.due:%d/%m/%Y} (còn {due.days_left} ngày).",
                              reverse("reports:dashboard", query={"dia_ban": province.pk}), 1, urgent=due.days_left <= 2))
    return items
