"""Downloads, one way: every file ntm hands out (an Excel export, a Word report, a criteria set's YAML, an attached
document) goes through `attachment` (content made in memory) or `stored_file` (a file in storage), and both name it
with `content_disposition`: always `attachment` (a document is never shown in the page's origin, whatever it claims
to be), an ASCII name quoted as `filename="…"`, and a Vietnamese name as RFC 6266 / RFC 5987 `filename*=UTF-8''…`
beside an ASCII fallback for old clients.

Content made in memory is an HttpResponse (its bytes are already there: streaming them would only add a copy);
a stored file is Django's FileResponse, streamed from storage."""

import re
import unicodedata
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse

from ntm.text import fold

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TYPES = {
    "xlsx": XLSX,
    "docx": DOCX,
    "yaml": "application/yaml; charset=utf-8",
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
}
MAX_NAME = 150  # characters: a longer name is cut before its extension
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')  # control characters, quotes, paths, header separators
_NOT_TOKEN = re.compile(r"[^A-Za-z0-9._ ()\[\]+,=@#&'-]+")


def safe_filename(filename: str, default: str = "tep") -> str:
    """The name a person sees in the download bar: no folder, no control character or quote, at most 150
    characters, its extension kept; Vietnamese letters stay (NFC)."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(_UNSAFE.sub(" ", name).split()).rstrip(". ")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem[: MAX_NAME - len(extension) - 1].rstrip(". ") or default
    return f"{stem}.{extension}" if extension else stem


def content_disposition(filename: str) -> str:
    """`attachment; filename="bao-cao.docx"`, or for a Vietnamese name
    `attachment; filename="Bao cao thang 12.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A1ng%2012.docx`."""
    name = safe_filename(filename)
    if name.isascii():
        return f'attachment; filename="{name}"'
    fallback = _NOT_TOKEN.sub("-", fold(name).replace(" ", "-")) if name else "tep"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def content_type_of(filename: str) -> str:
    return _TYPES.get(filename.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def attachment(content: bytes, filename: str, content_type: str | None = None) -> HttpResponse:
    """Bytes made for the request (an export, a report) as a download named `filename`; the type follows the
    extension unless given."""
    response = HttpResponse(content, content_type=content_type or content_type_of(filename))
    response["Content-Disposition"] = content_disposition(filename)
    return response


def stored_file(field_file: FieldFile, filename: str | None = None) -> FileResponse:
    """A stored file (evidence, a dossier's document, a progress report) as a download, streamed from storage under
    its stored name (or `filename`). 404 when there is none or it is gone from storage."""
    if not field_file:
        raise Http404
    try:
        stream = field_file.open("rb")
    except OSError:  # gone from storage: as for a record without a document
        raise Http404 from None
    name = filename or (field_file.name or "").rsplit("/", 1)[-1]
    response = FileResponse(stream, content_type=content_type_of(name))
    response["Content-Disposition"] = content_disposition(name)
    return response
