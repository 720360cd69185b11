"""Typed access to a form's fields, for the forms that set a field's choices, queryset or length when they are made,
a form's messages as text, and the attachment field."""

from django import forms

from ntm.attachments import Attachment, read_attachment
from ntm.uploads import UploadError


def field_of[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field `name`, which is a `kind` (a TypeError otherwise: a mistake in the form, not in the input)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def error_messages(form: forms.BaseForm) -> list[str]:
    """The messages of every error of the form, field by field, as text."""
    return [str(message) for errors in form.errors.values() for message in errors]


class AttachmentField(forms.FileField):
    """A file checked by its content and size as an attachment (PDF, JPG/PNG, Word, Excel; 10 MB), read once here:
    the cleaned value is the `Attachment` the service stores, or None when no file was sent."""

    def __init__(self, *, default_stem: str, **kwargs):
        super().__init__(**kwargs)
        self.default_stem = default_stem  # the stored name when the upload's name has no stem

    def clean(self, data, initial=None) -> Attachment | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return read_attachment(upload, default_stem=self.default_stem)
        except UploadError as error:
            raise forms.ValidationError(error.message) from None
