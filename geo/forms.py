import datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from geo.models import ATTRIBUTE_VALUES, Attribute, Region
from ntm import uploads
from ntm.dates import DayField, DayInput
from ntm.form_fields import field_of

DATE_INPUT = DayInput()
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
DAY_VALIDATORS = [MinValueValidator(FIRST_DAY, "Ngày phải từ 01/01/1900 đến 31/12/2100."),
                  MaxValueValidator(LAST_DAY, "Ngày phải từ 01/01/1900 đến 31/12/2100.")]


def workbook_content(upload, max_bytes: int) -> bytes:
    """The uploaded .xlsx, checked before any parser opens it: its size, its content (an Excel archive, not a file
    renamed), its entries and their unpacked size (ntm.uploads)."""
    try:
        return uploads.read_upload(upload, kinds=(uploads.XLSX,), max_bytes=max_bytes)
    except uploads.UploadError as error:
        raise forms.ValidationError(f"{error.message} Hãy dùng tệp mẫu tải về từ hệ thống.") from None


class VillageUploadForm(forms.Form):
    MAX_BYTES = 5 * uploads.MB  # 20,000 villages take about 1 MB

    file = forms.FileField(label="Tệp Excel danh sách thôn (.xlsx)")
    on = DayField(label="Danh sách tính đến ngày", initial=timezone.localdate, widget=DATE_INPUT,
                         validators=DAY_VALIDATORS)

    def clean_file(self) -> bytes:
        return workbook_content(self.cleaned_data["file"], self.MAX_BYTES)


class GroupUploadForm(forms.Form):
    """The province's commune groups file; the decision and its date are read from the file itself."""

    MAX_BYTES = 2 * uploads.MB  # a province's few hundred communes take a few dozen kB

    file = forms.FileField(label="Tệp Excel nhóm xã (.xlsx)")

    def clean_file(self) -> bytes:
        return workbook_content(self.cleaned_data["file"], self.MAX_BYTES)


class AttributeForm(forms.Form):
    """A decision that sets a region, commune group or flag of a unit from a date."""

    name = forms.ChoiceField(label="Thuộc tính", choices=Attribute.choices)
    value = forms.ChoiceField(label="Giá trị", choices=())
    valid_from = DayField(label="Hiệu lực từ ngày", widget=DATE_INPUT, validators=DAY_VALIDATORS)
    legal_basis = forms.CharField(label="Căn cứ (số, ngày quyết định)", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field_of(self, "value", forms.ChoiceField).choices = [
            *[(code, f"Vùng: {label}") for code, label in Region.choices],
            *[(group, f"Nhóm xã {group}") for group in ("1", "2", "3")],
            ("true", "Có"), ("false", "Không"),
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        name, value = data.get("name"), data.get("value")
        if name and value and value not in ATTRIBUTE_VALUES[name]:
            self.add_error("value", f"Giá trị này không dùng cho thuộc tính '{Attribute(name).label}'.")
        return data
