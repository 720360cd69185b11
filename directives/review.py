"""The review step of a notice import: from the parser's output to editable forms, and back to a NoticeDraft.

Every field is bounded (a notice's text, a task's content, a target's value) and the formsets hold at most
MAX_TASKS tasks and MAX_TARGETS targets, with Vietnamese messages; the form carries a one-time token so that
confirming it twice creates the notice once (services.confirm_notice)."""

import datetime
import secrets
from decimal import Decimal
from typing import Any

from django import forms

from accounts.models import AgencyKind
from directives import rules
from directives.models import DeadlineKind, DocumentKind
from directives.parser import tasks as tasks_rules
from directives.parser.header import Header
from directives.services import NoticeDraft, TargetDraft, TaskDraft
from directives.text_extraction import MAX_CHARACTERS
from ntm.dates import DayField, DayInput
from ntm.formatting import format_number
from ntm.numbers import Bounds, NumberError, parse_number
from targets.vocabulary import TERMS

DATE_WIDGET = DayInput()
MAX_TASKS = 300  # the shared notices have at most 53 tasks
MAX_TARGETS = 100
MAX_SUMMARY = 4_000  # a task's content; the longest sentence of the shared notices has 1,140 characters
MAX_QUOTE = 10_000
MAX_WHY = 300  # a row's reason, as the review shows it
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _too_long(limit: int) -> dict[str, str]:
    return {"max_length": f"Quá dài: tối đa {format_number(limit)} ký tự."}


def new_token() -> str:
    return secrets.token_hex(16)


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label="Loại văn bản", choices=DocumentKind.choices, initial=DocumentKind.NOTICE,
                             required=False, error_messages={"invalid_choice": "Loại văn bản không hợp lệ."})
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False, error_messages=_too_long(60))
    date = DayField(label="Ngày ban hành", required=False, widget=DATE_WIDGET)
    meeting_date = DayField(label="Ngày họp", required=False, widget=DATE_WIDGET)
    issuing_body = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False, error_messages=_too_long(255))
    chair = forms.CharField(label="Chủ trì cuộc họp", max_length=255, required=False, error_messages=_too_long(255))
    title = forms.CharField(label="Trích yếu", max_length=500, required=False, error_messages=_too_long(500),
                            widget=forms.Textarea(attrs={"rows": 2}))
    signatory = forms.CharField(label="Người ký", max_length=255, required=False, error_messages=_too_long(255))
    recipients = forms.CharField(label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                 max_length=2_000, error_messages=_too_long(2_000))
    full_text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_CHARACTERS,
                                error_messages={"max_length": f"Nội dung thông báo quá dài: tối đa "
                                                              f"{format_number(MAX_CHARACTERS)} ký tự."})
    token = forms.RegexField(r"^[0-9a-f]{32}$", widget=forms.HiddenInput, error_messages={
        "required": "Phiếu rà soát không còn hợp lệ: hãy nhập lại thông báo.",
        "invalid": "Phiếu rà soát không còn hợp lệ: hãy nhập lại thông báo."})

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or DocumentKind.NOTICE  # a form opened before kinds were kept

    def clean_date(self):
        return _bounded_day(self.cleaned_data.get("date"), required=True)

    def clean_meeting_date(self):
        return _bounded_day(self.cleaned_data.get("meeting_date"), required=False)


