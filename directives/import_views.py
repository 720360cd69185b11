"""Importing a notice: paste or upload → review (text with each task highlighted beside editable tables) → confirm."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import scope
from accounts.rules import Permission
from directives import parser, review, rules, services
from directives.parser.header import parse_header
from directives.text_extraction import MAX_CHARACTERS, UnreadableNotice, check_length, read_notice_upload
from directives.vocabulary import DeadlineKind
from geo.models import Level
from ntm.domain_errors import domain_errors
from ntm.text import sort_key


def _province(request):
    provinces = list(scope.units_for(request.user, Permission.MANAGE_NOTICES).filter(level=Level.PROVINCE, valid_to__isnull=True)[:1])
    if not provinces:
        raise Http404
    return provinces[0]


def _crumbs():
    return [("Văn bản giao nhiệm vụ", reverse("directives:notices")), ("Nhập văn bản", None)]


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
            notice, tasks, targets = review.initial_from_parse(parser.parse_notice(text, explain=True), text, parse_header(text))
            notice["issuing_body"] = _directory_name(notice["issuing_body"], province)
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
    ticked = review.ticked_agencies(agencies) if agencies.is_valid() else {}
    if valid:
        draft = review.draft_from_forms(notice_form, tasks, targets, agencies)
        with domain_errors(None) as outcome:
            notice, created = services.confirm_notice(draft, province, by=request.user,
                                                      token=notice_form.cleaned_data["token"])
        errors = errors if outcome.ok else outcome.messages
        if outcome.ok:
            if created:
                messages.success(request, f"Đã tạo {notice} với {notice.tasks.count()} nhiệm vụ và "
                                          f"{notice.targets.count()} chỉ tiêu.")
            else:
                messages.info(request, f"{notice} đã được lưu từ chính trang rà soát này (xác nhận hai lần): "
                                       "không tạo thêm.")
            return redirect("directives:notice", pk=notice.pk)
    text = request.POST.get("full_text", "")[:MAX_CHARACTERS]
    return _render_review(request, province, notice_form, tasks, targets, text, (), errors, status=400, ticked=ticked)


def review_prefilled(request, province, notice: dict, tasks: list[dict], targets: list[dict]):
    """The review step filled by another app (the office's draft of the next notice, from the month's figures):
    the same screen and the same confirm as an import, so nothing is created before the office confirms."""
    issued = notice.get("date")
    tasks = [_deadline_inputs(task, issued.year if issued else None) for task in tasks]
    return _render_review(request, province, review.NoticeForm(initial={**notice, "token": review.new_token()}),
                          review.PrefilledTaskFormSet(initial=tasks, prefix="task"),
                          review.TargetFormSet(initial=targets, prefix="target"), notice.get("full_text", ""), ())


def _deadline_inputs(task: dict, year: int | None) -> dict:
    kind, inputs = rules.deadline_inputs(task.get("deadline_kind") or DeadlineKind.NONE, task.get("due_date"), year)
    return {**task, "deadline_kind": kind, **inputs}


def _directory_name(name: str, province) -> str:
    """The issuing body as the directory names it, when the header's name is one of its agencies."""
    agency = services.resolve_agency(name, province) if name else None
    return agency.name if agency else name


def _render_review(request, province, notice_form, tasks, targets, text, warnings, errors=(), status=200, ticked=None):
    rows = [(form, _written(form, "lead"), [s.strip() for s in _written(form, "support").split(";") if s.strip()])
            for form in tasks.forms]
    names = {n for _, lead, support in rows for n in (lead, *support) if n and len(n) <= 255}
    resolve = services.agency_resolver(province)
    unknown = sorted(n for n in names if resolve(n) is None)
    proposed = [n for n in unknown if rules.may_propose_agency(n)]
    ticked = ticked or {}
    agencies = review.NewAgencyFormSet(prefix="agency", initial=[
        {"name": n, "create": n in ticked, "kind": ticked.get(n) or _guess_kind(n)} for n in proposed])
    quotes = [_written(form, "source_quote") for form in tasks.forms]
    return render(request, "directives/review.html", {
        "province": province, "notice_form": notice_form, "tasks": tasks, "targets": targets, "agencies": agencies,
        "unknown": unknown, "task_rows": [(form, _lead_note(lead, unknown)) for form, lead, _ in rows],
        "not_agencies": sorted({n for n in unknown if n not in proposed and any(n in s for _, _, s in rows)}),
        "agency_names": _directory(province), "segments": review.highlighted(text, quotes), "warnings": warnings,
        "errors": errors, "nav": "tasks", "breadcrumbs": _crumbs(),
        "unsure_count": sum(_written(form, "unsure") == "1" for form in tasks.forms),
    }, status=status)


def _written(form, field: str) -> str:
    """A field's value as the form holds it: posted when bound, else its first value."""
    value = form.data.get(form.add_prefix(field), "") if form.is_bound else form.initial.get(field)
    return str(value or "").strip()


def _lead_note(lead: str, unknown: list[str]) -> str:
    if not lead or lead not in unknown:
        return ""
    reason = rules.agency_name_problem(lead)
    if reason:
        return f"“{lead}” {reason}: chọn cơ quan chủ trì trong danh mục."
    return f"“{lead}” chưa có trong danh mục: chọn cơ quan có sẵn, hoặc đánh dấu “Thêm vào danh mục” ở bảng cơ quan mới."


def _guess_kind(name: str) -> str:
    from directives.demo import guess_kind  # the same guess the demo makes; the office changes it if wrong

    return guess_kind(name)


def _directory(province) -> list[str]:
    """The names a lead may be picked from: the province's active agencies that name one body."""
    names = {a.name for a in services.province_agencies(province) if a.is_active}
    return sorted((n for n in names if rules.may_propose_agency(n)), key=sort_key)
