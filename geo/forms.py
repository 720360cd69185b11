from django import forms
from django.utils import timezone

from geo.models import ATTRIBUTE_VALUES, Attribute, Region


class DateChoiceForm(forms.Form):
    """The date the map is shown as of."""

    on = forms.DateField(label="Tính đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class VillageUploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel danh sách thôn (.xlsx)")
    on = forms.DateField(label="Danh sách tính đến ngày", initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 5 MB.")
        return upload


class GroupUploadForm(forms.Form):
    """The province's commune groups file; the decision and its date are read from the file itself."""

    MAX_BYTES = 2 * 1024 * 1024  # a province's few hundred communes take a few dozen kB

    file = forms.FileField(label="Tệp Excel nhóm xã (.xlsx)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("Tệp lớn hơn 2 MB: hãy dùng tệp mẫu tải về từ hệ thống.")
        return upload


class AttributeForm(forms.Form):
    """A decision that sets a region, commune group or flag of a unit from a date."""

    name = forms.ChoiceField(label="Thuộc tính", choices=Attribute.choices)
    value = forms.ChoiceField(label="Giá trị", choices=())
    valid_from = forms.DateField(label="Hiệu lực từ ngày", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    legal_basis = forms.CharField(label="Căn cứ (số, ngày quyết định)", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [
            *[(code, f"Vùng: {label}") for code, label in Region.choices],
            *[(group, f"Nhóm xã {group}") for group in ("1", "2", "3")],
            ("true", "Có"), ("false", "Không"),
        ]

    def clean(self):
        data = super().clean()
        name, value = data.get("name"), data.get("value")
        if name and value and value not in ATTRIBUTE_VALUES[name]:
            self.add_error("value", f"Giá trị này không dùng cho thuộc tính '{Attribute(name).label}'.")
        return data
