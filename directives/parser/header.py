"""The document's header: its kind, number, date, issuing body and subject (trích yếu), as the office types them.

A formal text (Nghị định 30/2020/NĐ-CP, Phụ lục I) opens with the issuing body in capitals under its parent, beside
the national motto; then the number ("Số: 123/TB-BCĐ"), the place and date ("Hà Tĩnh, ngày 20 tháng 11 năm 2017"),
the kind in capitals ("THÔNG BÁO") and the subject under it ("Kết luận của …", "Về việc …"); a công văn has no
kind line but a "V/v …" under its number. Pasted from Word or a PDF, the two columns come one after the other, on
one line apart by tabs or runs of spaces, or split over lines. A portal copy gives the source at the bottom
("Nguồn: Thông báo số 3691/TB-VPUBND ngày 06/9/2023"); a news report names the document in a sentence ("UBND tỉnh
Cao Bằng đã ban hành Công văn số 875/ UBND-NL … về việc …").

Pure: text in, Header out. Only the first HEAD_CHARACTERS of the text are read (and the source line anywhere), with
bounded patterns, so that a pasted text of any size is read at once.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from .meta import _SOURCE

HEAD_CHARACTERS = 6_000
HEAD_CELLS = 40
MENTION_CHARACTERS = 1_500
MAX_SUBJECT = 500  # Notice.title

# The kinds of documents that assign tasks (directives.models.DocumentKind), by their name in the text.
KINDS = {"thông báo": "notice", "kế hoạch": "plan", "công văn": "letter", "văn bản": "letter", "chỉ thị": "directive",
         "quyết định": "decision"}
# The kind's code in a number's symbol (Nghị định 30/2020, Phụ lục III): "17-TB/BCĐ", "12/KH-UBND", "05/CT-UBND".
# A công văn's symbol has no kind code ("875/UBND-NL": issuer and its desk).
SYMBOL_KINDS = {"TB": "notice", "KH": "plan", "CT": "directive", "QĐ": "decision"}


@dataclass(frozen=True)
class Header:
    kind: str | None = None  # a DocumentKind value, None when the text does not say
    number: str | None = None  # the symbol as written, without "Số" (blank numbers of drafts: None)
    date: datetime.date | None = None  # the date of issue (blank days of drafts: None)
    issuing_body: str | None = None
    subject: str | None = None  # trích yếu


_CELL_SPLIT = re.compile(r"\t+| {3,}|\s+\|\s+")
_MOTTO = re.compile(
    r"C[ỘO]NG\s+H(?:ÒA|OÀ)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
_RULE = re.compile(r"[\s\-_–—=*.~•]*")
# Where the body starts: the meeting's line, the grounds of a decision, the addressee of a letter, a news report's
# "Theo đó". Case matters: "ngày 20 tháng 11 năm 2017" on its own line is the rest of a dateline.
_BODY_START = re.compile(r"(?:Ngày\s+\d|(?:Sáng|Chiều|Tối)\s+ngày|Căn cứ|Kính gửi|Theo đó|Vừa qua|Hôm nay|Nơi nhận)")
_NUMBERED = re.compile(r"(?:[IVX]+|\d+)\.\s")
_TITLE = re.compile(r"(THÔNG BÁO|KẾ HOẠCH|CÔNG VĂN|CHỈ THỊ|QUYẾT ĐỊNH)(?:\s*:)?(?:\s+(.+))?")
_SUBJECT_LINE = re.compile(r"V/v\.?\s*(.*)", re.IGNORECASE)
_NUMBER = re.compile(r"Số\s*:?\s*([0-9]+(?:\s*[-/]\s*[A-ZĐ][^\s,;()]*)?)")
_DATELINE = re.compile(
    r"(?:^|\s)[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*(?:\s[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*){0,4},\s*ngày\s+"
    r"(?:(\d{1,2})?\s*tháng\s+(\d{1,2})\s*năm\s+(\d{4})|(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}))"
)
_AGENCY_HEAD = re.compile(
    r"(?:UBND|ỦY BAN|UỶ BAN|UBMTTQ|HĐND|HỘI ĐỒNG|BAN|VĂN PHÒNG|SỞ|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|HUYỆN UỶ|ĐẢNG ỦY|ĐẢNG UỶ|"
    r"ĐẢNG BỘ|BỘ|CỤC|CHI CỤC|TỔNG CỤC|KHO BẠC|MẶT TRẬN|CÔNG AN|HỘI|TRUNG TÂM|CHÍNH PHỦ|THỦ TƯỚNG|THƯỜNG TRỰC|"
    r"VIỆN|TỈNH ĐOÀN|LIÊN MINH)\b"
)
# A unit named without its level takes its parent's ("BAN CHỈ ĐẠO …" under "UBND TỈNH HÀ TĨNH"); a bare office is
# the parent's office ("VĂN PHÒNG" under "UBND TỈNH HÀ TĨNH" is Văn phòng UBND tỉnh Hà Tĩnh).
_LEVEL = re.compile(r"\b(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ XÃ|THÀNH PHỐ|THỊ TRẤN|TRUNG ƯƠNG)\b")
_PLACE = re.compile(r"\b(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ XÃ|THÀNH PHỐ|THỊ TRẤN)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,4}$")
_TAKES_PLACE = re.compile(r"(?:BAN|HỘI ĐỒNG|VĂN PHÒNG ĐIỀU PHỐI)\b")
_BARE_OFFICE = re.compile(r"(?:VĂN PHÒNG|THƯỜNG TRỰC)")

_MENTION = re.compile(
    r"(?P<body>(?:(?:Phó\s+)?Chủ tịch\s+)?(?:UBND|Ủy ban|Uỷ ban|Ban [Cc]hỉ đạo|Văn phòng|Sở|HĐND|Hội đồng|Tỉnh ủy|"
    r"Thường trực)[^.;:\n]{0,150}?)\s+(?:(?:đã\s+|vừa\s+)?ban hành|(?:đã|vừa)\s+(?:có|ký|gửi))\s+"
    r"(?P<kind>[Cc]ông văn|[Vv]ăn bản|[Tt]hông báo|[Kk]ế hoạch|[Cc]hỉ thị|[Qq]uyết định)\b"
    r"(?:\s+số\s+(?P<number>\d+\s*/\s*[A-ZĐ][\w&\-/]*))?"
)
_DATE_BEFORE = re.compile(r"[Nn]gày\s+(\d{1,2})/(\d{1,2})/(\d{4}),?\s*$")
_DATE_AFTER = re.compile(r",?\s*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_ABOUT = re.compile(r"[^.\n]{0,120}?\bvề việc\s+([^.\n]{5,400})")
_SOURCE_KIND = re.compile(r"Nguồn:\s*(Thông báo|Quyết định|Chỉ thị|Kế hoạch|Công văn)")
_PERSON = re.compile(r"(?:Phó\s+)?Chủ tịch\s+")


def parse_header(text: str) -> Header:
    """The header fields found in `text`; a field the text does not give is None."""
    head = unicodedata.normalize("NFC", text[:HEAD_CHARACTERS])
    cells = _cells(head)
    title_at = next((i for i, cell in enumerate(cells) if cell and _is_title(cell)), None)
    before = cells[:title_at] if title_at is not None else cells
    kind = subject = None
    if title_at is not None:
        kind, subject = _title(cells, title_at)
    letter_subject = _letter_subject(before)
    if letter_subject:
        kind, subject = kind or "letter", subject or letter_subject
    number, dated, day = _number(before), *_dateline(before)
    body = _issuing_body(before) if title_at is not None or number or dated else None  # not a headline in capitals
    source = _SOURCE.search(text)
    mention = _MENTION.search(head[:MENTION_CHARACTERS])
    if number is None and source:
        number = source.group(1)
    if not dated and source:
        day, dated = _date(*source.groups()[1:]), True
    if kind is None:
        kind = symbol_kind(number) or (_source_kind(source.group(0)) if source else None)
    if subject is None and title_at is None:
        subject = _conclusion_line(before)
        kind = kind or ("notice" if subject else None)
    if mention:
        found = _from_mention(head, mention)
        number = number or found.number
        day = day if dated else found.date
        kind = kind or found.kind
        body = body or found.issuing_body
        subject = subject or found.subject
    return Header(kind=kind, number=number, date=day, issuing_body=body, subject=_bounded(subject))


def symbol_kind(number: str | None) -> str | None:
    """The kind a number's symbol says: "17-TB/BCĐ" a notice, "12/KH-UBND" a plan, "875/UBND-NL" a công văn."""
    if not number:
        return None
    parts = [p for p in re.split(r"[-/\s]+", number.upper()) if p]
    if len(parts) < 2 or not parts[0].isdigit():
        return None
    return next((SYMBOL_KINDS[p] for p in parts[1:3] if p in SYMBOL_KINDS), "letter")


