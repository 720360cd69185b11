"""Forms of the recognition pages. Every input is bounded: texts by their length (with the limit said in
Vietnamese), counts through ntm.numbers, dates to the program's years, hidden ids and versions to what an id can be."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from accounts.models import Agency
from geo.models import Level
from ntm.dates import DayField, DayInput
from ntm.form_fields import AttachmentField, field_of
from ntm.formatting import format_number
from ntm.numbers import COUNT, Bounds, NumberError, parse_number
from ntm.params import MAX_ID
from ntm.widgets import FastSelect
from recognition.models import STEPS, ItemStatus, Subject, Tier
from recognition.rules import DOCUMENTS, IMMEDIATE_GROUNDS, RevocationGround, levels_offered, subjects_offered
from recognition.rules import Subject as RuleSubject

GROUND_LABELS = {
    RevocationGround.SHORTFALL_NOT_RECOVERED: "Không còn đạt chuẩn, không khắc phục trong thời hạn",
    RevocationGround.NEW_SET_NOT_MET: "Không đạt bộ tiêu chí mới trong thời hạn",
    RevocationGround.ARREARS_NOT_CLEARED: "Nợ đọng xây dựng cơ bản quá hạn chưa xử lý",
    RevocationGround.FALSE_DOSSIER: "Hồ sơ, số liệu không trung thực",
    RevocationGround.CRITERIA_SHORTFALL: "Số tiêu chí không đạt đến mức phải thu hồi (QĐ 18/2022/QĐ-TTg)",
}

DATE_INPUT = DayInput()
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)
DAY_VALIDATORS = [MinValueValidator(FIRST_DAY, "Ngày phải từ 01/01/2000 đến 31/12/2100."),
                  MaxValueValidator(LAST_DAY, "Ngày phải từ 01/01/2000 đến 31/12/2100.")]
CRITERIA_COUNT = Bounds(Decimal(0), Decimal(100), integer=True, what="số tiêu chí")
HOUSEHOLDS = Bounds(COUNT.low, COUNT.high, integer=True, what="số hộ")


def day_field(label: str, **kwargs) -> forms.DateField:
    return DayField(label=label, widget=DATE_INPUT, validators=DAY_VALIDATORS, **kwargs)


def text_field(label: str, limit: int, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=limit, error_messages={
        "max_length": f"quá dài: tối đa {format_number(limit)} ký tự."}, **kwargs)


def hidden_number() -> forms.IntegerField:
    """A version or an id the page wrote: anything else is refused as a stale page."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID, error_messages={
        "invalid": "Trang đã cũ: hãy tải lại trang.", "min_value": "Trang đã cũ: hãy tải lại trang.",
        "max_value": "Trang đã cũ: hãy tải lại trang.", "required": "Trang đã cũ: hãy tải lại trang."})


class CountField(forms.CharField):
    """A count typed by people ("1.200", "950"), read by ntm.numbers within `bounds`."""

    def __init__(self, *, bounds: Bounds, **kwargs):
        super().__init__(max_length=40, **kwargs)
        self.bounds = bounds

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        try:
            return int(parse_number(text, self.bounds))
        except NumberError as error:
            raise forms.ValidationError(error.message) from None


class RegistrationForm(forms.Form):
    commune = forms.ChoiceField(label="Xã", error_messages={
        "invalid_choice": "Xã này không có trong danh sách: chọn một xã của địa bàn đang xem.",
        "required": "Hãy chọn xã."})
    level = forms.ChoiceField(label="Mức đăng ký", choices=Tier.choices)

    def __init__(self, *args, year: int, communes: list[tuple[str, str]] = (), **kwargs):  # type: ignore[assignment]
        """`communes`: (code, name) of the units that may register — xã, and phường, đặc khu where the province
        assesses them (programme.queries.subject_communes)."""
        super().__init__(*args, **kwargs)
        field_of(self, "commune", forms.ChoiceField).choices = [("", "— chọn xã —"), *communes]
        levels = {level.value for level in levels_offered(RuleSubject.COMMUNE, year)}
        field_of(self, "level", forms.ChoiceField).choices = [(v, label) for v, label in Tier.choices if v in levels]
    decision = text_field("Quyết định phê duyệt danh sách", 200, required=False)
    decided_on = day_field("Ngày quyết định", required=False)


