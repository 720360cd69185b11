"""The five seed notices in the demo, parsed by the parser itself, with their tasks in plausible states: some done
on time, some late, the rest overdue — so that the boards tell a story. Idempotent."""

import dataclasses
import datetime
import hashlib
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from accounts.models import Agency, AgencyKind, User
from directives import parser, rules, services
from directives.models import DocumentKind, Notice, Task, TaskStatus
from directives.parser.header import parse_header
from geo.models import AdministrativeUnit
from ntm.text import fold

SEED_DIR = Path(__file__).resolve().parent / "corpus" / "seeds" / "texts"
# Subjects the first demo loads wrote in place of the notice's own (replaced by _tidy_loaded).
DEMO_NOTE = "Thông báo thật; trạng thái nhiệm vụ là minh họa (demo)"
TODAY_NOTICE = Path(__file__).resolve().parent / "demo" / "thong-bao-11-2026-minh-hoa.txt"
TODAY_NOTE = "Thông báo minh họa của bản demo — không phải văn bản thật"
OLD_MAP_ENDED = datetime.date(2025, 7, 1)  # tasks of the old map still open then were closed in the months after

KIND_WORDS = [
    ("van phong dieu phoi", AgencyKind.COORDINATION_OFFICE), ("van phong ntm", AgencyKind.COORDINATION_OFFICE),
    ("ban chi dao", AgencyKind.STEERING_COMMITTEE), ("bcd", AgencyKind.STEERING_COMMITTEE),
    ("ubnd", AgencyKind.PEOPLES_COMMITTEE), ("uy ban nhan dan", AgencyKind.PEOPLES_COMMITTEE),
    ("so ", AgencyKind.DEPARTMENT), ("cuc ", AgencyKind.DEPARTMENT), ("kho bac", AgencyKind.DEPARTMENT),
    ("mat tran", AgencyKind.FRONT_OR_UNION), ("hoi ", AgencyKind.FRONT_OR_UNION), ("doan", AgencyKind.FRONT_OR_UNION),
    ("do dau", AgencyKind.SPONSOR), ("doanh nghiep", AgencyKind.SPONSOR),
]


def guess_kind(name: str) -> str:
    """The likely kind of an agency from its name ("Sở …" is a department) — a default the office can change."""
    folded = fold(name) + " "
    return next((kind for word, kind in KIND_WORDS if folded.startswith(word) or f" {word}" in f" {folded}"), AgencyKind.OTHER)


def _stable(*parts: object) -> float:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "big") / 2**64


def _province(name: str, day: datetime.date) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.provinces().valid_on(day).filter(search_name=fold(name)).first()


@transaction.atomic
def load_demo_notices(by: User, directory: Path = SEED_DIR) -> int:
    """Loads each seed notice once into its own province; returns how many were created."""
    _tidy_loaded()
    created = 0
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parsed = parser.parse_notice(text)
        meta = parsed["meta"]
        day = datetime.date.fromisoformat(meta["notice_date"] or meta["meeting_date"])
        province = _province(meta["province"] or "", day)
        if province is None or Notice.objects.filter(province=province, full_text=text).exists():
            continue
        draft = _draft(parsed, text, day, province)
        notice = services.create_notice(draft, province, by=by)
        _play_out(notice)
        created += 1
    return created


def _draft(parsed: dict, text: str, day: datetime.date, province: AdministrativeUnit) -> services.NoticeDraft:
    meta = parsed["meta"]
    tasks = tuple(
        services.TaskDraft(
            lead=t["lead"], support=tuple(t["support"]), summary=t["summary"], source_quote=t.get("source_quote") or "",
            deadline_kind=t["deadline"]["kind"], day_of_month=t["deadline"].get("day_of_month"),
            due_date=datetime.date.fromisoformat(t["deadline"]["date"]) if t["deadline"].get("date") else None,
            deadline_text=t["deadline"].get("text") or "",
        )
        for t in parsed["tasks"]
    )
    targets = tuple(
        services.TargetDraft(metric=t["metric"], value=Decimal(str(t["value"])), unit=t.get("unit") or "", scope=t.get("scope") or "",
                             year=t.get("year"), text=t.get("text") or "")
        for t in parsed["targets"] if t.get("value") is not None
    )
    header = parse_header(text)
    draft = services.NoticeDraft(number=meta.get("notice_number") or "", date=day, full_text=text, title=header.subject or "",
                                 kind=header.kind or DocumentKind.NOTICE, issuing_body=header.issuing_body or "",
                                 meeting_date=datetime.date.fromisoformat(meta["meeting_date"]) if meta.get("meeting_date") else None,
                                 chair=meta.get("chair") or "", tasks=tasks, targets=targets)
    return _with_agencies(draft, province)