def _cells(head: str) -> list[str | None]:
    """The header's lines cut into cells, without the motto and rules; None for a blank line. Stops where the body
    starts (the meeting's line, "Căn cứ", "Kính gửi", a long paragraph)."""
    cells: list[str | None] = []
    for line in head.split("\n"):
        line = line.replace("*", "").replace("#", "")
        pieces = [_MOTTO.sub(" ", piece).strip(" \r") for piece in _CELL_SPLIT.split(line)]
        pieces = [" ".join(p.split()) for p in pieces if p and not _RULE.fullmatch(p)]
        if not pieces:
            if cells and cells[-1] is not None:
                cells.append(None)
            continue
        for piece in pieces:
            if _BODY_START.match(piece) or len(piece) > 600 or len(cells) >= HEAD_CELLS:
                return cells
            cells.append(piece)
    return cells


def _is_title(cell: str) -> bool:
    m = _TITLE.fullmatch(cell)
    return m is not None and (m.group(2) is None or len(m.group(2)) <= MAX_SUBJECT)


def _title(cells: list[str | None], at: int) -> tuple[str | None, str | None]:
    """The kind in the title line, and the subject: the rest of that line, or the lines under it up to a blank line,
    the body, a parenthesis, a numbered heading or a line in capitals."""
    m = _TITLE.fullmatch(cells[at] or "")
    assert m is not None
    kind = KINDS[m.group(1).lower()]
    if m.group(2):
        rest = m.group(2)
        return kind, proper_case(rest) if _is_capitals(rest) else rest
    lines: list[str] = []
    for cell in cells[at + 1 :]:
        if cell is None:
            if lines:
                break
            continue
        if cell.startswith("(") or _NUMBERED.match(cell) or (_is_capitals(cell) and lines):
            break
        if len(" ".join([*lines, cell])) > MAX_SUBJECT:
            break
        lines.append(_SUBJECT_LINE.sub(r"V/v \1", cell) if _SUBJECT_LINE.match(cell) else cell)
    return kind, (" ".join(lines) or None)