def _bounded_day(day: datetime.date | None, *, required: bool) -> datetime.date | None:
    if day is None and required:
        raise forms.ValidationError("Thông báo chưa có ngày ban hành: hãy nhập ngày (dd/mm/yyyy).")
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise forms.ValidationError(f"Ngày {day:%d/%m/%Y} không hợp lệ: năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
    return day


_MONTH = r"^\s*(0?[1-9]|1[0-2])\s*/\s*([0-9]{4})\s*$"
QUARTERS = [("", "—"), ("1", "Quý I"), ("2", "Quý II"), ("3", "Quý III"), ("4", "Quý IV")]
DEADLINE_FIELDS = {"due_date", "day_of_month", "month", "quarter", "quarter_year"}


class TaskForm(forms.Form):
    """One task of the review. The deadline shows only the input its kind needs (rules.DEADLINE_INPUTS; the page's
    script hides the others, the server ignores them)."""

    lead = forms.CharField(label="Cơ quan chủ trì", max_length=255, error_messages={
        **_too_long(255), "required": "Cần ghi cơ quan chủ trì."}, widget=forms.TextInput(attrs={"list": "agency-names"}))
    lead_text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255, error_messages=_too_long(255))
    support = forms.CharField(label="Phối hợp (cách nhau bởi ;)", required=False, max_length=2_000,
                              error_messages=_too_long(2_000))
    summary = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_SUMMARY,
                              error_messages={**_too_long(MAX_SUMMARY), "required": "Cần ghi nội dung nhiệm vụ."})
    deadline_kind = forms.ChoiceField(label="Thời hạn", choices=DeadlineKind.choices, initial=DeadlineKind.NONE,
                                      error_messages={"invalid_choice": "Loại thời hạn không hợp lệ."})
    due_date = DayField(label="Ngày hạn", required=False, widget=DATE_WIDGET)
    day_of_month = forms.IntegerField(label="Ngày trong tháng (để trống: cuối tháng)", required=False, min_value=1,
                                      max_value=31, error_messages={"min_value": "Ngày trong tháng từ 1 đến 31.",
                                                                    "max_value": "Ngày trong tháng từ 1 đến 31.",
                                                                    "invalid": "Ngày trong tháng từ 1 đến 31."})
    month = forms.RegexField(_MONTH, label="Tháng (mm/yyyy)", required=False, max_length=8,
                             widget=forms.TextInput(attrs={"placeholder": "mm/yyyy", "inputmode": "numeric"}),
                             error_messages={"invalid": "Tháng viết dạng mm/yyyy, ví dụ 11/2017.", **_too_long(8)})
    quarter = forms.ChoiceField(label="Quý", choices=QUARTERS, required=False,
                                error_messages={"invalid_choice": "Chọn quý I, II, III hoặc IV."})
    quarter_year = forms.IntegerField(label="Năm", required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR,
                                      error_messages={"min_value": f"Năm từ {FIRST_YEAR} đến {LAST_YEAR}.",
                                                      "max_value": f"Năm từ {FIRST_YEAR} đến {LAST_YEAR}."})
    deadline_text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255,
                                    error_messages=_too_long(255))
    source_quote = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_QUOTE,
                                   error_messages=_too_long(MAX_QUOTE))
    # Why the parser proposed the row, kept through a refused post; shown, never stored.
    why = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_WHY, error_messages=_too_long(MAX_WHY))
    unsure = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1)  # "1": the lead is inferred

    def clean_due_date(self):
        day = self.cleaned_data.get("due_date")
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(f"Hạn {day:%d/%m/%Y} không hợp lệ: năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
        return day

    def clean_month(self) -> tuple[int, int] | None:
        text = self.cleaned_data.get("month") or ""
        if not text:
            return None
        month, year = (int(part) for part in text.replace(" ", "").split("/"))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
        return year, month

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("deadline_kind")
        if kind is None:
            return data
        for name in DEADLINE_FIELDS - set(rules.DEADLINE_INPUTS[kind]):  # hidden inputs of another kind: ignored
            self.errors.pop(name, None)
            data[name] = None
        if any(name in self.errors for name in rules.DEADLINE_INPUTS[kind]):
            return data
        try:
            due, day = rules.deadline_due(kind, due_date=data.get("due_date"), day_of_month=data.get("day_of_month"),
                                          month=data.get("month"), quarter=int(data["quarter"]) if data.get("quarter") else None,
                                          quarter_year=data.get("quarter_year"))
        except rules.DeadlineProblem as problem:
            self.add_error(problem.field, f"{dict(DeadlineKind.choices)[kind]}: {problem.message}.")
            return data
        data["due_date"], data["day_of_month"] = due, day
        return data


class TargetForm(forms.Form):
    metric = forms.ChoiceField(label="Chỉ tiêu", choices=[("", "— chọn chỉ tiêu —"), *((code, term.label) for code, term in TERMS.items())],
                               error_messages={"invalid_choice": "Chỉ tiêu không có trong danh sách.",
                                               "required": "Chọn chỉ tiêu."})
    value = forms.CharField(label="Giá trị", max_length=40)
    unit = forms.CharField(label="Đơn vị", max_length=40, required=False, error_messages=_too_long(40))
    scope = forms.CharField(label="Phạm vi", max_length=255, required=False, error_messages=_too_long(255))
    year = forms.IntegerField(label="Năm", required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_QUOTE,
                           error_messages=_too_long(MAX_QUOTE))

    def clean_value(self) -> Decimal:
        """A target's figure: a count of communes, an average of criteria or a percent (NoticeTarget holds
        12 digits, 2 decimals)."""
        try:
            return parse_number(self.cleaned_data["value"], TARGET_VALUE)
        except NumberError as error:
            raise forms.ValidationError(error.message) from None


TARGET_VALUE = Bounds(Decimal(0), Decimal(10) ** 9, what="giá trị chỉ tiêu")


class NewAgencyForm(forms.Form):
    """A name of one body the directory lacks: added only when the office ticks it (never ticked beforehand)."""

    name = forms.CharField(widget=forms.HiddenInput, max_length=255, error_messages=_too_long(255))
    create = forms.BooleanField(label="Thêm vào danh mục", required=False, initial=False)
    kind = forms.ChoiceField(label="Loại cơ quan", choices=AgencyKind.choices, initial=AgencyKind.OTHER,
                             error_messages={"invalid_choice": "Loại cơ quan không hợp lệ."})


class VietnameseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": "Biểu mẫu rà soát không đầy đủ: hãy nhập lại thông báo.",
        "too_many_forms": "Quá nhiều dòng: tối đa %(num)d.",
        "too_few_forms": "Cần ít nhất %(num)d dòng.",
    }


