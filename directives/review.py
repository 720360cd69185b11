"""The review step of a notice import: from the parser's output to editable forms, and back to a NoticeDraft.

Every field is bounded (a notice's text, a task's content, a target's value) and the formsets hold at most
MAX_TASKS tasks and MAX_TARGETS targets, with Vietnamese messages; the form carries a one-time token so that
confirming it twice creates the notice once (services.confirm_notice)."""

import datetime
import secrets
from decimal import Decimal

from django import forms

from accounts.models import AgencyKind
from directives.models import DeadlineKind
from directives.services import NoticeDraft, TargetDraft, TaskDraft
from directives.text_extraction import MAX_CHARACTERS
from ntm.dates import DayField, DayInput
from ntm.formatting import format_number
from ntm.numbers import Bounds, NumberError, parse_number

DATE_WIDGET = DayInput()
MAX_TASKS = 300  # the shared notices have at most 53 tasks
MAX_TARGETS = 100
MAX_SUMMARY = 4_000  # a task's content; the longest sentence of the shared notices has 1,140 characters
MAX_QUOTE = 10_000
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _too_long(limit: int) -> dict[str, str]:
    return {"max_length": f"Quá dài: tối đa {format_number(limit)} ký tự."}


def new_token() -> str:
    return secrets.token_hex(16)


class NoticeForm(forms.Form):
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False, error_messages=_too_long(60))
    date = DayField(label="Ngày ban hành", required=False, widget=DATE_WIDGET)
    meeting_date = DayField(label="Ngày họp", required=False, widget=DATE_WIDGET)
    chair = forms.CharField(label="Chủ trì", max_length=255, required=False, error_messages=_too_long(255))
    title = forms.CharField(label="Trích yếu", max_length=500, required=False, error_messages=_too_long(500))
    signatory = forms.CharField(label="Người ký", max_length=255, required=False, error_messages=_too_long(255))
    recipients = forms.CharField(label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                 max_length=2_000, error_messages=_too_long(2_000))
    full_text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_CHARACTERS,
                                error_messages={"max_length": f"Nội dung thông báo quá dài: tối đa "
                                                              f"{format_number(MAX_CHARACTERS)} ký tự."})
    token = forms.RegexField(r"^[0-9a-f]{32}$", widget=forms.HiddenInput, error_messages={
        "required": "Phiếu rà soát không còn hợp lệ: hãy nhập lại thông báo.",
        "invalid": "Phiếu rà soát không còn hợp lệ: hãy nhập lại thông báo."})

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


class TaskForm(forms.Form):
    lead = forms.CharField(label="Chủ trì", max_length=255, error_messages=_too_long(255))
    support = forms.CharField(label="Phối hợp (cách nhau bởi ;)", required=False, max_length=2_000,
                              error_messages=_too_long(2_000))
    summary = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_SUMMARY,
                              error_messages=_too_long(MAX_SUMMARY))
    deadline_kind = forms.ChoiceField(label="Loại thời hạn", choices=DeadlineKind.choices, initial=DeadlineKind.NONE)
    due_date = DayField(label="Hạn", required=False, widget=DATE_WIDGET)
    day_of_month = forms.IntegerField(label="Ngày hằng tháng", required=False, min_value=1, max_value=31)
    deadline_text = forms.CharField(label="Thời hạn (nguyên văn)", required=False, max_length=255,
                                    error_messages=_too_long(255))
    source_quote = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_QUOTE,
                                   error_messages=_too_long(MAX_QUOTE))

    def clean_due_date(self):
        day = self.cleaned_data.get("due_date")
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(f"Hạn {day:%d/%m/%Y} không hợp lệ: năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
        return day


class TargetForm(forms.Form):
    metric = forms.CharField(label="Chỉ tiêu", max_length=60, error_messages=_too_long(60))
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
    name = forms.CharField(widget=forms.HiddenInput, max_length=255, error_messages=_too_long(255))
    create = forms.BooleanField(label="Thêm mới", required=False, initial=True)
    kind = forms.ChoiceField(label="Loại", choices=AgencyKind.choices, initial=AgencyKind.OTHER)


class VietnameseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": "Biểu mẫu rà soát không đầy đủ: hãy nhập lại thông báo.",
        "too_many_forms": "Quá nhiều dòng: tối đa %(num)d.",
        "too_few_forms": "Cần ít nhất %(num)d dòng.",
    }


def _formset(form, limit: int, **kwargs):
    return forms.formset_factory(form, formset=VietnameseFormSet, max_num=limit, absolute_max=limit,
                                 validate_max=True, **kwargs)


TaskFormSet = _formset(TaskForm, MAX_TASKS, extra=0, can_delete=True)
TargetFormSet = _formset(TargetForm, MAX_TARGETS, extra=0, can_delete=True)
NewAgencyFormSet = _formset(NewAgencyForm, MAX_TASKS * 2, extra=0)
# A notice typed from scratch starts with empty rows; rows left blank are ignored on confirm.
BlankTaskFormSet = _formset(TaskForm, MAX_TASKS, extra=8, can_delete=True)
BlankTargetFormSet = _formset(TargetForm, MAX_TARGETS, extra=3, can_delete=True)


def initial_from_parse(parsed: dict, text: str) -> tuple[dict, list[dict], list[dict]]:
    meta = parsed["meta"]
    notice = {
        "number": meta.get("notice_number") or "", "date": _date(meta.get("notice_date")),
        "meeting_date": _date(meta.get("meeting_date")), "chair": meta.get("chair") or "", "full_text": text,
    }
    tasks = [{
        "lead": t["lead"], "support": "; ".join(t.get("support", [])), "summary": t["summary"],
        "deadline_kind": t["deadline"]["kind"], "due_date": _date(t["deadline"].get("date")),
        "day_of_month": t["deadline"].get("day_of_month"), "deadline_text": t["deadline"].get("text") or "",
        "source_quote": t.get("source_quote") or "",
    } for t in parsed["tasks"]]
    targets = [{
        "metric": t["metric"], "value": t["value"], "unit": t.get("unit") or "", "scope": t.get("scope") or "",
        "year": t.get("year"), "text": t.get("text") or "",
    } for t in parsed["targets"]]
    return notice, tasks, targets


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def draft_from_forms(notice_form, task_forms, target_forms, agency_forms) -> NoticeDraft:
    data = notice_form.cleaned_data
    tasks = tuple(
        TaskDraft(lead=f["lead"].strip(), summary=f["summary"].strip(),
                  support=tuple(s.strip() for s in f["support"].split(";") if s.strip()), source_quote=f["source_quote"],
                  deadline_kind=f["deadline_kind"], due_date=f["due_date"], day_of_month=f["day_of_month"],
                  deadline_text=f["deadline_text"])
        for f in (form.cleaned_data for form in task_forms.forms) if f and not f.get("DELETE")
    )
    targets = tuple(
        TargetDraft(metric=f["metric"], value=Decimal(f["value"]), unit=f["unit"], scope=f["scope"], year=f["year"], text=f["text"])
        for f in (form.cleaned_data for form in target_forms.forms) if f and not f.get("DELETE")
    )
    new_agencies = {f["name"]: f["kind"] for f in (form.cleaned_data for form in agency_forms.forms) if f and f.get("create")}
    return NoticeDraft(
        number=data["number"], date=data["date"], full_text=data["full_text"], title=data["title"], meeting_date=data["meeting_date"],
        chair=data["chair"], signatory=data["signatory"], recipients=data["recipients"], tasks=tasks, targets=targets,
        new_agencies=new_agencies,
    )


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
