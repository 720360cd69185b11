"""Task boards, task pages with their history and progress reports, notice pages with their counts."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import audit_display, scope
from accounts.models import AuditEntry
from accounts.rules import Permission
from directives import documents, queries, services
from directives.forms import ProgressForm
from directives.models import ACTIVE, TaskUpdate
from ntm import downloads
from ntm.domain_errors import domain_errors
from ntm.formatting import format_number
from ntm.params import choice_param, id_param, required_id
from targets.vocabulary import measure_label

CRUMBS = [("Nhiệm vụ", None)]


MINE = "directives.board.mine"  # the session's memory of the "của cơ quan tôi" filter


def task_board(request):
    """The tasks of the user's area, open first; "của cơ quan tôi" one click away and remembered; tasks more than a
    year overdue folded under one heading; a leader's board opens on the counts by agency."""
    today = timezone.localdate()
    visible = queries.visible_tasks(request.user)
    own = queries.own_agencies(request.user)
    mine = bool(own) and _mine(request)
    tasks = visible.filter(Q(lead_agency__in=own) | Q(support_agencies__in=own)) if mine else visible
    chosen = {param: id_param(request, param) for param in ("thong_bao", "co_quan", "huyen")}  # not an id: no filter
    for param, field in (("thong_bao", "notice_id"), ("co_quan", "lead_agency_id"), ("huyen", "lead_agency__unit_id")):
        if chosen[param] is not None:
            tasks = tasks.filter(**{field: chosen[param]})
    tasks = tasks.distinct()
    tab = choice_param(request, "tab", frozenset(queries.BOARD_TABS), default="open")
    listed = queries.board(tasks, tab, today)
    cutoff = queries.long_overdue_since(today)
    long_overdue = listed.filter(status__in=ACTIVE, due_date__lt=cutoff)
    leader = queries.is_leader(request.user)
    return render(request, "directives/board.html", {
        "tasks": listed.exclude(pk__in=long_overdue.values("pk"))[:BOARD_ROWS], "tab": tab,
        "long_overdue": long_overdue[:BOARD_ROWS], "long_overdue_count": long_overdue.count(), "cutoff": cutoff,
        "tabs": [(key, label, _board_url(request, tab=key)) for key, (label, _) in queries.BOARD_TABS.items()],
        "counts": queries.counts(tasks, today), "today": today, "own": bool(own), "mine": mine,
        "mine_urls": (_board_url(request, cua_toi="0"), _board_url(request, cua_toi="1")),
        "by_agency": queries.counts_by_lead_agency(visible, today, confirmed_only=True) if leader else None,
        "filtered": any(v is not None for v in chosen.values()), "chosen": chosen,
        "clear_url": reverse("directives:board", query={"tab": tab}),
        "notices": queries.visible_notices(request.user).order_by("-date", "-pk").only("kind", "number", "date")[:100],
        "nav": "tasks",
        "breadcrumbs": CRUMBS, "agencies": queries.lead_agencies(visible), "districts": queries.lead_districts(visible),
        "may_import": scope.may(request.user, Permission.MANAGE_NOTICES),
    })


BOARD_ROWS = 500


def _mine(request) -> bool:
    """ "của cơ quan tôi" from ?cua_toi=1/0 when given (and remembered in the session), else as last chosen."""
    given = choice_param(request, "cua_toi", frozenset({"0", "1"}))
    if given:
        request.session[MINE] = given == "1"
    return bool(request.session.get(MINE, False))


def _board_url(request, **changes: str) -> str:
    """The board's address with some parameters changed, the others kept (only the board's own, bounded)."""
    query = {key: request.GET[key] for key in ("thong_bao", "co_quan", "huyen", "tab") if id_param(request, key) or (
        key == "tab" and request.GET.get("tab") in queries.BOARD_TABS)}
    query.update(changes)
    return reverse("directives:board", query=query)