def _formset(form, limit: int, **kwargs):
    return forms.formset_factory(form, formset=VietnameseFormSet, max_num=limit, absolute_max=limit,
                                 validate_max=True, **kwargs)


# Rows are added from the empty form's template by static/ntm/formset-rows.js and removed by ticking "Bỏ"; without the
# script a few blank rows wait at the end. Rows left blank are ignored on confirm.
TaskFormSet = _formset(TaskForm, MAX_TASKS, extra=2, can_delete=True)
TargetFormSet = _formset(TargetForm, MAX_TARGETS, extra=1, can_delete=True)
NewAgencyFormSet = _formset(NewAgencyForm, MAX_TASKS * 2, extra=0)
# A draft another app filled (reports' next notice) starts with its own rows only; the script adds more.
PrefilledTaskFormSet = _formset(TaskForm, MAX_TASKS, extra=0, can_delete=True)
# A notice typed from scratch starts with more empty rows.
BlankTaskFormSet = _formset(TaskForm, MAX_TASKS, extra=8, can_delete=True)
BlankTargetFormSet = _formset(TargetForm, MAX_TARGETS, extra=3, can_delete=True)


def initial_from_parse(parsed: dict, text: str, header: Header) -> tuple[dict, list[dict], list[dict]]:
    """The review form's first values: the header's fields where the text has them, else the parser's metadata."""
    meta = parsed["meta"]
    issued = header.date or _date(meta.get("notice_date"))
    meeting = _date(meta.get("meeting_date"))
    notice = {
        "kind": header.kind or DocumentKind.NOTICE, "number": header.number or meta.get("notice_number") or "",
        "date": issued, "issuing_body": header.issuing_body or "", "title": header.subject or "",
        "meeting_date": meeting, "chair": meta.get("chair") or "", "full_text": text,
    }
    reference = issued or meeting
    tasks = [_task_initial(t, reference.year if reference else None) for t in parsed["tasks"]]
    targets = [{
        "metric": t["metric"], "value": t["value"], "unit": t.get("unit") or "", "scope": t.get("scope") or "",
        "year": t.get("year"), "text": t.get("text") or "",
    } for t in parsed["targets"]]
    return notice, tasks, targets


