"""Uploaded files, checked one way before anything parses them: the size as sent, the kind by the content (not by
the name), and for Office files (zip archives) the number of entries and their unpacked size, so that a 1 MB file
that inflates to 1 GB is refused before a worker opens it. YAML gets a nesting limit before it is loaded."""

import io
import zipfile
from dataclasses import dataclass

import yaml

from ntm.refusals import Refused

MB = 1024 * 1024


class UploadError(Refused):
    """The file is refused; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class Kind:
    label: str  # as a message names it
    signatures: tuple[bytes, ...]  # how the content begins
    zip_entry: str = ""  # an Office file: the entry its archive must hold


PDF = Kind("PDF", (b"%PDF-",))
PNG = Kind("ảnh PNG", (b"\x89PNG\r\n\x1a\n",))
JPEG = Kind("ảnh JPG", (b"\xff\xd8\xff",))
XLSX = Kind("Excel (.xlsx)", (b"PK\x03\x04",), zip_entry="xl/workbook.xml")
DOCX = Kind("Word (.docx)", (b"PK\x03\x04",), zip_entry="word/document.xml")
OLD_OFFICE = Kind("Word/Excel (.doc, .xls)", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",))
EVIDENCE = (PDF, PNG, JPEG, XLSX, DOCX, OLD_OFFICE)  # what an attachment may be

MAX_ENTRIES = 2_000
MAX_UNPACKED = 60 * MB


def read_upload(upload, *, kinds: tuple[Kind, ...], max_bytes: int) -> bytes:
    """The file's content if it is one of `kinds` and within the limits; UploadError otherwise. The size is checked
    before reading, and no more than `max_bytes` + 1 bytes are ever read."""
    name = getattr(upload, "name", "tệp")
    if upload is None or getattr(upload, "size", 0) == 0:
        raise UploadError("Chưa chọn tệp, hoặc tệp rỗng.")
    if upload.size > max_bytes:
        raise UploadError(f"Tệp '{name}' lớn hơn {max_bytes // MB} MB.")
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(content) > max_bytes:
        raise UploadError(f"Tệp '{name}' lớn hơn {max_bytes // MB} MB.")
    kind = next((k for k in kinds if content.startswith(k.signatures) and _holds(content, k)), None)
    if kind is None:
        labels = ", ".join(k.label for k in kinds)
        raise UploadError(f"Tệp '{name}' không phải là tệp {labels} hợp lệ.")
    if kind.zip_entry:
        check_archive(content, name)
    return content


def _holds(content: bytes, kind: Kind) -> bool:
    if not kind.zip_entry:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return kind.zip_entry in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def check_archive(content: bytes, name: str = "tệp", *, max_unpacked: int = MAX_UNPACKED) -> None:
    """An Office file's archive: not too many entries, not too big once unpacked (entries are never read beyond the
    size they declare, so the declared sizes bound what a parser can unpack)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadError(f"Tệp '{name}' bị hỏng hoặc không phải tệp Office.") from None
    if len(entries) > MAX_ENTRIES:
        raise UploadError(f"Tệp '{name}' có quá nhiều thành phần ({len(entries)}).")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked:
        raise UploadError(f"Tệp '{name}' khi giải nén lớn hơn {max_unpacked // MB} MB: không đọc được.")


MAX_YAML_DEPTH = 40
_OPENS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
          yaml.FlowSequenceStartToken)
_CLOSES = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def safe_yaml(text: str, *, max_depth: int = MAX_YAML_DEPTH) -> object:
    """YAML loaded only after its nesting is counted (the scanner is iterative; loading a file nested thousands of
    levels deep would exhaust the stack)."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, _OPENS):
                depth += 1
                if depth > max_depth:
                    raise UploadError(f"Tệp YAML lồng nhau quá {max_depth} cấp: không đọc được.")
            elif isinstance(token, _CLOSES):
                depth -= 1
    except yaml.YAMLError as error:
        raise UploadError(f"Tệp YAML không đọc được: {error}") from None
    return yaml.safe_load(text)
