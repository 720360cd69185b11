"""Task boards, task pages with their history and progress reports, notice pages with their counts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import scope
from accounts.models import AuditEntry
from accounts.rules import Permission
from directives import documents, queries, services
from directives.forms import ProgressForm
from directives.models import TaskUpdate
from ntm import attachments
from ntm.params import choice_param, id_param, required_id

CRUMBS = [("Nhiệm vụ", None)]


def task_board(request):
    """Open, due this week, overdue, done; filtered by notice, agency and district; "của tôi" for an agency's officers."""
    today = timezone.localdate()
    tasks = queries.visible_tasks(request.user)
    mine = queries.own_agencies(request.user)
    if request.GET.get("cua_toi", "1" if mine and not request.GET else "") == "1" and mine:
        tasks = tasks.filter(lead_agency__in=mine) | tasks.filter(support_agencies__in=mine)
    for param, field in (("thong_bao", "notice_id"), ("co_quan", "lead_agency_id"), ("huyen", "lead_agency__unit_id")):
        chosen = id_param(request, param)  # not an id (², 10^20, -1): no filter
        if chosen is not None:
            tasks = tasks.filter(**{field: chosen})
    tab = choice_param(request, "tab", frozenset(queries.BOARD_TABS), default="open")
    return render(request, "directives/board.html", {
        "tasks": queries.board(tasks.distinct(), tab, today)[:500], "tab": tab, "tabs": queries.BOARD_TABS,
        "counts": queries.counts(tasks.distinct(), today), "today": today, "mine": bool(mine),
        "notices": queries.visible_notices(request.user)[:100], "nav": "tasks", "breadcrumbs": CRUMBS,
        "agencies": queries.lead_agencies(queries.visible_tasks(request.user)),
        "districts": queries.lead_districts(queries.visible_tasks(request.user)),
    })


def task_detail(request, pk: int):
    task = get_object_or_404(queries.visible_tasks(request.user).select_related("notice", "lead_agency"), pk=pk)
    may_report = services.may_report(request.user, task)
    form = ProgressForm(request.POST or None, request.FILES or None, initial={"version": task.version, "status": task.status})
    if request.method == "POST":
        if not may_report:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_progress(task, data["text"], data["status"], by=request.user, version=data["version"],
                                         attachment=data["attachment"])
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, "Đã ghi báo cáo tiến độ.")
                return redirect("directives:task", pk=task.pk)
    history = AuditEntry.objects.filter(target_type="directives.task", target_id=str(task.pk)).select_related("actor")
    return render(request, "directives/task.html", {
        "task": task, "form": form, "may_report": may_report, "updates": task.updates.select_related("author", "agency"),
        "history": history, "today": timezone.localdate(), "nav": "tasks",
        "breadcrumbs": [("Nhiệm vụ", reverse("directives:board")), (f"Nhiệm vụ {task.pk}", None)],
    })


def attachment(request, pk: int):
    """The file of a progress report, to those who may see its task; as a download, never from the media folder."""
    update = get_object_or_404(TaskUpdate.objects.exclude(attachment=""), pk=required_id(str(pk)),
                               task__in=queries.visible_tasks(request.user))
    return attachments.download(update.attachment)


def notice_list(request):
    today = timezone.localdate()
    notices = list(queries.visible_notices(request.user).order_by("-date", "-pk")[:200])
    counts = queries.counts_by(queries.visible_tasks(request.user).filter(notice__in=notices), "notice_id", today)
    return render(request, "directives/notice_list.html", {
        "rows": [(n, counts.get(n.pk)) for n in notices], "may_import": scope.may(request.user, Permission.MANAGE_NOTICES),
        "nav": "tasks", "breadcrumbs": [("Thông báo kết luận", None)],
    })


def notice_detail(request, pk: int):
    notice = get_object_or_404(queries.visible_notices(request.user).select_related("meeting"), pk=pk)
    today = timezone.localdate()
    tasks = queries.visible_tasks(request.user).filter(notice=notice)
    return render(request, "directives/notice.html", {
        "notice": notice, "tasks": tasks.select_related("lead_agency").order_by("pk"), "counts": queries.counts(tasks, today),
        "by_agency": sorted(queries.counts_by(tasks, "lead_agency__name", today).items()), "targets": notice.targets.all(),
        "today": today, "nav": "tasks",
        "breadcrumbs": [("Thông báo kết luận", reverse("directives:notices")), (str(notice), None)],
    })




DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def notice_word(request, pk: int):
    """The notice as a Word file in the state's administrative format."""
    notice = get_object_or_404(queries.visible_notices(request.user).select_related("province"), pk=pk)
    return _download(documents.notice_docx(notice), DOCX, f"thong-bao-{notice.pk}.docx")


def followup(request, pk: int, fmt: str):
    """The follow-up report of a notice's tasks, as Word or Excel."""
    notice = get_object_or_404(queries.visible_notices(request.user).select_related("province"), pk=pk)
    tasks = list(queries.visible_tasks(request.user).filter(notice=notice).select_related("lead_agency").order_by("pk"))
    today = timezone.localdate()
    if fmt == "docx":
        return _download(documents.followup_docx(notice, tasks, today), DOCX, f"theo-doi-thong-bao-{notice.pk}.docx")
    return _download(documents.followup_xlsx(notice, tasks, today), XLSX, f"theo-doi-thong-bao-{notice.pk}.xlsx")
