"""Deadline phrases → {kind, date, day_of_month, text}, per the guideline's table."""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from directives.vocabulary import DeadlineKind

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:/|\s+năm\s+)(\d{4})"


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    date: date | None
    day_of_month: int | None
    text: str
    start: int = 0
    rank: int = 9  # lower is more specific; picks one deadline per clause

    def as_dict(self) -> dict:
        return {
            "kind": self.kind.value,  # plain text: the parsed notice is kept as JSON and dumped as YAML
            "date": self.date.isoformat() if self.date else None,
            "day_of_month": self.day_of_month,
            "text": self.text,
        }


NONE = Deadline(DeadlineKind.NONE, None, None, "")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, given: str | None, reference: date | None) -> int | None:
    """A month without a year is the next such month on or after the notice."""
    if given:
        return int(given)
    if reference is None:
        return None
    return reference.year + (1 if month < reference.month else 0)


_DATE = re.compile(
    r"(?:(?:hoàn thành(?:\s+xong)?|xong|chậm nhất)\s+)?(?:trước\s+ngày|trước|đến\s+hết\s+ngày|đến\s+hết|"
    r"(?<=chậm nhất )đến\s+ngày|(?<=chậm nhất )ngày)\s+"
    r"(?:(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?|(\d{1,2})\.(\d{1,2})\.(\d{4})"
    r"|(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?)(?![\d/]|\s+h[àằ]ng)",
    re.IGNORECASE,
)
_RECURRING_DAY = re.compile(
    r"(?:định kỳ\s+)?(?:trước\s+)?ngày\s+(\d{1,2})\s+h[àằ]ng\s+tháng", re.IGNORECASE
)
_RECURRING = re.compile(r"h[àằ]ng\s+tháng", re.IGNORECASE)
_MONTH = re.compile(
    r"(?:(?:trong|vào)\s+)?(đầu|giữa|cuối|trong|trước)\s+tháng\s+(\d{1,2})(?:" + _YEAR + r")?"
    r"|tại\s+(?:cuộc\s+)?(?:họp|hội nghị)[^,;.()]{0,60}?tháng\s+(\d{1,2})" + _YEAR,
    re.IGNORECASE,
)
_QUARTER = re.compile(
    r"(?:trong\s+)?(?:(đầu|giữa|cuối)\s+)?quý\s+(IV|I{1,3}|[1-4])\b(?:" + _YEAR + r")?",
    re.IGNORECASE,
)
_YEAR_END = re.compile(
    r"(?:phấn đấu đạt chuẩn\s+)?(?:đến\s+cuối|đến\s+hết|vào\s+cuối|trước\s+cuối|từ\s+cuối|trong)\s+năm\s+(\d{4})"
    r"|về đích[^,;.()]{0,50}?năm\s+(\d{4})",
    re.IGNORECASE,
)
# A job whose end is a year: "hoàn thành nhiệm vụ Chương trình … năm 2019", "đạt chuẩn huyện NTM năm 2022",
# "năm 2019 phải hoàn thành": the year's last day, the year's words as the deadline's text.
_FINISH_IN_YEAR = re.compile(
    r"\b(?:hoàn thành|đạt chuẩn)\b[^,;.()\d]{0,90}?\b(năm\s+(\d{4}))(?![\d-])"
    r"|\b(năm\s+(\d{4}))\s+(?:phải|cần|sẽ)\s+hoàn thành\b",
    re.IGNORECASE,
)
# A year after a group of communes names the group, it sets no deadline.
_NAMING = re.compile(r"(?:xã|huyện)\s+(?:phấn đấu|đăng ký|có khả năng)(?:\s+đạt chuẩn)?[^,;.()]{0,40}?$",
                     re.IGNORECASE)
_GROUP = re.compile(r"(?:xã|huyện|thôn)\s+(?:[^,;.()\s]+\s+){0,3}$", re.IGNORECASE)
_NO_DATE = re.compile(
    r"\b(ngay|kịp thời|thường xuyên|định kỳ(?:\s+6 tháng và h[àằ]ng năm)?)\b", re.IGNORECASE
)


_HAS_DIGIT = re.compile(r"\d")
_DATE_CUE = re.compile(r"trước|đến hết|đến ngày|chậm nhất")


# "đến ngày 15/5/2020" is a deadline only where a plan or a duty to finish goes with it ("Theo kế hoạch đến ngày
# 15/5/2020 X phải hoàn thành …"); "kết quả đến ngày 18/11/2017" is the day the figures are taken on.
_BY_DAY = re.compile(
    r"(?:(?<=kế hoạch )đến\s+ngày\s+(\d{1,2})[/-](\d{1,2})[/-](\d{4})"
    r"|đến\s+ngày\s+(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?=[^.;]{0,120}?\b(?:phải|cần)\s+hoàn thành))",
    re.IGNORECASE,
)


