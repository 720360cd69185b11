"""The review step of a notice import: from the parser's output to editable forms, and back to a NoticeDraft."""

import datetime
from decimal import Decimal

from django import forms

from accounts.models import AgencyKind
from directives.models import DeadlineKind
from directives.services import NoticeDraft, TargetDraft, TaskDraft

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class NoticeForm(forms.Form):
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False)
    date = forms.DateField(label="Ngày ban hành", required=False, widget=DATE_WIDGET)
    meeting_date = forms.DateField(label="Ngày họp", required=False, widget=DATE_WIDGET)
    chair = forms.CharField(label="Chủ trì", max_length=255, required=False)
    title = forms.CharField(label="Trích yếu", max_length=500, required=False)
    signatory = forms.CharField(label="Người ký", max_length=255, required=False)
    recipients = forms.CharField(label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    full_text = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_date(self):
        if self.cleaned_data.get("date") is None:
            raise forms.ValidationError("Thông báo chưa có ngày ban hành: hãy nhập ngày (dd/mm/yyyy).")
        return self.cleaned_data["date"]


class TaskForm(forms.Form):
    lead = forms.CharField(label="Chủ trì", max_length=255)
    support = forms.CharField(label="Phối hợp (cách nhau bởi ;)", required=False)
    summary = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 2}))
    deadline_kind = forms.ChoiceField(label="Loại thời hạn", choices=DeadlineKind.choices, initial=DeadlineKind.NONE)
    due_date = forms.DateField(label="Hạn", required=False, widget=DATE_WIDGET)
    day_of_month = forms.IntegerField(label="Ngày hằng tháng", required=False, min_value=1, max_value=31)
    deadline_text = forms.CharField(label="Thời hạn (nguyên văn)", required=False, max_length=255)
    source_quote = forms.CharField(widget=forms.HiddenInput, required=False)


class TargetForm(forms.Form):
    metric = forms.CharField(label="Chỉ tiêu", max_length=60)
    value = forms.DecimalField(label="Giá trị", max_digits=12, decimal_places=2)
    unit = forms.CharField(label="Đơn vị", max_length=40, required=False)
    scope = forms.CharField(label="Phạm vi", max_length=255, required=False)
    year = forms.IntegerField(label="Năm", required=False)
    text = forms.CharField(widget=forms.HiddenInput, required=False)


class NewAgencyForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput)
    create = forms.BooleanField(label="Thêm mới", required=False, initial=True)
    kind = forms.ChoiceField(label="Loại", choices=AgencyKind.choices, initial=AgencyKind.OTHER)


TaskFormSet = forms.formset_factory(TaskForm, extra=0, can_delete=True)
TargetFormSet = forms.formset_factory(TargetForm, extra=0, can_delete=True)
NewAgencyFormSet = forms.formset_factory(NewAgencyForm, extra=0)
# A notice typed from scratch starts with empty rows; rows left blank are ignored on confirm.
BlankTaskFormSet = forms.formset_factory(TaskForm, extra=8, can_delete=True)
BlankTargetFormSet = forms.formset_factory(TargetForm, extra=3, can_delete=True)


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
