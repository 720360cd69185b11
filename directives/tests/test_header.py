"""The document header (kind, number, date, issuing body, subject) from made-up headers in every shape a pasted
text takes, from the demo's seed notice, and from every shared text — checked against their annotations."""

import datetime

import pytest

from directives.demo import TODAY_NOTICE
from directives.parser.header import Header, parse_header, proper_case, symbol_kind
from directives.tests.notices import CORPUS, gold

D = datetime.date
BODY = "\n\nNgày 18/11/2017, Ban Chỉ đạo họp. Trưởng Ban Chỉ đạo kết luận như sau:\n\n1. Sở Tài chính bố trí vốn."

# (case, header text, expected header)
MADE_UP = [
    ("two columns pasted with tabs",
     "UBND TỈNH HÀ TĨNH\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG\t\tĐộc lập - Tự do - "
     "Hạnh phúc\nSố: 123/TB-BCĐ\t\tHà Tĩnh, ngày 20 tháng 11 năm 2017\n\nTHÔNG BÁO\nKết luận của Trưởng Ban Chỉ đạo tại "
     "cuộc họp tháng 11/2017",
     Header("notice", "123/TB-BCĐ", D(2017, 11, 20), "Ban Chỉ đạo các Chương trình MTQG tỉnh Hà Tĩnh",
            "Kết luận của Trưởng Ban Chỉ đạo tại cuộc họp tháng 11/2017")),
    ("columns one after the other, with rules, a body name split over lines",
     "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n-------\nSố: 45/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
     "Hạnh phúc\n---------------\nHà Tĩnh, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nThực hiện Chương trình MTQG xây dựng "
     "nông thôn mới năm 2024\n\nCăn cứ Quyết định số 263/QĐ-TTg",
     Header("plan", "45/KH-UBND", D(2024, 3, 5), "Ủy ban nhân dân tỉnh Hà Tĩnh",
            "Thực hiện Chương trình MTQG xây dựng nông thôn mới năm 2024")),
    ("a công văn: its office under the committee, V/v over two lines",
     "UBND TỈNH QUẢNG BÌNH\nVĂN PHÒNG\nSố: 1234/VPUBND-KT\nV/v đôn đốc thực hiện nhiệm vụ\nxây dựng nông thôn mới năm "
     "2023\nQuảng Bình, ngày 12 tháng 9 năm 2023\n\nKính gửi: Các sở, ban, ngành cấp tỉnh",
     Header("letter", "1234/VPUBND-KT", D(2023, 9, 12), "Văn phòng UBND tỉnh Quảng Bình",
            "V/v đôn đốc thực hiện nhiệm vụ xây dựng nông thôn mới năm 2023")),
    ("a chỉ thị whose subject runs over two lines",
     "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 05/CT-UBND\nLạng Sơn, ngày 14 tháng 8 năm 2020\nCHỈ THỊ\nVề việc đẩy nhanh "
     "tiến độ giải ngân vốn\nChương trình MTQG xây dựng nông thôn mới\n\nNăm 2020, tiến độ giải ngân còn chậm.",
     Header("directive", "05/CT-UBND", D(2020, 8, 14), "Ủy ban nhân dân tỉnh Lạng Sơn",
            "Về việc đẩy nhanh tiến độ giải ngân vốn Chương trình MTQG xây dựng nông thôn mới")),
    ("a quyết định: the signer's title in capitals ends the subject",
     "UBND TỈNH THÁI NGUYÊN\nSố: 2360/QĐ-UBND\nThái Nguyên, ngày 8 tháng 8 năm 2018\nQUYẾT ĐỊNH\nVề việc giao "
     "nhiệm vụ xây dựng nông thôn mới năm 2018\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương",
     Header("decision", "2360/QĐ-UBND", D(2018, 8, 8), "UBND tỉnh Thái Nguyên",
            "Về việc giao nhiệm vụ xây dựng nông thôn mới năm 2018")),
    ("an unsigned draft: blank number and day",
     "Số: /TB-UBND\n\nLạng Sơn, ngày   tháng 8 năm 2020\n\nTHÔNG BÁO\n\nKết luận của đồng chí Chủ tịch UBND tỉnh",
     Header("notice", None, None, None, "Kết luận của đồng chí Chủ tịch UBND tỉnh")),
    ("the kind and subject on one line in capitals",
     "Số: 9/TB-BCĐ\nHà Tĩnh, ngày 2 tháng 1 năm 2025\nTHÔNG BÁO KẾT LUẬN CỦA BAN CHỈ ĐẠO TỈNH",
     Header("notice", "9/TB-BCĐ", D(2025, 1, 2), None, "Kết luận của Ban Chỉ đạo tỉnh")),
    ("the dateline split after the month",
     "Số: 17-TB/BCĐ\nHà Tĩnh, ngày 20 tháng 11\nnăm 2017\n\nTHÔNG BÁO\nKết luận của Ban Chỉ đạo",
     Header("notice", "17-TB/BCĐ", D(2017, 11, 20), None, "Kết luận của Ban Chỉ đạo")),
    ("the dateline split after the place",
     "Hà Tĩnh,\nngày 20 tháng 11 năm 2017\nTHÔNG BÁO\nKết luận của Ban Chỉ đạo",
     Header("notice", None, D(2017, 11, 20), None, "Kết luận của Ban Chỉ đạo")),
    ("a PDF line: both columns joined by single spaces",
     "UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBAN CHỈ ĐẠO NTM Độc lập - Tự do - Hạnh phúc\n"
     "Số: 17-TB/BCĐ Hà Tĩnh, ngày 3 tháng 11 năm 2017\nTHÔNG BÁO\nKết luận của Ban Chỉ đạo",
     Header("notice", "17-TB/BCĐ", D(2017, 11, 3), "Ban Chỉ đạo NTM tỉnh Hà Tĩnh", "Kết luận của Ban Chỉ đạo")),
    ("a date with slashes, a number written with spaces",
     "Số 17 - TB/BCĐ\nHà Tĩnh, ngày 20/11/2017\nTHÔNG BÁO\nKết luận của Ban Chỉ đạo",
     Header("notice", "17-TB/BCĐ", D(2017, 11, 20), None, "Kết luận của Ban Chỉ đạo")),
    ("markdown from a portal",
     "Thái Nguyên, ngày 16 tháng 7 năm 2019\n\n## THÔNG BÁO\n\n**Kết luận của Phó Chủ tịch UBND tỉnh**",
     Header("notice", None, D(2019, 7, 16), None, "Kết luận của Phó Chủ tịch UBND tỉnh")),
    ("a district's committee, with the old spelling of ủy",
     "UỶ BAN NHÂN DÂN HUYỆN KỲ ANH\nSố: 88/TB-UBND\nKỳ Anh, ngày 1 tháng 6 năm 2021\nTHÔNG BÁO\nKết luận của Chủ tịch",
     Header("notice", "88/TB-UBND", D(2021, 6, 1), "Ủy ban nhân dân huyện Kỳ Anh", "Kết luận của Chủ tịch")),
    ("a headline in capitals is not an issuing body", "UBND TỈNH CHỈ ĐẠO XÂY DỰNG KẾ HOẠCH XÉT CÔNG NHẬN", Header()),
    ("no header at all", "1. Sở Tài chính bố trí vốn trước ngày 20/11/2017.", Header()),
    ("a number without a kind line is a công văn",
     "UBND TỈNH HÀ TĨNH\nSố: 3478/UBND-NL1\nHà Tĩnh, ngày 10 tháng 6 năm 2019",
     Header("letter", "3478/UBND-NL1", D(2019, 6, 10), "UBND tỉnh Hà Tĩnh", None)),
    ("a news report names the document",
     "Ngày 06/4/2018, UBND tỉnh Cao Bằng đã ban hành Công văn số 875/ UBND-NL gửi Sở Nông nghiệp và PTNT về việc xây "
     "dựng kế hoạch xét, công nhận xã đạt chuẩn.",
     Header("letter", "875/ UBND-NL", D(2018, 4, 6), "UBND tỉnh Cao Bằng", "Về việc xây dựng kế hoạch xét, công nhận xã đạt chuẩn")),
    ("a portal copy: the source line at the bottom",
     "Chi tiết bài viết\n\nKết luận của đồng chí Phó Chủ tịch UBND tỉnh tại cuộc họp Ban Chỉ đạo\n\nNgày 24/8/2023, UBND tỉnh "
     "họp.\n\nNguồn: Thông báo số 3691/TB-VPUBND ngày 06/9/2023",
     Header("notice", "3691/TB-VPUBND", D(2023, 9, 6), None,
            "Kết luận của đồng chí Phó Chủ tịch UBND tỉnh tại cuộc họp Ban Chỉ đạo")),
]