class ActionForm(forms.Form):
    action = text_field("Việc cần làm", 2_000, widget=forms.Textarea(attrs={"rows": 2}))
    responsible_agency = forms.ModelChoiceField(label="Cơ quan thực hiện", queryset=Agency.objects.none(),
                                                required=False)
    responsible_person = text_field("Người thực hiện", 150, required=False)
    due_date = day_field("Thời hạn")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            field_of(self, "responsible_agency", forms.ModelChoiceField).queryset = agencies


class ItemForm(forms.Form):
    item = hidden_number()
    version = hidden_number()
    status = forms.ChoiceField(label="Trạng thái", choices=ItemStatus.choices)
    due_date = day_field("Thời hạn", required=False)
    responsible_person = text_field("Người thực hiện", 150, required=False)
    tasks = forms.MultipleChoiceField(label="Nhiệm vụ liên quan", required=False)
    projects = forms.MultipleChoiceField(label="Dự án liên quan", required=False)


@dataclass(frozen=True)
class Places:
    """The communes and villages a dossier may be opened for, by name (never a code to type)."""

    communes: tuple[tuple[int, str], ...]
    villages: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]  # (commune's name, its villages)

    @property
    def choices(self) -> list:
        groups: list = [("Xã", [(str(pk), name) for pk, name in self.communes])] if self.communes else []
        return groups + [(f"Thôn — {commune}", [(str(pk), name) for pk, name in villages])
                         for commune, villages in self.villages]

    def level_of(self, chosen: str) -> str | None:
        if any(str(pk) == chosen for pk, _ in self.communes):
            return Level.COMMUNE
        if any(str(pk) == chosen for _, villages in self.villages for pk, _name in villages):
            return Level.VILLAGE
        return None


class OpenDossierForm(forms.Form):
    """The subjects and levels of the year's period only (rules.levels_offered); the commune or village picked by
    name among the area's (`places`: the view's choices, communes first, then villages under their commune)."""

    subject = forms.ChoiceField(label="Đối tượng", choices=Subject.choices, error_messages={
        "invalid_choice": "Đối tượng này không mở được ở đây: hãy chọn trong danh sách."})
    unit = forms.ChoiceField(label="Xã hoặc thôn", required=False, widget=FastSelect,
                             help_text="Không cần với hồ sơ tỉnh hoàn thành nhiệm vụ: hồ sơ lập cho tỉnh.",
                             error_messages={"invalid_choice": "Xã, thôn này không thuộc địa bàn đang xem."})
    level = forms.ChoiceField(label="Mức (đối với xã)", choices=Tier.choices)
    garden_owner = text_field("Chủ hộ (vườn mẫu)", 150, required=False)

    def __init__(self, *args, year: int, places: Places, province: bool, **kwargs):
        """`province`: whether the user may open the province's dossier (the office); others are not offered it."""
        super().__init__(*args, **kwargs)
        subjects = {s.value for s in subjects_offered(year)} - (set() if province else {Subject.PROVINCE.value})
        if not province:
            self.fields["unit"].help_text = ""
        levels = {level.value for level in levels_offered(RuleSubject.COMMUNE, year)}
        field_of(self, "subject", forms.ChoiceField).choices = [(v, label) for v, label in Subject.choices if v in subjects]
        field_of(self, "level", forms.ChoiceField).choices = [(v, label) for v, label in Tier.choices if v in levels]
        field_of(self, "unit", forms.ChoiceField).choices = [("", "— chọn xã hoặc thôn —"), *places.choices]
        self.places = places

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        subject, chosen = data.get("subject"), data.get("unit") or ""
        if subject in (None, Subject.PROVINCE) or "unit" in self.errors:
            return data
        wanted = Level.COMMUNE if subject == Subject.COMMUNE else Level.VILLAGE
        if not chosen:
            self.add_error("unit", "Hãy chọn xã." if wanted == Level.COMMUNE else "Hãy chọn thôn.")
        elif self.places.level_of(chosen) != wanted:
            self.add_error("unit", "Hồ sơ xã lập cho một xã: hãy chọn xã." if wanted == Level.COMMUNE else
                           "Hồ sơ thôn, khu dân cư, vườn mẫu lập cho một thôn: hãy chọn thôn.")
        return data


