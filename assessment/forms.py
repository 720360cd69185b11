from django import forms

from assessment.models import COMMENT_MAX, EDITABLE, NOTE_MAX
from criteria import rules
from criteria.definitions import CriteriaSet, ValueType
from ntm.formatting import format_number, format_typed
from ntm.params import MAX_ID
from programme.periods import FIRST_YEAR

LAST_YEAR = 2100

BOOL_CHOICES = [("", "—"), ("1", "Đạt"), ("0", "Không đạt")]
VALUE_MAX = 100  # a typed value: "3.260,6", a category's name


def field_name(code: str) -> str:
    return "v_" + code.replace(".", "_")


class StepForm(forms.Form):
    """The year and set a workflow step (submit, verify, appraise, return) applies to, as the scorecard posts them."""

    nam = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    bo = forms.CharField(max_length=60, required=False)
    comment = forms.CharField(max_length=COMMENT_MAX, required=False, strip=True)


class ValueEntryForm(forms.Form):
    """One field per indicator of the set (plus its version and the value first shown), criterion by criterion.

    A value the user saw empty carries version 0 ("did not exist"): if someone else enters it meanwhile, the save
    is refused instead of silently replacing theirs. A stored value that cannot be read (saved before values were
    bounded) is offered empty, to be typed again (`invalid`)."""

    def __init__(self, *args, criteria_set: CriteriaSet, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid: set[str] = set()
        self.codes: dict[str, str] = {}  # field name → indicator code
        for indicator in criteria_set.indicators():
            name = field_name(indicator.code)
            self.codes[name] = indicator.code
            value = current.get(indicator.code)
            readable = value is not None and rules.read_stored(indicator, value.value) is not rules.UNREADABLE
            if value is not None and not readable:
                self.invalid.add(indicator.code)
            shown = _raw(value.value) if value is not None and readable else ""
            locked = value is not None and value.status not in EDITABLE
            live = {"data-value-input": ""}  # read by the live check (static/ntm/value-check.js)
            if indicator.value_type == ValueType.BOOL:
                field: forms.Field = forms.ChoiceField(choices=BOOL_CHOICES, required=False, widget=forms.Select(attrs=live))
            elif indicator.value_type == ValueType.CATEGORY:
                field = forms.ChoiceField(choices=[("", "—"), *[(c, c) for c in indicator.choices]], required=False,
                                          widget=forms.Select(attrs=live))
            else:
                mode = "numeric" if indicator.integer else "decimal"
                field = forms.CharField(required=False, max_length=VALUE_MAX, widget=forms.TextInput(
                    attrs={"inputmode": mode, "autocomplete": "off", **live}))
            field.initial, field.disabled, field.label = shown, locked, indicator.name
            self.fields[name] = field
            # what was shown: compared, never stored (a category's name may be long)
            self.fields[name + "__initial"] = forms.CharField(required=False, initial=shown, widget=forms.HiddenInput)
            note = value.evidence_note if value else ""
            self.fields[name + "__note"] = forms.CharField(
                # a longer note saved before the limit may be kept as it is
                required=False, initial=note, disabled=locked, label=f"Ghi chú minh chứng — chỉ tiêu {indicator.code}",
                max_length=max(NOTE_MAX, len(note)),
                widget=forms.TextInput(attrs={"placeholder": "Số văn bản, nguồn số liệu…"}))
            # the note first shown may be any stored one: its length is not the user's doing
            self.fields[name + "__note_initial"] = forms.CharField(required=False, initial=note, widget=forms.HiddenInput)
            self.fields[name + "__version"] = forms.IntegerField(
                required=False, min_value=0, max_value=MAX_ID, initial=value.version if value else 0, widget=forms.HiddenInput)

    def problems(self) -> list[tuple[str, str]]:
        """(indicator code, message) of each field that does not validate, in Vietnamese."""
        found = []
        for name, errors in self.errors.items():
            base, _, part = name.partition("__")
            if part == "note":
                message = f"Ghi chú minh chứng dài quá {format_number(NOTE_MAX)} ký tự."
            elif part:
                message = "Trang đã cũ hoặc bị sửa đổi. Hãy tải lại trang rồi nhập lại."
            elif any(error.code == "max_length" for error in errors.as_data()):
                message = f"Giá trị dài quá {VALUE_MAX} ký tự."
            elif any(error.code == "invalid_choice" for error in errors.as_data()):
                message = "Giá trị không thuộc các lựa chọn của chỉ tiêu. Hãy chọn trong danh sách."
            else:
                message = " ".join(str(error) for error in errors)
            found.append((self.codes.get(base, ""), message))
        return found


def _raw(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return format_typed(value)
