"""The text of an uploaded notice: plain text, Word (.docx, tables included) or PDF with a text layer.

Every file goes through ntm.uploads first: its size is checked before it is read, its content must be the kind its
name says (a .docx is a Word archive, a .pdf begins as a PDF), and a Word archive that would unpack beyond a few MB
is refused before python-docx opens it. Whatever a parser then raises on a broken file is the user's message, never
an error page; the text read is bounded as pasted text is."""

import io
import logging
import time
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.opc.exceptions import OpcError
from lxml.etree import LxmlError
from pypdf import PdfReader, apply_configuration, get_configuration
from pypdf.errors import PyPdfError

from ntm import uploads
from ntm.formatting import format_number

MAX_BYTES = 5 * uploads.MB  # a conclusion notice weighs a few dozen KB; 5 MB leaves room for a PDF with a logo
MAX_UNPACKED = 20 * uploads.MB  # a Word notice's XML unpacks to well under 1 MB
MAX_CHARACTERS = 200_000  # the longest shared notice has 15,541 characters: this is thirteen times that
MAX_PDF_PAGES = 60
# pypdf's own limits, lowered for a notice of a few pages: what a page's content may unpack to and how many
# tokens it may hold (a page exported from Word holds a few thousand), and the time all pages may take.
PDF_LIMITS = get_configuration().with_overwrites(
    zlib_maximum_output_length=20 * uploads.MB, stream_parsing_work_maximum_count=300_000,
    maximum_declared_stream_length=20 * uploads.MB)
PDF_SECONDS = 10
TEXT = uploads.Kind("văn bản (.txt)", (b"",))  # plain text has no signature: it must decode as UTF-8
KINDS = {"txt": TEXT, "docx": uploads.DOCX, "pdf": uploads.PDF}

logger = logging.getLogger(__name__)


class UnreadableNotice(Exception):
    """A notice file whose text cannot be read; `message` says why. Not a `ntm.refusals.Refused` (a ValueError):
    the readers below catch the ValueErrors of the Word and PDF libraries, and must not catch their own refusal."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ExtractedText:
    text: str
    warnings: tuple[str, ...] = ()


def read_notice_upload(upload) -> ExtractedText:
    """The text of an uploaded .txt, .docx or .pdf, or UnreadableNotice saying in Vietnamese why not."""
    name = getattr(upload, "name", "") or "tệp"
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in KINDS:
        raise UnreadableNotice(f"Không đọc được tệp '{name}': chỉ nhận .txt, .docx hoặc .pdf có lớp văn bản.")
    try:
        content = uploads.read_upload(upload, kinds=(KINDS[suffix],), max_bytes=MAX_BYTES)
        if suffix == "docx":
            uploads.check_archive(content, name, max_unpacked=MAX_UNPACKED)
    except uploads.UploadError as error:
        raise UnreadableNotice(error.message) from None
    return extract_text(name, content)


def extract_text(name: str, content: bytes) -> ExtractedText:
    if len(content) > MAX_BYTES:
        raise UnreadableNotice(f"Tệp '{name}' lớn hơn 5 MB: một thông báo kết luận thường chỉ vài chục KB. Hãy kiểm tra lại tệp.")
    if not content.strip():
        raise UnreadableNotice(f"Tệp '{name}' rỗng.")
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    readers = {"txt": _text, "docx": _docx, "pdf": _pdf}
    if suffix not in readers:
        raise UnreadableNotice(f"Không đọc được tệp '{name}': chỉ nhận .txt, .docx hoặc .pdf có lớp văn bản.")
    extracted = readers[suffix](content)
    if not extracted.text.strip():
        raise UnreadableNotice(f"Tệp '{name}' không có nội dung chữ.")
    check_length(extracted.text)
    return extracted


def check_length(text: str) -> None:
    """A notice's text, pasted or read from a file, is at most MAX_CHARACTERS long."""
    if len(text) > MAX_CHARACTERS:
        raise UnreadableNotice(f"Văn bản dài {format_number(len(text))} ký tự, quá giới hạn "
                               f"{format_number(MAX_CHARACTERS)} ký tự: một thông báo kết luận thường dưới 20.000 ký "
                               "tự. Hãy kiểm tra lại nội dung.")


