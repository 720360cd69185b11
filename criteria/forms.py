from django import forms

from criteria.definitions import COMMUNE_GROUPS, REGIONS, Operator, ValueType
from criteria.set_workbook import MAX_BYTES

LEGAL_BASIS_HELP = "Số, ngày quyết định của tỉnh, ví dụ: Quyết định 05/2022/QĐ-UBND ngày 10/3/2022"


class ProvinceVersionForm(forms.Form):
    legal_basis = forms.CharField(label="Căn cứ (quyết định của tỉnh)", max_length=300, help_text=LEGAL_BASIS_HELP)


class ThresholdForm(forms.Form):
    indicator = forms.CharField(label="Mã chỉ tiêu", max_length=20)
    regions = forms.MultipleChoiceField(label="Áp dụng cho vùng (bỏ trống: mọi vùng)", required=False,
                                        choices=[(r, r) for r in REGIONS], widget=forms.CheckboxSelectMultiple)
    groups = forms.MultipleChoiceField(label="Áp dụng cho nhóm xã (bỏ trống: mọi nhóm)", required=False,
                                       choices=[(g, f"Nhóm {g}") for g in COMMUNE_GROUPS], widget=forms.CheckboxSelectMultiple)
    value = forms.CharField(label="Ngưỡng", max_length=40, help_text="Số (70 hoặc 47,5), hoặc 1 = Đạt, 0 = Không đạt")
    legal_basis = forms.CharField(label="Căn cứ", max_length=300, help_text=LEGAL_BASIS_HELP)
    version_number = forms.IntegerField(widget=forms.HiddenInput)


class IndicatorForm(forms.Form):
    criterion = forms.CharField(label="Thuộc tiêu chí số", max_length=10)
    code = forms.CharField(label="Mã chỉ tiêu mới", max_length=20, help_text="Ví dụ: 17.9")
    name = forms.CharField(label="Nội dung chỉ tiêu", max_length=300)
    value_type = forms.ChoiceField(label="Kiểu giá trị", choices=[
        (ValueType.BOOL, "Đạt / Không đạt"), (ValueType.PERCENT, "Tỷ lệ %"), (ValueType.NUMBER, "Số"),
        (ValueType.MONEY_PER_PERSON, "Thu nhập (triệu đồng/người/năm)")])
    operator = forms.ChoiceField(label="So sánh", choices=[(Operator.GE, "≥"), (Operator.LE, "≤"), (Operator.EQ, "=")])
    unit = forms.CharField(label="Đơn vị", max_length=40, required=False)
    value = forms.CharField(label="Ngưỡng", max_length=40)
    legal_basis = forms.CharField(label="Căn cứ", max_length=300, help_text=LEGAL_BASIS_HELP)
    version_number = forms.IntegerField(widget=forms.HiddenInput)


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp bộ tiêu chí (.yaml)")


class SetWorkbookForm(forms.Form):
    """An Excel file in the annex layout, the set it is a version of, and whose version it becomes."""

    set_code = forms.ChoiceField(label="Bộ tiêu chí")
    target = forms.ChoiceField(label="Nhập thành")
    file = forms.FileField(label="Tệp Excel theo mẫu (.xlsx, tối đa 2 MB)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, sets: list[tuple[str, str]], targets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["set_code"].choices = sets
        self.fields["target"].choices = targets

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:  # refused before a byte of it is read
            raise forms.ValidationError(f"Tệp lớn hơn {MAX_BYTES // 1024 // 1024} MB; một bộ tiêu chí theo mẫu chỉ vài chục KB.")
        return upload