def _task_initial(task: dict, reference_year: int | None) -> dict:
    deadline = task["deadline"]
    kind, inputs = rules.deadline_inputs(deadline["kind"], _date(deadline.get("date")), reference_year)
    why = task.get("why") or {}
    return {
        "lead": task["lead"], "lead_text": task["lead"], "support": "; ".join(task.get("support", [])),
        "summary": task["summary"], "deadline_kind": kind, "day_of_month": deadline.get("day_of_month"),
        "deadline_text": deadline.get("text") or "", "source_quote": task.get("source_quote") or "", **inputs,
        "why": why_said(why.get("rule", ""), task["lead"], why.get("cue", ""))[:MAX_WHY],
        "unsure": "1" if why and not why.get("confident", True) else "",
    }


WHY = {
    tasks_rules.ADDRESSEE: "Câu văn nêu cơ quan thực hiện «{lead}».",
    tasks_rules.HANDED: "Giao trong câu «{cue} {lead}».",
    tasks_rules.HEADING: "Thuộc mục «{cue}».",
    tasks_rules.UMBRELLA: "Suy từ câu dẫn chung ở trên («{cue}»): kiểm tra lại cơ quan chủ trì.",
    tasks_rules.SAME_LEAD: "Việc tiếp theo của «{cue}» ở câu trước: kiểm tra có phải một việc riêng không.",
}


def why_said(rule: str, lead: str, cue: str) -> str:
    """The parser's reason for a row, in the reviewer's words ("" for a row it did not propose)."""
    return WHY[rule].format(lead=lead, cue=cue or lead) if rule in WHY else ""


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def draft_from_forms(notice_form, task_forms, target_forms, agency_forms) -> NoticeDraft:
    data = notice_form.cleaned_data
    tasks = tuple(
        TaskDraft(lead=f["lead"].strip(), summary=f["summary"].strip(),
                  support=tuple(s.strip() for s in f["support"].split(";") if s.strip()), source_quote=f["source_quote"],
                  deadline_kind=f["deadline_kind"], due_date=f["due_date"], day_of_month=f["day_of_month"],
                  deadline_text=f["deadline_text"], lead_text=f["lead_text"].strip())
        for f in (form.cleaned_data for form in task_forms.forms) if f and not f.get("DELETE")
    )
    targets = tuple(
        TargetDraft(metric=f["metric"], value=Decimal(f["value"]), unit=f["unit"], scope=f["scope"], year=f["year"], text=f["text"])
        for f in (form.cleaned_data for form in target_forms.forms) if f and not f.get("DELETE")
    )
    return NoticeDraft(
        number=data["number"], date=data["date"], full_text=data["full_text"], title=data["title"], meeting_date=data["meeting_date"],
        chair=data["chair"], signatory=data["signatory"], recipients=data["recipients"], tasks=tasks, targets=targets,
        new_agencies=ticked_agencies(agency_forms), kind=data["kind"], issuing_body=data["issuing_body"],
    )


def ticked_agencies(agency_forms) -> dict[str, str]:
    """The names the office ticked to add, with their kind (read from a valid formset)."""
    return {f["name"]: f["kind"] for f in (form.cleaned_data for form in agency_forms.forms) if f and f.get("create")}


def highlighted(text: str, quotes: list[str]) -> list[tuple[str, tuple[int, ...]]]:
    """The whitespace-normalised text cut into segments; each task's quote is marked with its number (1-based).

    Tasks split from one sentence share a quote: the mark then carries every number.
    """
    flat = " ".join(text.replace("*", "").split())
    spans: list[list] = []  # [start, end, [numbers]]
    for number, quote in enumerate(quotes, start=1):
        needle = " ".join(quote.replace("*", "").split())
        start = flat.find(needle) if needle else -1
        if start < 0:
            continue
        end = start + len(needle)
        overlapping = next((span for span in spans if span[0] < end and start < span[1]), None)
        if overlapping is None:
            spans.append([start, end, [number]])
        else:
            overlapping[0], overlapping[1] = min(overlapping[0], start), max(overlapping[1], end)
            overlapping[2].append(number)
    segments: list[tuple[str, tuple[int, ...]]] = []
    position = 0
    for start, end, numbers in sorted(spans):
        start = max(start, position)
        segments.append((flat[position:start], ()))
        segments.append((flat[start:end], tuple(numbers)))
        position = max(position, end)
    segments.append((flat[position:], ()))
    return [s for s in segments if s[0]]
