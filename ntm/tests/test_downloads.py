"""Every download is named one way: ASCII names quoted, Vietnamese names as RFC 6266 filename* with an ASCII
fallback, nothing that could break the header or name a folder."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from ntm.downloads import DOCX, XLSX, attachment, content_disposition, safe_filename, stored_file


@pytest.mark.parametrize(("filename", "header"), [
    ("bao-cao.docx", 'attachment; filename="bao-cao.docx"'),
    ("Báo cáo tháng 12-2026 Hà Tĩnh.docx",
     "attachment; filename=\"bao-cao-thang-12-2026-ha-tinh.docx\"; "
     "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A1ng%2012-2026%20H%C3%A0%20T%C4%A9nh.docx"),
    ("Đề án \"số 1\".pdf", "attachment; filename=\"de-an-so-1.pdf\"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20s%E1%BB%91%201.pdf"),
    ("../../etc/passwd", 'attachment; filename="passwd"'),
    ("a\r\nSet-Cookie: x=1.xlsx", 'attachment; filename="a Set-Cookie x=1.xlsx"'),
    ('bien"ban;x.jpg', 'attachment; filename="bien ban x.jpg"'),
    ("", 'attachment; filename="tep"'),
    (".xlsx", 'attachment; filename="tep.xlsx"'),
])
def test_it_names_a_download_safely(filename, header):
    assert content_disposition(filename) == header


def test_a_vietnamese_name_reads_back_whole_from_its_utf8_form():
    name = "Thông báo kết luận số 12 của Ủy ban nhân dân tỉnh.docx"
    encoded = content_disposition(name).split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == name


def test_a_long_name_keeps_its_extension():
    assert safe_filename("x" * 400 + ".xlsx") == "x" * 145 + ".xlsx"


def test_an_attachment_carries_its_type_and_name():
    response = attachment(b"PK...", "Chỉ tiêu 2026.xlsx")
    assert (response["Content-Type"], response.content) == (XLSX, b"PK...")
    assert response["Content-Disposition"].endswith("filename*=UTF-8''Ch%E1%BB%89%20ti%C3%AAu%202026.xlsx")
    assert attachment(b"x", "thong-bao.docx")["Content-Type"] == DOCX


def _stored(name: str, content: bytes | None) -> FieldFile:
    storage = InMemoryStorage()
    if content is not None:
        storage.save(name, ContentFile(content))
    field = FileField(storage=storage)
    field.storage = storage
    return FieldFile(None, field, name)


def test_a_stored_file_streams_under_its_stored_name():
    response = stored_file(_stored("minh-chung/Biên bản họp.pdf", b"%PDF-1.4"))
    assert (response["Content-Type"], b"".join(response.streaming_content)) == ("application/pdf", b"%PDF-1.4")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"bien-ban-hop.pdf\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf")


@pytest.mark.parametrize("field_file", [_stored("", None), _stored("gone.pdf", None)])
def test_a_missing_stored_file_is_404(field_file):
    with pytest.raises(Http404):
        stored_file(field_file)
