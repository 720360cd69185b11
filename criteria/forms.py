from django import forms

from criteria.definitions import COMMUNE_GROUPS, REGIONS, Operator, ValueType
from criteria.set_workbook import MAX_BYTES
from criteria.yaml_untrusted import MAX_TEXT_BYTES as YAML_MAX_BYTES
from ntm import uploads
from ntm.form_fields import field_of
from ntm.formatting import format_number
from ntm.params import MAX_ID
from ntm.workbooks import TEMPLATE_HINT

LEGAL_BASIS_HELP = "Số, ngày quyết định của tỉnh, ví dụ: Quyết định 05/2022/QĐ-UBND ngày 10/3/2022"


def too_long(form: forms.Form) -> str:
    """ "Căn cứ: dài quá 300 ký tự." for each field refused for its length ("" when none was): a long text is
    refused whole, never cut short."""
    found = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        if field is not None and any(error.code == "max_length" for error in errors.as_data()):
            found.append(f"{field.label}: dài quá {format_number(getattr(field, 'max_length', 0))} ký tự.")
    return " ".join(found)


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
    version_number = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)


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
    version_number = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)


class ImportForm(forms.Form):
    """A set exported as YAML: at most 512 KB (the largest national set is about 55 KB), UTF-8 text."""

    file = forms.FileField(label="Tệp bộ tiêu chí (.yaml, tối đa 512 KB)", max_length=255)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > YAML_MAX_BYTES:  # refused before a byte of it is read
            raise forms.ValidationError(f"Tệp lớn hơn {YAML_MAX_BYTES // 1024} KB; một bộ tiêu chí chỉ vài chục KB.")
        content = upload.read(YAML_MAX_BYTES + 1)
        if len(content) > YAML_MAX_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {YAML_MAX_BYTES // 1024} KB; một bộ tiêu chí chỉ vài chục KB.")
        try:
            self.text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("Tệp không phải văn bản UTF-8 (YAML).") from None
        return upload


class SetWorkbookForm(forms.Form):
    """An Excel file in the annex layout, the set it is a version of, and whose version it becomes."""

    set_code = forms.ChoiceField(label="Bộ tiêu chí")
    target = forms.ChoiceField(label="Nhập thành")
    file = forms.FileField(label="Tệp Excel theo mẫu (.xlsx, tối đa 2 MB)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, sets: list[tuple[str, str]], targets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        field_of(self, "set_code", forms.ChoiceField).choices = sets
        field_of(self, "target", forms.ChoiceField).choices = targets

    def clean_file(self):
        """Refused before a byte of it is parsed: too big, or not an Excel workbook by its content (whatever its name
        says), or one that unpacks to too much. `content` holds its bytes."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Tệp lớn hơn {MAX_BYTES // 1024 // 1024} MB; một bộ tiêu chí theo mẫu chỉ vài chục KB.")
        try:
            self.content = uploads.read_upload(upload, kinds=(uploads.XLSX,), max_bytes=MAX_BYTES)
        except uploads.UploadError as error:
            raise forms.ValidationError(f"{error.message} {TEMPLATE_HINT}") from None
        return upload
