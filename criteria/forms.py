from django import forms

from criteria.definitions import COMMUNE_GROUPS, REGIONS, Operator, ValueType

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