def _text(content: bytes) -> ExtractedText:
    """UTF-8, or UTF-16 when the file says so by its byte-order mark (without one, any even number of bytes would
    decode as UTF-16)."""
    encoding = "utf-16" if content.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:  # a binary file that happens to decode is not a text either
        raise UnreadableNotice("Tệp văn bản không ở bảng mã UTF-8. Hãy lưu lại tệp với bảng mã UTF-8.")
    return ExtractedText(text)


# What python-docx and lxml raise on a broken archive or broken XML (a DTD is refused by the same parser: entities
# are never resolved, and a document with an unexpected structure fails in python-docx as a KeyError or
# AttributeError).
_DOCX_ERRORS = (zipfile.BadZipFile, OpcError, LxmlError, KeyError, ValueError, AttributeError, TypeError,
                IndexError, EOFError, OSError, RecursionError)


def _docx(content: bytes) -> ExtractedText:
    try:
        document = Document(io.BytesIO(content))
        lines = [p.text for p in document.paragraphs]
        tables = document.tables
        for table in tables:  # notices put the header and sometimes task lists in tables
            for row in table.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells if cell.text.strip()))
                lines.append(" — ".join(cells))
    except _DOCX_ERRORS as error:
        logger.info("unreadable .docx: %r", error)
        raise UnreadableNotice("Tệp .docx bị hỏng hoặc không phải tệp Word: hãy mở tệp bằng Word, lưu lại rồi tải "
                               "lên, hoặc dán nội dung.") from None
    warnings = []
    if tables:
        warnings.append(f"Tệp có {len(tables)} bảng: nội dung bảng được đọc theo từng dòng, ở cuối văn bản. Hãy kiểm tra kỹ các nhiệm vụ lấy từ bảng.")
    return ExtractedText("\n".join(lines), tuple(warnings))


# pypdf raises its own errors on broken or encrypted files (PyPdfError covers PdfReadError, FileNotDecryptedError
# and DependencyError), and plain Python errors on some malformed objects.
_PDF_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, EOFError, OSError,
               RecursionError, ZeroDivisionError, AssertionError)


def _pdf(content: bytes) -> ExtractedText:
    deadline = time.monotonic() + PDF_SECONDS
    try:
        with apply_configuration(PDF_LIMITS):
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted:
                raise UnreadableNotice("Tệp PDF có mật khẩu hoặc bị khóa: hãy dùng bản PDF không khóa, bản Word, hoặc "
                                       "dán nội dung.")
            if len(reader.pages) > MAX_PDF_PAGES:
                raise UnreadableNotice(f"Tệp PDF có {len(reader.pages)} trang: một thông báo kết luận chỉ vài trang "
                                       f"(tối đa {MAX_PDF_PAGES}).")
            text = _pages_text(reader, deadline)
    except _PDF_ERRORS as error:
        logger.info("unreadable .pdf: %r", error)
        raise UnreadableNotice("Tệp PDF bị hỏng hoặc không đọc được.") from None
    if len(text.strip()) < 40:
        raise UnreadableNotice("Tệp PDF không có lớp văn bản (bản quét ảnh). Hãy dùng bản Word, bản PDF xuất từ Word, hoặc dán nội dung.")
    return ExtractedText(text)


def _pages_text(reader: PdfReader, deadline: float) -> str:
    parts: list[str] = []
    length = 0
    for page in reader.pages:
        if time.monotonic() > deadline:
            raise UnreadableNotice("Tệp PDF quá phức tạp, không đọc được trong thời gian cho phép: hãy dùng bản Word "
                                   "hoặc dán nội dung.")
        parts.append(page.extract_text() or "")
        length += len(parts[-1])
        if length > MAX_CHARACTERS:
            break
    return "\n".join(parts)
