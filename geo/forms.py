from django import forms
from django.utils import timezone


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