FALLBACK_LEAD = "Văn phòng Điều phối nông thôn mới tỉnh"


def _tidy_loaded() -> None:
    """Seed notices loaded by an earlier version carry a demo note as their subject, no kind, and tasks titled by their
    first ten words: given those a new load gives them (idempotent: a tidied notice has its own subject)."""
    for notice in Notice.objects.filter(title__in=[DEMO_NOTE, TODAY_NOTE]):
        header = parse_header(notice.full_text)
        notice.title = header.subject or ""
        notice.kind = header.kind or DocumentKind.NOTICE
        notice.issuing_body = notice.issuing_body or header.issuing_body or ""
        notice.save(update_fields=["title", "kind", "issuing_body"])
        _whole_titles(notice)


def _whole_titles(notice: Notice) -> None:
    """Each task's title cut at ten words replaced by the whole action the parser now gives (same quote, same start)."""
    parsed = parser.parse_notice(notice.full_text)["tasks"]
    for task in Task.objects.filter(notice=notice, previous__isnull=True).order_by("pk"):
        cut = task.summary.lower().rstrip(",;: ")
        whole = next((t["summary"] for t in parsed if t["source_quote"] == task.source_quote
                      and t["summary"].lower().startswith(cut) and len(t["summary"]) > len(task.summary)), None)
        if whole:
            Task.objects.filter(notice=notice, summary=task.summary, source_quote=task.source_quote).update(summary=whole)


def _with_agencies(draft: services.NoticeDraft, province: AdministrativeUnit) -> services.NoticeDraft:
    """What the office does in the review: names of one body are added to the directory; a task addressed to a
    collective ("các cấp, các ngành", "UBND các huyện") is followed by the coordination office, the words kept as the
    notice wrote them; collectives asked to cooperate stay as written (rules.agency_name_problem)."""
    unknown = services.unknown_agencies(draft, province)
    new = {name: guess_kind(name) for name in unknown if rules.may_propose_agency(name)}
    office = Agency.objects.filter(unit=province, kind=AgencyKind.COORDINATION_OFFICE, is_active=True).order_by("pk").first()
    fallback = office.name if office else FALLBACK_LEAD
    tasks = []
    for task in draft.tasks:
        if task.lead in unknown and task.lead not in new:
            task = dataclasses.replace(task, lead=fallback, lead_text=task.lead)
            if office is None:
                new[FALLBACK_LEAD] = AgencyKind.COORDINATION_OFFICE
        tasks.append(task)
    return dataclasses.replace(draft, tasks=tuple(tasks), new_agencies=new)


def _play_out(notice: Notice) -> None:
    """About half the dated tasks done (most on time), the rest left open — overdue today."""
    for task in Task.objects.filter(notice=notice, due_date__isnull=False):
        luck, due = _stable(notice.number, task.pk), task.due_date
        assert due is not None  # the query takes dated tasks only
        if luck < 0.35:
            task.status, task.completed_on = TaskStatus.DONE, due - datetime.timedelta(days=int(luck * 20))
        elif luck < 0.5:
            task.status, task.completed_on = TaskStatus.DONE, due + datetime.timedelta(days=5 + int(luck * 30))
        elif luck < 0.65:
            task.status = TaskStatus.IN_PROGRESS
        task.save(update_fields=["status", "completed_on"])


@transaction.atomic
def load_demo_today(province: AdministrativeUnit, by: User) -> int:
    """December 2026: the tasks of the old notices brought to an end in 2025 (a few still overdue), and the
    province's illustrative notice of November 2026 parsed like any other; returns 1 if the notice was made."""
    _close_old_tasks(province)
    text = TODAY_NOTICE.read_text(encoding="utf-8")
    if Notice.objects.filter(province=province, full_text=text).exists():
        return 0
    parsed = parser.parse_notice(text)
    day = datetime.date.fromisoformat(parsed["meta"]["notice_date"])
    draft = _draft(parsed, text, day, province)
    services.create_notice(draft, province, by=by)
    return 1


def _close_old_tasks(province: AdministrativeUnit) -> None:
    """Open tasks due before the reform: most done late in the second half of 2025, one in ten left overdue."""
    for task in Task.objects.filter(notice__province=province, due_date__lt=OLD_MAP_ENDED).active():
        luck = _stable("2025", task.pk)
        if luck < 0.9:
            task.status = TaskStatus.DONE
            task.completed_on = OLD_MAP_ENDED + datetime.timedelta(days=int(luck * 150))
            task.save(update_fields=["status", "completed_on"])
