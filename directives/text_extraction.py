"""The text of an uploaded notice: plain text, Word (.docx, tables included) or PDF with a text layer."""

import io
import zipfile
from dataclasses import dataclass

from docx import Document
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_BYTES = 5 * 1024 * 1024


class UnreadableNotice(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ExtractedText:
    text: str
    warnings: tuple[str, ...] = ()


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
    return extracted


def _text(content: bytes) -> ExtractedText:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return ExtractedText(content.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise UnreadableNotice("Tệp văn bản không ở bảng mã UTF-8. Hãy lưu lại tệp với bảng mã UTF-8.")


def _docx(content: bytes) -> ExtractedText:
    try:
        document = Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise UnreadableNotice("Tệp .docx bị hỏng hoặc không phải tệp Word.") from None
    lines = [p.text for p in document.paragraphs]
    warnings = []
    if document.tables:
        # Notices put the header (issuing body, motto, number, date) and sometimes task lists in tables.
        for table in document.tables:
            for row in table.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells if cell.text.strip()))
                lines.append(" — ".join(cells))
        warnings.append(f"Tệp có {len(document.tables)} bảng: nội dung bảng được đọc theo từng dòng, ở cuối văn bản. Hãy kiểm tra kỹ các nhiệm vụ lấy từ bảng.")
    return ExtractedText("\n".join(lines), tuple(warnings))


def _pdf(content: bytes) -> ExtractedText:
    try:
        reader = PdfReader(io.BytesIO(content))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError):
        raise UnreadableNotice("Tệp PDF bị hỏng hoặc không đọc được.") from None
    if len(text.strip()) < 40:
        raise UnreadableNotice("Tệp PDF không có lớp văn bản (bản quét ảnh). Hãy dùng bản Word, bản PDF xuất từ Word, hoặc dán nội dung.")
    return ExtractedText(text)