@pytest.mark.parametrize(("case", "text", "expected"), MADE_UP, ids=[c[0] for c in MADE_UP])
def test_made_up_headers_give_their_fields(case, text, expected):
    assert parse_header(text + BODY) == expected, case


@pytest.mark.parametrize(("caps", "written"), [
    ("UBND TỈNH HÀ TĨNH", "UBND tỉnh Hà Tĩnh"),
    ("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG TỈNH HÀ TĨNH", "Ban Chỉ đạo các Chương trình MTQG tỉnh Hà Tĩnh"),
    ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
    ("VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH", "Văn phòng Điều phối nông thôn mới tỉnh"),
    ("UBND THỊ XÃ KỲ ANH", "UBND thị xã Kỳ Anh"),
    ("TỈNH UỶ HÀ TĨNH", "Tỉnh ủy Hà Tĩnh"),
    ("SỞ NN&PTNT", "Sở NN&PTNT"),
])
def test_names_in_capitals_are_written_as_an_office_writes_them(caps, written):
    assert proper_case(caps) == written


@pytest.mark.parametrize(("number", "kind"), [
    ("17-TB/BCĐ", "notice"), ("12/KH-UBND", "plan"), ("05/CT-UBND", "directive"), ("2360/QĐ-UBND", "decision"),
    ("875/ UBND-NL", "letter"), ("3478 /UBND-NL1", "letter"), ("56/BCĐ-NTM", "letter"), ("123", None), (None, None),
])
def test_the_symbol_of_a_number_says_the_kind(number, kind):
    assert symbol_kind(number) == kind


