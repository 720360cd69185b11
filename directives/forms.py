from django import forms

from directives.models import TaskStatus


class ProgressForm(forms.Form):
    text = forms.CharField(label="Nội dung báo cáo", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    status = forms.ChoiceField(label="Trạng thái", choices=[(s, label) for s, label in TaskStatus.choices if s != TaskStatus.CANCELLED])
    attachment = forms.FileField(label="Tệp đính kèm", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 10 MB.")
        return upload