def _letter_subject(cells: list[str | None]) -> str | None:
    """A công văn's "V/v …", with the lower-case lines it was wrapped onto."""
    for index, cell in enumerate(cells):
        m = _SUBJECT_LINE.fullmatch(cell or "")
        if m is None or not m.group(1):
            continue
        parts = [m.group(1)]
        for more in cells[index + 1 :]:
            if not more or not more[0].islower() or len(" ".join(parts)) > MAX_SUBJECT:
                break
            parts.append(more)
        return "V/v " + " ".join(parts)
    return None


def _number(cells: list[str | None]) -> str | None:
    for cell in cells:
        m = _NUMBER.match(cell or "")
        if m:
            return re.sub(r"\s+", "", m.group(1))
        if cell and re.match(r"Số\s*:?\s*/", cell):
            return None  # a draft's blank number: "Số: /TB-UBND"
    return None


def _dateline(cells: list[str | None]) -> tuple[bool, datetime.date | None]:
    """(whether a dateline was found, its day): "Hà Tĩnh, ngày 20 tháng 11 năm 2017", also split over two lines;
    a draft's blank day ("ngày   tháng 8 năm 2020") is found with no day."""
    short = [c for c in cells if c and len(c) <= 160]
    for index, cell in enumerate(short):
        joined = " ".join(short[index : index + 2])
        m = _DATELINE.search(joined)
        if m and m.start() <= len(cell):
            if m.group(3):
                return True, _date(m.group(1), m.group(2), m.group(3)) if m.group(1) else None
            return True, _date(m.group(4), m.group(5), m.group(6))
    return False, None


