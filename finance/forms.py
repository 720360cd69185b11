"""Forms of the finance pages: the period filter every page shares, and the small entry forms."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone

from finance import rules
from finance.models import Project, SourceKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """?nam=2023&ngay=2023-09-30&muc=60 — the plan year, the day figures are taken on, the line to reach."""

    nam = forms.IntegerField(required=False, min_value=2010, max_value=2100, label="Năm kế hoạch")
    ngay = forms.DateField(required=False, widget=DATE_INPUT, label="Số liệu đến ngày")
    muc = forms.DecimalField(required=False, min_value=0, max_value=100, decimal_places=1, label="Mức yêu cầu (%)")

    def period(self, default_year: int) -> tuple[int, datetime.date, Decimal]:
        """The year asked for, the day (by default today, or the year's last day for a past year), the line."""
        data = self.cleaned_data if self.is_valid() else {}
        year = data.get("nam") or default_year
        today = timezone.localdate()
        day = data.get("ngay") or min(today, datetime.date(year, 12, 31))
        if day.year != year:
            day = datetime.date(year, 12, 31) if day.year > year else datetime.date(year, 1, 1)
        line = data.get("muc")
        return year, day, rules.DEFAULT_LINE if line is None else line


class DisbursementForm(forms.Form):
    source = forms.ChoiceField(label="Nguồn vốn", choices=SourceKind.choices)
    day = forms.DateField(label="Ngày giải ngân", widget=DATE_INPUT)
    amount = forms.DecimalField(label="Số tiền (đồng)", min_value=1, decimal_places=0, max_digits=18)


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái", choices=Project.Status.choices)
    actual_start = forms.DateField(label="Khởi công thực tế", required=False, widget=DATE_INPUT)
    actual_completion = forms.DateField(label="Hoàn thành thực tế", required=False, widget=DATE_INPUT)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanChangeForm(forms.Form):
    year = forms.IntegerField(label="Năm kế hoạch", min_value=2010, max_value=2100)
    source = forms.ChoiceField(label="Nguồn vốn", choices=SourceKind.choices)
    effective = forms.DateField(label="Hiệu lực từ", widget=DATE_INPUT)
    amount = forms.DecimalField(label="Số tiền (đồng; âm là điều chỉnh giảm)", decimal_places=0, max_digits=18)
    decision = forms.CharField(label="Quyết định", max_length=200)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class PublishForm(forms.Form):
    note = forms.CharField(label="Ghi chú kèm theo", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    MAX_BYTES = 20 * 1024 * 1024  # a 20,000-line statement weighs about 1 MB

    file = forms.FileField(label="Tệp Excel (.xlsx)", widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("Tệp lớn hơn 20 MB.")
        return upload


class DebtForm(forms.Form):
    project = forms.CharField(label="Mã dự án", max_length=40)
    commune = forms.CharField(label="Mã xã", max_length=20)
    amount = forms.DecimalField(label="Số nợ (đồng)", min_value=1, decimal_places=0, max_digits=18)
    as_of = forms.DateField(label="Tính đến ngày", widget=DATE_INPUT)


class ClearDebtForm(forms.Form):
    debt = forms.IntegerField(widget=forms.HiddenInput)
    cleared_on = forms.DateField(label="Ngày trả hết", widget=DATE_INPUT)


class CementForm(forms.Form):
    commune = forms.CharField(label="Mã xã", max_length=20)
    allocated = forms.DecimalField(label="Phân bổ (tấn)", min_value=0, decimal_places=1, max_digits=10)
    received = forms.DecimalField(label="Đã nhận (tấn)", min_value=0, decimal_places=1, max_digits=10)
    used = forms.DecimalField(label="Đã sử dụng (tấn)", min_value=0, decimal_places=1, max_digits=10)
    road_km = forms.DecimalField(label="Đường đã làm (km)", min_value=0, decimal_places=2, max_digits=8)


class SponsorshipForm(forms.Form):
    sponsor = forms.CharField(label="Đơn vị đỡ đầu", max_length=255)
    unit = forms.CharField(label="Mã xã hoặc thôn được đỡ đầu", max_length=20)
    start = forms.DateField(label="Từ ngày", widget=DATE_INPUT)
    end = forms.DateField(label="Đến ngày", widget=DATE_INPUT, required=False)
    committed = forms.DecimalField(label="Cam kết (đồng)", min_value=0, decimal_places=0, max_digits=18)
    note = forms.CharField(label="Nội dung cam kết", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ContributionForm(forms.Form):
    sponsorship = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(label="Ngày", widget=DATE_INPUT)
    amount = forms.DecimalField(label="Giá trị (đồng)", min_value=1, decimal_places=0, max_digits=18)
    in_kind = forms.CharField(label="Hiện vật (nếu có)", max_length=300, required=False)