def task_detail(request, pk: int):
    task = get_object_or_404(queries.visible_tasks(request.user).select_related("notice", "lead_agency"), pk=pk)
    may_report = services.may_report(request.user, task)
    form = ProgressForm(request.POST or None, request.FILES or None, initial={"version": task.version, "status": task.status})
    if request.method == "POST":
        if not may_report:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            with domain_errors(form) as outcome:
                services.report_progress(task, data["text"], data["status"], by=request.user, version=data["version"],
                                         attachment=data["attachment"])
            if outcome.ok:
                messages.success(request, "Đã ghi báo cáo tiến độ.")
                return redirect("directives:task", pk=task.pk)
    history = AuditEntry.objects.filter(target_type="directives.task", target_id=str(task.pk)).select_related("actor")
    return render(request, "directives/task.html", {
        "task": task, "form": form, "may_report": may_report, "updates": task.updates.select_related("author", "agency"),
        "history": audit_display.describe(history), "today": timezone.localdate(), "nav": "tasks",
        "breadcrumbs": [("Nhiệm vụ", reverse("directives:board")), ("Chi tiết nhiệm vụ", None)],
    })


def attachment(request, pk: int):
    """The file of a progress report, to those who may see its task; as a download, never from the media folder."""
    update = get_object_or_404(TaskUpdate.objects.exclude(attachment=""), pk=required_id(str(pk)),
                               task__in=queries.visible_tasks(request.user))
    return downloads.stored_file(update.attachment)


NOTICES = "Văn bản giao nhiệm vụ"


def notice_list(request):
    today = timezone.localdate()
    notices = list(queries.visible_notices(request.user).order_by("-date", "-pk").defer("full_text")[:200])
    counts = queries.counts_by(queries.visible_tasks(request.user).filter(notice__in=notices), "notice_id", today)
    return render(request, "directives/notice_list.html", {
        "rows": [(n, counts.get(n.pk)) for n in notices], "may_import": scope.may(request.user, Permission.MANAGE_NOTICES),
        "nav": "tasks", "breadcrumbs": [(NOTICES, None)],
    })


def notice_detail(request, pk: int):
    notice = get_object_or_404(queries.visible_notices(request.user).select_related("meeting"), pk=pk)
    today = timezone.localdate()
    tasks = queries.visible_tasks(request.user).filter(notice=notice)
    return render(request, "directives/notice.html", {
        "notice": notice, "tasks": queries.rows(tasks).order_by("pk"), "counts": queries.counts(tasks, today),
        "by_agency": queries.counts_by_lead_agency(tasks, today),
        "targets": [(t, measure_label(t.metric), _figure(t.value)) for t in notice.targets.all()], "today": today,
        "nav": "tasks",
        "breadcrumbs": [(NOTICES, reverse("directives:notices")), (str(notice), None)],
    })




def _figure(value: Decimal) -> str:
    """A target's figure as written: "13", "11,5", "0,25" — no trailing zeros of the stored two decimals."""
    return format_number(value, 2, strip_zeros=True)


def notice_word(request, pk: int):
    """The notice as a Word file in the state's administrative format."""
    notice = get_object_or_404(queries.visible_notices(request.user).select_related("province"), pk=pk)
    return downloads.attachment(documents.notice_docx(notice), f"thong-bao-{notice.pk}.docx")


def followup(request, pk: int, fmt: str):
    """The follow-up report of a notice's tasks, as Word or Excel."""
    notice = get_object_or_404(queries.visible_notices(request.user).select_related("province"), pk=pk)
    tasks = list(queries.visible_tasks(request.user).filter(notice=notice).select_related("lead_agency").order_by("pk"))
    today = timezone.localdate()
    if fmt == "docx":
        return downloads.attachment(documents.followup_docx(notice, tasks, today), f"theo-doi-thong-bao-{notice.pk}.docx")
    return downloads.attachment(documents.followup_xlsx(notice, tasks, today), f"theo-doi-thong-bao-{notice.pk}.xlsx")
