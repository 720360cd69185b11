import datetime

from django import forms

from assessment.models import EDITABLE
from criteria.definitions import CriteriaSet, ValueType

BOOL_CHOICES = [("", "—"), ("1", "Đạt"), ("0", "Không đạt")]


def field_name(code: str) -> str:
    return "v_" + code.replace(".", "_")


class PeriodForm(forms.Form):
    period = forms.CharField(required=False)

    def month(self, default: datetime.date) -> datetime.date:
        """ "2024-11" → 1/11/2024; anything else → `default`."""
        if self.is_valid():
            try:
                return datetime.datetime.strptime(self.cleaned_data["period"], "%Y-%m").date()  # noqa: DTZ007
            except ValueError:
                pass
        return default


class ValueEntryForm(forms.Form):
    """One field per indicator of the set (plus its version and the value first shown), criterion by criterion."""

    def __init__(self, *args, criteria_set: CriteriaSet, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in criteria_set.indicators():
            name = field_name(indicator.code)
            value = current.get(indicator.code)
            shown = _raw(value.value) if value else ""
            locked = bool(value) and value.status not in EDITABLE
            if indicator.value_type == ValueType.BOOL:
                field: forms.Field = forms.ChoiceField(choices=BOOL_CHOICES, required=False)
            elif indicator.value_type == ValueType.CATEGORY:
                field = forms.ChoiceField(choices=[("", "—"), *[(c, c) for c in indicator.choices]], required=False)
            else:
                field = forms.CharField(required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
            field.initial, field.disabled, field.label = shown, locked, indicator.name
            self.fields[name] = field
            self.fields[name + "__initial"] = forms.CharField(required=False, initial=shown, widget=forms.HiddenInput)
            note = value.evidence_note if value else ""
            self.fields[name + "__note"] = forms.CharField(
                required=False, initial=note, disabled=locked, label=f"Minh chứng {indicator.code}", max_length=1000,
                widget=forms.TextInput(attrs={"placeholder": "Minh chứng (số văn bản, nguồn số liệu…)"}))
            self.fields[name + "__note_initial"] = forms.CharField(required=False, initial=note, widget=forms.HiddenInput)
            self.fields[name + "__version"] = forms.IntegerField(required=False, initial=value.version if value else 0,
                                                                 widget=forms.HiddenInput)


def _raw(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).replace(".", ",")
