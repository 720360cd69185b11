"""Notice metadata: province, meeting and issue dates, number, chair."""

import re
from datetime import date

_ISSUE = re.compile(
    r"^[^\S\n]*([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?: [A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}),\s*ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.MULTILINE,
)
_SOURCE = re.compile(r"Nguồn:\s*(?:Thông báo|Quyết định|Chỉ thị)?\s*số\s+(\S+)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_NUMBER = re.compile(r"^[^\S\n]*Số:?\s*([0-9][^\s,]*(?:\s*-\s*[A-ZĐ][^\s,]*)?)", re.MULTILINE)
_MEETING = re.compile(
    r"^[^\S\n]*(?:\(.*?\)\s*-\s*)?(?:(?:Sáng|Chiều|Tối)\s+)?(?:ngày\s+|Ngày\s+)(\d{1,2})(?:/(\d{1,2})/(\d{4})|\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
    re.MULTILINE | re.IGNORECASE,
)
_PROVINCE_IN_TEXT = re.compile(r"tỉnh ((?:[A-ZĐ][\wÀ-ỹ]+)(?: [A-ZĐ][\wÀ-ỹ]+)+)")
_TITLE = (
    r"(?:Phó Chủ tịch(?: [Tt]hường trực)? UBND tỉnh|Chủ tịch UBND tỉnh|Bí thư Tỉnh ủy|"
    r"(?:Phó )?Trưởng [Bb]an [Cc]hỉ đạo[^,.:]*?)"
)
_NAME = r"([A-ZĐ][\wÀ-ỹ]+(?: [A-ZĐ][\wÀ-ỹ]+){1,3})"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def notice_date(text: str) -> date | None:
    source = _SOURCE.search(text)
    if source:
        day, month, year = (int(g) for g in source.groups()[1:])
        return _safe_date(year, month, day)
    issue = _ISSUE.search(text)
    if issue and issue.group(2):  # drafts leave the day blank
        return _safe_date(int(issue.group(4)), int(issue.group(3)), int(issue.group(2)))
    return None


def notice_number(text: str) -> str | None:
    source = _SOURCE.search(text)
    if source:
        return source.group(1)
    number = _NUMBER.search(text)
    return re.sub(r"\s+", "", number.group(1)) if number else None


def meeting_date(text: str) -> date | None:
    m = _MEETING.search(text)
    if not m:
        return None
    day = int(m.group(1))
    if m.group(2):
        return _safe_date(int(m.group(3)), int(m.group(2)), day)
    return _safe_date(int(m.group(5)), int(m.group(4)), day)


def province(text: str) -> str | None:
    issue = _ISSUE.search(text)
    if issue:
        return issue.group(1)
    m = _PROVINCE_IN_TEXT.search(text)
    return m.group(1) if m else None


def chair(text: str) -> str | None:
    """The person whose conclusions these are; None when the committee concludes collectively."""
    head = text[:3000]
    # "… do đồng chí Đoàn Ngọc Lâm - Phó Chủ tịch …, Phó Trưởng Ban … chủ trì": the meeting's own words.
    m = re.search(r"(?:do )?đồng chí " + _NAME + r"\s*[-,]\s*([^.;]{5,200}?)\s+chủ trì", head)
    if m:
        return f"{m.group(1)}, {m.group(2)}"
    # "đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh" / "đồng chí Đoàn Ngọc Lâm - Phó Chủ tịch …"
    m = re.search(r"Kết luận của (?:đồng chí )?" + _NAME + r"\s*(?:,|-)\s*([^\n]*?)\s+tại ", head)
    if m:
        return f"{m.group(1)}, {m.group(2)}" if "Trưởng" not in m.group(2) or "Chủ tịch" in m.group(2) else None
    m = re.search(r"Kết luận của " + _TITLE + r" " + _NAME, head)
    if m:
        title = re.search(_TITLE, m.group(0))
        return f"{m.group(1)}, {title.group(0) if title else ''}".rstrip(", ")
    m = re.search(r"đồng chí (" + _TITLE + r") kết luận", head)
    if m:
        return m.group(1)
    return None


def parse_meta(text: str) -> dict:
    issued, met = notice_date(text), meeting_date(text)
    return {
        "province": province(text),
        "meeting_date": met.isoformat() if met else None,
        "notice_date": issued.isoformat() if issued else None,
        "notice_number": notice_number(text),
        "chair": chair(text),
    }