def test_the_demo_seed_notice_gives_its_whole_header():
    assert parse_header(TODAY_NOTICE.read_text(encoding="utf-8")) == Header(
        "notice", "85/TB-BCĐ", D(2026, 11, 20), "Ban Chỉ đạo các Chương trình MTQG tỉnh Hà Tĩnh",
        "Kết luận của Trưởng Ban Chỉ đạo tại cuộc họp định kỳ tháng 11/2026")


# Every shared text: (file stem prefix, kind, issuing body, start of the subject). Number and date are checked against
# the annotation's meta; the kind and body against the SOURCES.md of the corpus parts.
SHARED = [
    ("000_180b", "notice", None, "Kết luận của Ban Chỉ đạo Chương trình nông thôn mới tỉnh tại cuộc họp tháng 10/2017"),
    ("001_97f9", "notice", None, "Kết luận của đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh tại Hội nghị trực tuyến"),
    ("002_d483", "notice", None, "Kết luận của đồng chí Trưởng Ban Chỉ đạo tại Hội nghị tổng kết"),
    ("003_1c3e", "notice", None, "Kết luận của Phó Chủ tịch UBND tỉnh Dương Văn Lượng tại Hội nghị"),
    ("004_17b9", "notice", None, "Kết luận của đồng chí Đoàn Ngọc Lâm - Phó Chủ tịch thường trực UBND tỉnh"),
    ("shared/000_caobang", "letter", "UBND tỉnh Cao Bằng", "Về việc xây dựng kế hoạch xét, công nhận xã đạt chuẩn"),
    ("shared/001_quangngai", "letter", "UBND tỉnh", None),
    ("shared/002_lamdong", "letter", "UBND tỉnh", None),
    ("shared/003_dongthap", None, None, None),
    ("shared/004_khanhhoa", "letter", "UBND tỉnh", None),
    ("shared/005_langson", "letter", "Ban Chỉ đạo các Chương trình mục tiêu quốc gia (CTMTQG) tỉnh", None),
    ("shared/006_haiduong", None, None, None),
    ("shared/007_daknong", None, None, None),
    ("shared/008_quangnam", None, None, None),
    ("shared/009_hatinh", "letter", "UBND tỉnh", "Về việc đánh giá, thẩm định mức độ đạt chuẩn NTM"),
    ("shared/010_thainguyen", None, None, None),
    ("shared/011_camau", "notice", "Văn phòng Ủy ban nhân dân tỉnh Cà Mau", None),
    ("shared/012_gialai", None, None, None),
    ("shared/013_ninhbinh", None, None, None),
]


def _shared(prefix: str):
    folder, _, stem = prefix.rpartition("/")
    path = next((CORPUS / (folder or "seeds") / "texts").glob(f"{stem}*.txt"))
    return path.read_text(encoding="utf-8"), gold(path)["meta"]


@pytest.mark.parametrize(("prefix", "kind", "body", "subject"), SHARED, ids=[s[0] for s in SHARED])
def test_every_shared_text_gives_the_header_its_annotation_and_sources_say(prefix, kind, body, subject):
    text, meta = _shared(prefix)
    header = parse_header(text)
    assert (header.number, header.date.isoformat() if header.date else None) == (meta["notice_number"], meta["notice_date"])
    assert (header.kind, header.issuing_body) == (kind, body)
    assert (header.subject or "")[: len(subject or "")] == (subject or "") and bool(header.subject) == bool(subject)


def test_a_huge_pasted_text_gives_the_header_it_has_and_nothing_invented():
    """Its speed is measured by benchmarks/notice_parser.py and benchmarks/hostile_load.py, not here."""
    text = ("THÔNG BÁO\n" + "Kết luận " * 50 + "\n") + ("UBND TỈNH, " * 20_000) + "\n" + "x" * 150_000
    header = parse_header(text)
    assert (header.kind, header.number, header.date, header.issuing_body) == ("notice", None, None, None)
    assert header.subject.startswith("Kết luận") and len(header.subject) < 500