def _date(day: str, month: str, year: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _issuing_body(cells: list[str | None]) -> str | None:
    """The names in capitals at the top: a line opening with a kind of agency starts a name, a line that does not
    continues it ("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH" / "MỤC TIÊU QUỐC GIA"). The last name is the issuer; the first, when
    there are two, its parent."""
    names: list[str] = []
    for cell in cells:
        if cell is None:
            continue
        if _NUMBER.match(cell) or _DATELINE.search(cell) or _SUBJECT_LINE.match(cell):
            break
        if not _is_capitals(cell):
            if names:
                break
            continue
        if _AGENCY_HEAD.match(cell):
            names.append(cell)
        elif names:
            names[-1] = f"{names[-1]} {cell}"
    if not names:
        return None
    body = names[-1]
    if len(names) > 1:
        parent = names[0]
        place = _PLACE.search(parent)
        if _BARE_OFFICE.fullmatch(body):
            body = f"{body} {parent}"
        elif place and not _LEVEL.search(body) and _TAKES_PLACE.match(body):
            body = f"{body} {place.group(0)}"
    return proper_case(body)


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _conclusion_line(cells: list[str | None]) -> str | None:
    """A portal copy without the kind line: its title "Kết luận của …" near the top."""
    for cell in [c for c in cells if c][:8]:
        if cell.startswith("Kết luận") and len(cell) <= MAX_SUBJECT and not cell.endswith(":"):
            return cell
    return None


def _source_kind(text: str) -> str | None:
    m = _SOURCE_KIND.search(text)
    return KINDS[m.group(1).lower()] if m else None


def _from_mention(head: str, m: re.Match) -> Header:
    """ "Ngày 06/4/2018, UBND tỉnh Cao Bằng đã ban hành Công văn số 875/ UBND-NL … về việc …"."""
    number = m.group("number")
    before = _DATE_BEFORE.search(head[max(0, m.start() - 40) : m.start()])
    after = _DATE_AFTER.match(head[m.end() : m.end() + 40])
    found = before or after
    about = _ABOUT.match(head[m.end() : m.end() + 600])
    subject = about.group(1).strip(" ,") if about else None
    return Header(
        kind=symbol_kind(number) if number and symbol_kind(number) != "letter" else KINDS[m.group("kind").lower()],
        number=number,
        date=_date(*found.groups()) if found else None,
        issuing_body=_PERSON.sub("", m.group("body"), count=1).strip() or None,
        subject=f"Về việc {subject}" if subject else None,
    )


def _bounded(subject: str | None) -> str | None:
    if not subject:
        return None
    subject = " ".join(subject.split())
    return subject if len(subject) <= MAX_SUBJECT else subject[: subject.rfind(" ", 0, MAX_SUBJECT)]


# Names in capitals written as a Vietnamese office writes them: "UBND TỈNH HÀ TĨNH" → "UBND tỉnh Hà Tĩnh".
ACRONYMS = frozenset({
    "UBND", "HĐND", "MTQG", "CTMTQG", "NTM", "MTTQ", "UBMTTQ", "BCĐ", "TW", "PTNT", "VPĐP", "OCOP", "KT-XH", "CP",
    "TTG", "QĐ", "TB", "KH", "CT", "UBKT", "HTX", "VN",
})
_PHRASES = [
    ("ủy ban mặt trận tổ quốc việt nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"), ("mặt trận tổ quốc", "Mặt trận Tổ quốc"),
    ("ban chỉ đạo", "Ban Chỉ đạo"), ("văn phòng điều phối", "Văn phòng Điều phối"), ("chương trình", "Chương trình"),
    ("kho bạc nhà nước", "Kho bạc Nhà nước"), ("bộ chỉ huy quân sự", "Bộ Chỉ huy Quân sự"), ("trung ương", "Trung ương"),
    ("hội liên hiệp phụ nữ", "Hội Liên hiệp Phụ nữ"), ("hội nông dân", "Hội Nông dân"), ("hội cựu chiến binh", "Hội Cựu chiến binh"),
    ("tỉnh đoàn", "Tỉnh đoàn"), ("tỉnh ủy", "Tỉnh ủy"), ("huyện ủy", "Huyện ủy"), ("việt nam", "Việt Nam"),
]
_PLACE_AFTER = re.compile(
    r"\b(thị xã|thành phố|thị trấn|tỉnh|huyện|xã|phường|Tỉnh ủy|Huyện ủy)((?:\s+[a-zà-ỹđ]+){1,4})$"
)
_DEPARTMENT_WORD = re.compile(r"(^Sở\s+|\svà\s+|,\s+|\s-\s+)([a-zà-ỹđ])")


def proper_case(text: str) -> str:
    """A name or subject in capitals written in the usual case: acronyms kept, the kind of body and the programme
    capitalised, a place after its level ("tỉnh Hà Tĩnh"), a department's field ("Sở Nông nghiệp và Phát triển
    nông thôn"). An approximation: the import prefers the name of an agency it finds in the directory."""
    words = [w if w.strip(",.;()") in ACRONYMS or "&" in w else w.lower().replace("uỷ", "ủy") for w in text.split()]
    result = " ".join(words)
    for phrase, written in _PHRASES:
        result = re.sub(rf"(?<![\wÀ-ỹ]){phrase}(?![\wÀ-ỹ])", written, result)
    if result.startswith("sở "):
        result = _DEPARTMENT_WORD.sub(lambda m: m.group(1) + m.group(2).upper(), "Sở " + result[3:])
    result = _PLACE_AFTER.sub(lambda m: m.group(1) + " ".join(w.capitalize() for w in m.group(2).split(" ")), result)
    return result[:1].upper() + result[1:]
