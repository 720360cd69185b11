"""Forms of the finance pages: small entry forms, every amount read by `ntm.numbers` within its bounds, every
text and date bounded, every form that creates a record carrying a one-time token (`finance.once`)."""

from typing import Any

from django import forms

from finance import once as form_tokens
from finance.models import Project, SourceKind
from finance.rules import AMOUNT, FIRST_DAY, LAST_DAY, PAYMENT, PLAN_CHANGE, ROAD_KM, TONNES
from ntm.dates import DayField as SharedDayField
from ntm.dates import DayInput
from ntm.numbers import NumberField
from ntm.uploads import MB, XLSX, UploadError, read_upload

DATE_INPUT = DayInput()
TEXT = 2000  # a free note


class DayField(SharedDayField):
    """A day between 1990 and 2100 (a year 0000 or 9999 is a typing slip, not a date of the program)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DATE_INPUT)
        super().__init__(**kwargs)

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(f"Ngày {day:%d/%m/%Y} nằm ngoài khoảng {FIRST_DAY:%d/%m/%Y} – "
                                        f"{LAST_DAY:%d/%m/%Y}.")
        return day


class FinanceForm(forms.Form):
    """A form whose hidden fields (an id, a version, a token) are not the user's to fix: a bad one is said as a
    message on the form, which the page shows (an error on a hidden field would be shown nowhere)."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if any(self.has_error(field.name) for field in self.hidden_fields()):
            raise forms.ValidationError(form_tokens.STALE_FORM)
        return data


class OnceForm(FinanceForm):
    """A form that creates a record: its hidden one-time token, new on every page shown."""

    once = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64, initial=form_tokens.new_token)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not form_tokens.TOKEN.fullmatch(data.get("once") or ""):
            raise forms.ValidationError(form_tokens.STALE_FORM)
        return data


class OverPlanForm(forms.Form):
    """A payment that may go beyond the plan in force: a box and its reason, offered only where it may be used
    (`over_plan`): an investor's officer is not offered what it may not do."""

    OVER_PLAN_HELP = ""
    over_plan = forms.BooleanField(label="Vượt kế hoạch vốn", required=False)
    over_plan_reason = forms.CharField(label="Lý do vượt kế hoạch", max_length=300, required=False)

    def __init__(self, *args, over_plan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if over_plan:
            self.fields["over_plan"].help_text = self.OVER_PLAN_HELP
        else:
            del self.fields["over_plan"], self.fields["over_plan_reason"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("over_plan") and not (data.get("over_plan_reason") or "").strip():
            self.add_error("over_plan_reason", "Cần ghi lý do vượt kế hoạch vốn.")
        return data

    def reason(self) -> str:
        """The reason for paying beyond the plan, only when the box is ticked."""
        data = self.cleaned_data
        return data.get("over_plan_reason", "").strip() if data.get("over_plan") else ""


class DisbursementForm(OverPlanForm, OnceForm):
    OVER_PLAN_HELP = "Chỉ Văn phòng Điều phối: ghi khoản lớn hơn kế hoạch vốn còn lại, kèm lý do (được ghi nhật ký)."
    field_order = ["once", "source", "day", "amount", "over_plan", "over_plan_reason"]
    source = forms.ChoiceField(label="Nguồn vốn", choices=SourceKind.choices)
    day = DayField(label="Ngày giải ngân")
    amount = NumberField(label="Số tiền (đồng)", bounds=PAYMENT)

    def service_data(self) -> dict:
        """The service's arguments: the reason only when the box is ticked."""
        data = self.cleaned_data
        return {"source": data["source"], "day": data["day"], "amount": data["amount"], "token": data["once"],
                "over_plan_reason": self.reason()}


class ProgressForm(FinanceForm):
    status = forms.ChoiceField(label="Trạng thái", choices=Project.Status.choices)
    actual_start = DayField(label="Khởi công thực tế", required=False)
    actual_completion = DayField(label="Hoàn thành thực tế", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1, required=False)


class PlanChangeForm(OnceForm):
    year = forms.IntegerField(label="Năm kế hoạch", min_value=2010, max_value=2100)
    source = forms.ChoiceField(label="Nguồn vốn", choices=SourceKind.choices)
    effective = DayField(label="Hiệu lực từ")
    amount = NumberField(label="Số tiền (đồng; âm là điều chỉnh giảm)", bounds=PLAN_CHANGE)
    decision = forms.CharField(label="Quyết định", max_length=200)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["token"] = data.pop("once")
        return data


class PublishForm(forms.Form):
    note = forms.CharField(label="Ghi chú kèm theo", required=False, max_length=TEXT,
                           widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(OverPlanForm):
    """An Excel file to import; only the treasury statement pays against plans (`over_plan`)."""

    MAX_BYTES = 20 * MB  # a 20,000-line statement weighs about 1 MB
    OVER_PLAN_HELP = "Ghi cả những khoản làm số đã giải ngân vượt kế hoạch vốn còn lại, kèm lý do (được ghi nhật ký)."
    field_order = ["file", "over_plan", "over_plan_reason"]

    file = forms.FileField(label="Tệp Excel (.xlsx)", widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self) -> bytes:
        """The file's content: an .xlsx by its content, within the size, checked before anything parses it."""
        try:
            return read_upload(self.cleaned_data["file"], kinds=(XLSX,), max_bytes=self.MAX_BYTES)
        except UploadError as error:
            raise forms.ValidationError(error.message) from None

class DebtForm(OnceForm):
    project = forms.CharField(label="Mã dự án", max_length=40)
    commune = forms.CharField(label="Mã xã", max_length=20)
    amount = NumberField(label="Số nợ (đồng)", bounds=PAYMENT)
    as_of = DayField(label="Tính đến ngày")


class ClearDebtForm(FinanceForm):
    debt = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    cleared_on = DayField(label="Ngày trả hết")


class CementForm(FinanceForm):
    commune = forms.CharField(label="Mã xã", max_length=20)
    allocated = NumberField(label="Phân bổ (tấn)", bounds=TONNES, decimals=1)
    received = NumberField(label="Đã nhận (tấn)", bounds=TONNES, decimals=1)
    used = NumberField(label="Đã sử dụng (tấn)", bounds=TONNES, decimals=1)
    road_km = NumberField(label="Đường đã làm (km)", bounds=ROAD_KM, decimals=2)
    # 0 (or nothing): the form showed no row of the commune; a missing version never overwrites a row
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1, initial=0, required=False)


class SponsorshipForm(OnceForm):
    sponsor = forms.CharField(label="Đơn vị đỡ đầu", max_length=255)
    unit = forms.CharField(label="Mã xã hoặc thôn được đỡ đầu", max_length=20)
    start = DayField(label="Từ ngày")
    end = DayField(label="Đến ngày", required=False)
    committed = NumberField(label="Cam kết (đồng)", bounds=AMOUNT)
    note = forms.CharField(label="Nội dung cam kết", required=False, max_length=TEXT,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ContributionForm(OnceForm):
    sponsorship = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    day = DayField(label="Ngày")
    amount = NumberField(label="Giá trị (đồng)", bounds=PAYMENT)
    in_kind = forms.CharField(label="Hiện vật (nếu có)", max_length=300, required=False)