class MoveForm(forms.Form):
    to_step = forms.ChoiceField(label="Bước", choices=STEPS)
    version = hidden_number()
    comment = text_field("Lý do", 2_000, required=False, widget=forms.Textarea)


class DocumentForm(forms.Form):
    code = forms.ChoiceField(label="Tài liệu", choices=[(d.code, d.label) for d in DOCUMENTS.values()],
                             error_messages={"invalid_choice": "Loại tài liệu không có trong danh mục hồ sơ."})
    note = text_field("Số, ngày văn bản / ghi chú", 300, required=False)
    file = AttachmentField(label="Tệp", required=False, default_stem="tai-lieu-ho-so")


class PollForm(forms.Form):
    """The residents' poll: counts of households (ntm.numbers, "1.200" or "1200")."""

    version = hidden_number()
    households = CountField(label="Tổng số hộ", bounds=HOUSEHOLDS, required=False)
    respondents = CountField(label="Số hộ trả lời", bounds=HOUSEHOLDS)
    satisfied = CountField(label="Số hộ hài lòng", bounds=HOUSEHOLDS)


class CriteriaForm(forms.Form):
    version = hidden_number()
    met = CountField(label="Số tiêu chí đạt", bounds=CRITERIA_COUNT)
    total = CountField(label="Tổng số tiêu chí của bộ tiêu chí tỉnh", bounds=CRITERIA_COUNT)


class OpinionForm(forms.Form):
    agency = hidden_number()
    agrees = forms.BooleanField(label="Đồng ý các tiêu chí do sở phụ trách đạt chuẩn", required=False)
    text = text_field("Ý kiến", 4_000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    version = hidden_number()
    number = text_field("Số quyết định", 100)
    date = day_field("Ngày quyết định")
    certificate = text_field("Số bằng công nhận", 100, required=False)


class RevocationForm(forms.Form):
    reason = forms.ChoiceField(label="Căn cứ", choices=[(g.value, label) for g, label in GROUND_LABELS.items()])
    detail = text_field("Chi tiết (tiêu chí không còn đạt…)", 4_000, required=False,
                        widget=forms.Textarea(attrs={"rows": 2}))
    detected_on = day_field("Phát hiện ngày")
    deadline = day_field("Hạn khắc phục", required=False,
                         help_text="Không cần với căn cứ có hiệu lực ngay (hồ sơ không trung thực, số tiêu chí "
                                   "không đạt đến mức phải thu hồi).")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        immediate = data.get("reason") in IMMEDIATE_GROUNDS
        if not immediate and not data.get("deadline"):
            self.add_error("deadline", "Cần ghi hạn khắc phục.")
        return data


class RevocationDecisionForm(forms.Form):
    recovered = forms.BooleanField(label="Xã đã khắc phục được (giữ quyết định công nhận)", required=False)
    number = text_field("Số quyết định thu hồi", 100, required=False)
    decided_on = day_field("Ngày quyết định thu hồi", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("recovered") and not (data.get("number") and data.get("decided_on")):
            raise forms.ValidationError("Cần ghi số và ngày quyết định thu hồi, hoặc đánh dấu đã khắc phục.")
        return data
