from typing import Any

from django import forms

from directives.models import TaskStatus
from directives.services import MAX_REPORT
from ntm import attachments, uploads
from ntm.params import MAX_ID

STALE = "Nhiệm vụ đã được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang."



class ProgressForm(forms.Form):
    text = forms.CharField(label="Nội dung báo cáo", widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_REPORT,
                           error_messages={"max_length": "Nội dung báo cáo quá dài: tối đa 4.000 ký tự.",
                                           "required": "Cần ghi nội dung báo cáo tiến độ."})
    status = forms.ChoiceField(label="Trạng thái", choices=[(s, label) for s, label in TaskStatus.choices if s != TaskStatus.CANCELLED],
                               error_messages={"invalid_choice": "Trạng thái không hợp lệ."})
    attachment = forms.FileField(label="Tệp đính kèm (PDF, ảnh JPG/PNG, Word, Excel; tối đa 10 MB)", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID)

    def clean_attachment(self) -> attachments.Attachment | None:
        """The file by its content and size, read once here: the service stores what was checked."""
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        try:
            return attachments.read_attachment(upload, default_stem="bao-cao-tien-do")
        except uploads.UploadError as error:
            raise forms.ValidationError(error.message) from None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "version" in self.errors:  # a hidden field: said where the user reads it
            self.add_error(None, STALE)
        return data
