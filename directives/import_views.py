"""Importing a notice: paste or upload → review (text with each task highlighted beside editable tables) → confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import scope
from accounts.rules import Permission
from directives import parser, review, services
from directives.text_extraction import MAX_CHARACTERS, UnreadableNotice, check_length, read_notice_upload
from geo.models import Level


def _province(request):
    provinces = list(scope.units_for(request.user, Permission.MANAGE_NOTICES).filter(level=Level.PROVINCE, valid_to__isnull=True)[:1])
    if not provinces:
        raise Http404
    return provinces[0]


def _crumbs():
    return [("Thông báo kết luận", reverse("directives:notices")), ("Nhập thông báo", None)]


def notice_import(request):
    """Step 1: paste the text or upload a .txt, .docx or .pdf; or start an empty notice to type."""
    province = _province(request)
    if request.method == "GET" and request.GET.get("tu_dau") != "1":
        return render(request, "directives/import.html", {"province": province, "nav": "tasks", "breadcrumbs": _crumbs()})
    warnings: tuple[str, ...] = ()
    text = ""
    if request.method == "POST":
        try:
            text, warnings = _posted_text(request)
            notice, tasks, targets = review.initial_from_parse(parser.parse_notice(text), text)
            _check_counts(tasks, targets)
        except UnreadableNotice as error:
            return render(request, "directives/import.html", {"province": province, "error": error.message, "nav": "tasks",
                                                              "breadcrumbs": _crumbs()}, status=400)
    if not text:  # typed from scratch
        return _render_review(request, province, review.NoticeForm(initial={"token": review.new_token()}),
                              review.BlankTaskFormSet(prefix="task"), review.BlankTargetFormSet(prefix="target"), "", ())
    return _render_review(request, province, review.NoticeForm(initial={**notice, "token": review.new_token()}),
                          review.TaskFormSet(initial=tasks, prefix="task"),
                          review.TargetFormSet(initial=targets, prefix="target"), text, warnings)


def _posted_text(request) -> tuple[str, tuple[str, ...]]:
    """The notice's text from the uploaded file or the pasted text, bounded; UnreadableNotice otherwise."""
    if request.FILES.get("file"):
        extracted = read_notice_upload(request.FILES["file"])
        return extracted.text, extracted.warnings
    text = request.POST.get("text", "")
    if not text.strip():
        raise UnreadableNotice("Chưa có nội dung: hãy dán văn bản thông báo hoặc chọn tệp.")
    check_length(text)
    return text, ()


def _check_counts(tasks: list, targets: list) -> None:
    if len(tasks) > review.MAX_TASKS or len(targets) > review.MAX_TARGETS:
        raise UnreadableNotice(f"Văn bản cho {len(tasks)} nhiệm vụ và {len(targets)} chỉ tiêu, quá giới hạn "
                               f"{review.MAX_TASKS} nhiệm vụ, {review.MAX_TARGETS} chỉ tiêu của một thông báo: "
                               "hãy kiểm tra lại nội dung, hoặc chia thành nhiều thông báo.")


def notice_confirm(request):
    """Step 2: create everything reviewed, in one transaction, or show what is still wrong."""
    province = _province(request)
    if request.method != "POST":
        return redirect("directives:import")
    notice_form = review.NoticeForm(request.POST)
    tasks = review.TaskFormSet(request.POST, prefix="task")
    targets = review.TargetFormSet(request.POST, prefix="target")
    agencies = review.NewAgencyFormSet(request.POST, prefix="agency")
    valid = all([notice_form.is_valid(), tasks.is_valid(), targets.is_valid(), agencies.is_valid()])
    errors: list[str] = [e for formset in (tasks, targets, agencies) for e in formset.non_form_errors()]
    if valid:
        draft = review.draft_from_forms(notice_form, tasks, targets, agencies)
        try:
            notice, created = services.confirm_notice(draft, province, by=request.user,
                                                      token=notice_form.cleaned_data["token"])
        except ValidationError as error:
            errors = error.messages
        except PermissionDenied:
            raise Http404 from None
        else:
            if created:
                messages.success(request, f"Đã tạo {notice} với {notice.tasks.count()} nhiệm vụ và "
                                          f"{notice.targets.count()} chỉ tiêu.")
            else:
                messages.info(request, f"{notice} đã được lưu từ chính trang rà soát này (xác nhận hai lần): "
                                       "không tạo thêm.")
            return redirect("directives:notice", pk=notice.pk)
    text = request.POST.get("full_text", "")[:MAX_CHARACTERS]
    return _render_review(request, province, notice_form, tasks, targets, text, (), errors, status=400)


def review_prefilled(request, province, notice: dict, tasks: list[dict], targets: list[dict]):
    """The review step filled by another app (the office's draft of the next notice, from the month's figures):
    the same screen and the same confirm as an import, so nothing is created before the office confirms."""
    return _render_review(request, province, review.NoticeForm(initial={**notice, "token": review.new_token()}),
                          review.TaskFormSet(initial=tasks, prefix="task"),
                          review.TargetFormSet(initial=targets, prefix="target"), notice.get("full_text", ""), ())


def _render_review(request, province, notice_form, tasks, targets, text, warnings, errors=(), status=200):
    names = {f.initial.get("lead") or f.data.get(f.add_prefix("lead"), "") for f in tasks.forms}
    names |= {s.strip() for f in tasks.forms for s in (f.initial.get("support") or f.data.get(f.add_prefix("support"), "")).split(";")}
    unknown = sorted(n for n in names if n and n.strip() and len(n) <= 255 and services.resolve_agency(n, province) is None)
    agencies = review.NewAgencyFormSet(initial=[{"name": n} for n in unknown], prefix="agency")
    quotes = [f.initial.get("source_quote") or f.data.get(f.add_prefix("source_quote"), "") for f in tasks.forms]
    return render(request, "directives/review.html", {
        "province": province, "notice_form": notice_form, "tasks": tasks, "targets": targets, "agencies": agencies,
        "unknown": unknown, "segments": review.highlighted(text, quotes), "warnings": warnings, "errors": errors,
        "nav": "tasks", "breadcrumbs": _crumbs(),
    }, status=status)
