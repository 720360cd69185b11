"""Files built for the hostile corpus: a real Word notice and a real PDF with a text layer, and broken, encrypted,
inflating or disguised versions of them."""

import io
import zipfile
import zlib

from docx import Document
from pypdf import PdfReader, PdfWriter

NOTICE_LINE = "Ban Chi dao giao So Tai chinh bo tri von cho cac xa truoc ngay 20/11/2017."
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_notice(text: str = "Ban Chỉ đạo giao Sở Tài chính bố trí vốn cho các xã trước ngày 20/11/2017.") -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_entry(content: bytes, name: str, data: bytes) -> bytes:
    """The archive with entry `name` replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info.filename, source.read(info.filename))
        archive.writestr(name, data)
    return out.getvalue()


def declaring(content: bytes, name: str, size: int) -> bytes:
    """The archive whose entry `name` declares `size` unpacked bytes (a bomb as its central directory shows it)."""
    data = bytearray(content)
    position = 0
    encoded = name.encode()
    while (position := data.find(b"PK\x01\x02", position)) >= 0:
        name_length = int.from_bytes(data[position + 28:position + 30], "little")
        if bytes(data[position + 46:position + 46 + name_length]) == encoded:
            data[position + 24:position + 28] = size.to_bytes(4, "little")
        position += 4
    return bytes(data)


def inflating(size: int) -> bytes:
    """A Word notice with an extra entry of `size` zeros (a few KB once compressed)."""
    return with_entry(word_notice(), "word/media/zeros.bin", b"\0" * size)


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]><w:document " + W + b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document ' + W
            + b"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>")


def text_pdf(text: str = NOTICE_LINE) -> bytes:
    """A one-page PDF whose text layer holds `text` (ASCII)."""
    return pdf_with_stream(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))


def heavy_pdf() -> bytes:
    """A 30 KB PDF whose one page unpacks to three million text operators."""
    return pdf_with_stream(b"BT /F1 12 Tf " + b"(a) Tj " * 3_000_000 + b"ET", compressed=True)


def pdf_with_stream(stream: bytes, *, compressed: bool = False) -> bytes:
    data = zlib.compress(stream, 9) if compressed else stream
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(data), b" /Filter /FlateDecode" if compressed else b"")
        + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt("mat-khau", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
