from typing import Any

from django import forms

from accounts.models import Agency
from ntm.form_fields import field_of
from programme.models import REPORT_DAY_MAX
from programme.services import verifying_candidates


class ProcedureForm(forms.Form):
    verifying_agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        label="Cơ quan thẩm tra số liệu, hồ sơ của xã (thay cấp huyện)", queryset=None, required=False,
        empty_label="Văn phòng Điều phối của tỉnh (mặc định)")
    wards_assessed = forms.BooleanField(
        label="Đánh giá cả phường, đặc khu theo bộ tiêu chí xã và cho phường, đặc khu đăng ký đạt chuẩn",
        required=False, help_text="Không chọn: chỉ các xã được đánh giá, đăng ký và công nhận đạt chuẩn.")
    report_day_of_month = forms.IntegerField(
        label="Hạn gửi báo cáo tháng: trước ngày … hằng tháng", required=False, min_value=1, max_value=REPORT_DAY_MAX,
        help_text="Để trống nếu tỉnh không quy định hạn; tháng ngắn hơn thì hạn là ngày cuối tháng.")
    legal_basis = forms.CharField(label="Căn cứ (số, ngày văn bản của tỉnh)", max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2_000_000_000)

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        field_of(self, "verifying_agency", forms.ModelChoiceField).queryset = verifying_candidates(province)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "version" in self.errors:  # a hidden field: said where the user reads it
            self.add_error(None, "Trang đã cũ: hãy tải lại trang.")
        return data
