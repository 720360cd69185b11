from typing import Any

from django import forms

from directives.models import TaskStatus
from directives.services import MAX_REPORT
from ntm.form_fields import AttachmentField
from ntm.params import MAX_ID

STALE = "Nhiệm vụ đã được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang."



class ProgressForm(forms.Form):
    text = forms.CharField(label="Nội dung báo cáo", widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_REPORT,
                           error_messages={"max_length": "Nội dung báo cáo quá dài: tối đa 4.000 ký tự.",
                                           "required": "Cần ghi nội dung báo cáo tiến độ."})
    status = forms.ChoiceField(label="Trạng thái", choices=[(s, label) for s, label in TaskStatus.choices if s != TaskStatus.CANCELLED],
                               error_messages={"invalid_choice": "Trạng thái không hợp lệ."})
    attachment = AttachmentField(label="Tệp đính kèm (PDF, ảnh JPG/PNG, Word, Excel; tối đa 10 MB)", required=False,
                                 default_stem="bao-cao-tien-do")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "version" in self.errors:  # a hidden field: said where the user reads it
            self.add_error(None, STALE)
        return data