def _dates(text: str, reference: date | None) -> list[Deadline]:
    found = []
    for m in [*_DATE.finditer(text), *_BY_DAY.finditer(text)]:
        groups = m.groups()
        day, month, year = next(groups[i : i + 3] for i in range(0, len(groups), 3) if groups[i])
        resolved = _year_for(int(month), year, reference)
        if resolved is None:
            continue
        try:
            when = date(resolved, int(month), int(day))
        except ValueError:
            continue
        found.append(Deadline(DeadlineKind.DATE, when, None, m.group(0), m.start(), 0))
    return found


def _recurring(text: str) -> list[Deadline]:
    found = [
        Deadline(DeadlineKind.RECURRING_MONTHLY, None, int(m.group(1)), m.group(0), m.start(), 0)
        for m in _RECURRING_DAY.finditer(text)
    ]
    covered = {d.start + len(d.text) for d in found}
    for m in _RECURRING.finditer(text):
        if m.end() not in covered:
            found.append(Deadline(DeadlineKind.RECURRING_MONTHLY, None, None, m.group(0), m.start(), 3))
    return found


def _months(text: str, reference: date | None) -> list[Deadline]:
    found = []
    for m in _MONTH.finditer(text):
        if m.group(4):  # "tại cuộc họp … tháng M/Y"
            month, year = int(m.group(4)), int(m.group(5))
            when = _month_end(year, month) if 1 <= month <= 12 else None
        else:
            month = int(m.group(2))
            year_or_none = _year_for(month, m.group(3), reference)
            if not 1 <= month <= 12 or year_or_none is None:
                continue
            year = year_or_none
            mode = m.group(1).lower()
            if mode == "đầu":
                when = date(year, month, 10)
            elif mode == "giữa":
                when = date(year, month, 20)
            elif mode == "trước":
                when = _month_end(year - 1, 12) if month == 1 else _month_end(year, month - 1)
            else:
                when = _month_end(year, month)
        if when:
            found.append(Deadline(DeadlineKind.MONTH, when, None, m.group(0), m.start(), 1))
    return found


def _quarters(text: str, reference: date | None) -> list[Deadline]:
    found = []
    for m in _QUARTER.finditer(text):
        quarter = ROMAN[m.group(2).upper()]
        last_month = quarter * 3
        year = _year_for(last_month, m.group(3), reference)
        if year is None:
            continue
        offset = {"đầu": 2, "giữa": 1}.get((m.group(1) or "").lower(), 0)
        found.append(Deadline(DeadlineKind.QUARTER, _month_end(year, last_month - offset), None, m.group(0), m.start(), 1))
    return found


def _year_ends(text: str) -> list[Deadline]:
    found = []
    for m in _YEAR_END.finditer(text):
        if not m.group(2) and _NAMING.search(text[: m.start()]) or re.search(r"\bxã\s*$", text[: m.start()]):
            continue
        if re.match(r"\s+và\s", text[m.end() :]):
            continue  # "trong năm 2023 và giai đoạn 2021-2025" names a period
        year = int(m.group(1) or m.group(2))
        found.append(Deadline(DeadlineKind.YEAR_END, date(year, 12, 31), None, m.group(0), m.start(), 2))
    taken = {d.start + len(d.text) for d in found}
    for m in _FINISH_IN_YEAR.finditer(text):
        group = 1 if m.group(1) else 3  # the year's words, then its digits
        words, start = m.group(group), m.start(group)
        before = text[: m.start()]
        if start + len(words) in taken or (group == 1 and (_NAMING.search(before) or _GROUP.search(before))):
            continue  # already read, or "xã đạt chuẩn năm 2017" names a group of communes
        found.append(Deadline(DeadlineKind.YEAR_END, date(int(m.group(group + 1)), 12, 31), None, words, start, 2))
    return found


@lru_cache(maxsize=4096)
def find_deadlines(text: str, reference: date | None = None) -> tuple[Deadline, ...]:
    """Every deadline phrase in `text`, in reading order (cached: clauses are looked at twice)."""
    # Cheap gates first: most clauses hold none of the key words.
    lowered = text.lower()
    found = _dates(text, reference) if _HAS_DIGIT.search(text) and _DATE_CUE.search(lowered) else []
    if "tháng" in lowered:
        found += _recurring(text) + _months(text, reference)
    if "quý" in lowered:
        found += _quarters(text, reference)
    if "năm" in lowered:
        # A year already over when the text was issued is a result ("năm 2018 đã hoàn thành …"), not a deadline.
        found += [d for d in _year_ends(text) if reference is None or d.date is None or d.date.year >= reference.year]
    return tuple(sorted(found, key=lambda d: d.start))


def parse_deadline(text: str, reference: date | None = None) -> Deadline:
    """The one deadline of a clause: the most specific phrase, the first among equals."""
    found = find_deadlines(text, reference)
    if found:
        return min(found, key=lambda d: (d.rank, d.start))
    m = _NO_DATE.search(text)
    return Deadline(DeadlineKind.NONE, None, None, m.group(0), m.start(), 9) if m else NONE
