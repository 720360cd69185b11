"""Attachments people upload beside a record (a task's progress report, a dossier's document): accepted by their
content — PDF, JPG/PNG, Word, Excel — within 10 MB, stored under a name ending as the content says, served only as a
download (ntm.downloads.stored_file) to whoever may see the record (never from the media folder), and deleted from storage when replaced.

assessment/services.py keeps its own copy for indicator evidence; it is the one to fold into this module."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from ntm import uploads

MAX_BYTES = 10 * uploads.MB
ACCEPTED = "Chỉ nhận PDF, ảnh JPG/PNG, Word, Excel, tối đa 10 MB."
MAX_STEM = 80
_SUFFIX_OF_KIND = {uploads.PDF: ".pdf", uploads.PNG: ".png", uploads.JPEG: ".jpg", uploads.DOCX: ".docx",
                   uploads.XLSX: ".xlsx"}


@dataclass(frozen=True)
class Attachment:
    """A checked upload: its content and the name it is stored under."""

    name: str
    content: bytes

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name=self.name)


def read_attachment(upload, *, default_stem: str = "tep-dinh-kem") -> Attachment:
    """The upload if it is a document or an image within the limits; UploadError (Vietnamese) otherwise."""
    try:
        content = uploads.read_upload(upload, kinds=uploads.EVIDENCE, max_bytes=MAX_BYTES)
    except uploads.UploadError as error:
        raise uploads.UploadError(f"{error.message} {ACCEPTED}") from None
    return Attachment(stored_name(getattr(upload, "name", "") or "", content, default_stem), content)


def stored_name(name: str, content: bytes, default_stem: str = "tep-dinh-kem") -> str:
    """The uploaded name without its folder (at most 80 characters), ending as the content's kind: a photo named
    "bien-ban.pdf" is stored as "bien-ban.jpg"."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0][:MAX_STEM].strip() or default_stem
    kind = next((k for k in _SUFFIX_OF_KIND if content.startswith(k.signatures) and _holds(content, k)), None)
    if kind is not None:
        return stem + _SUFFIX_OF_KIND[kind]
    old = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return stem + (old if old in (".doc", ".xls") else ".doc")  # the old Office formats share one signature


def _holds(content: bytes, kind: uploads.Kind) -> bool:
    try:
        uploads.read_upload(ContentFile(content, name="x"), kinds=(kind,), max_bytes=len(content))
    except uploads.UploadError:
        return False
    return True


def delete_on_commit(field_file: FieldFile) -> None:
    """The file is deleted from storage once the transaction that replaced or removed it commits."""
    name, storage = field_file.name, field_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))

