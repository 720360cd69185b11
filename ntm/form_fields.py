"""Typed access to a form's fields, for the forms that set a field's choices, queryset or length when they are made,
and a form's messages as text."""

from django import forms


def field_of[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field `name`, which is a `kind` (a TypeError otherwise: a mistake in the form, not in the input)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def error_messages(form: forms.BaseForm) -> list[str]:
    """The messages of every error of the form, field by field, as text."""
    return [str(message) for errors in form.errors.values() for message in errors]
