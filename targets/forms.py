"""Forms of the target pages: the year and day the page is read for, and a target's value."""

from decimal import Decimal

from django import forms

from ntm.dates import DayInput
from ntm.numbers import Bounds, NumberField
from ntm.params import MAX_ID
from targets.measures import measure_choices
from targets.models import Comparator

DATE_INPUT = DayInput()
FIRST_YEAR, LAST_YEAR = 2010, 2100
YEAR_MESSAGES = {"invalid": "cần viết bằng chữ số, ví dụ 2026."}


def _said_stale(form: forms.Form, data: dict | None) -> dict | None:
    """A hidden version that is not one (², 10^20) is said where the user reads it: the page is stale."""
    if "version" in form.errors:
        form.add_error(None, "Trang đã cũ: hãy tải lại trang.")
    return data


# What a target or a published rate may be: at most 12 digits with 2 decimals, as the columns hold them.
TARGET_VALUE = Bounds(Decimal(0), Decimal("9999999999.99"), what="giá trị")
POVERTY_RATE = Bounds(Decimal(0), Decimal(100), what="tỷ lệ")


class ReportedFigureForm(forms.Form):
    """The province's published multidimensional poverty rate of a year (targets.services.report_figure)."""

    year = forms.IntegerField(label="Năm", min_value=FIRST_YEAR, max_value=LAST_YEAR, error_messages=YEAR_MESSAGES)
    value = NumberField(label="Tỷ lệ nghèo đa chiều (%)", bounds=POVERTY_RATE, decimals=2)
    source = forms.CharField(label="Căn cứ", max_length=300,
                             help_text="Quyết định hoặc báo cáo công bố kết quả rà soát hộ nghèo, hộ cận nghèo.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_ID)

    def clean(self):
        return _said_stale(self, super().clean())


class TargetForm(forms.Form):
    measure = forms.ChoiceField(label="Chỉ tiêu", choices=measure_choices)
    year = forms.IntegerField(label="Năm", min_value=FIRST_YEAR, max_value=LAST_YEAR, error_messages=YEAR_MESSAGES)
    value = NumberField(label="Giá trị", bounds=TARGET_VALUE, decimals=2,
                               help_text="Số xã, số tiêu chí bình quân (vd: 17,5) hoặc tỷ lệ %, theo chỉ tiêu.")
    comparator = forms.ChoiceField(
        label="Cách so sánh", required=False,
        choices=[("", "Theo cách đọc thông thường của chỉ tiêu"), *Comparator.choices],
        help_text="“Tối đa” cho chỉ tiêu kiểu “không còn xã dưới 10 tiêu chí” (tối đa 0 xã).",
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_ID)

    def clean(self):
        return _said_stale(self, super().clean())

    def fix_identity(self) -> None:
        """On an existing target the measure and year are what it is: only its value is edited."""
        for name in ("measure", "year"):
            self.fields[name].disabled = True
