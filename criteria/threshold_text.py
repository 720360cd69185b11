"""Threshold cells as an annex writes them, read and written: "≥ 90%", ">=90", "≤ 3", "100%", "Đạt", "Có", "-".

Pure: text in, parts out; a threshold in, text out. What the parts of one indicator's cells must agree on (one
operator, one kind of value) is `criteria.set_workbook`'s business, since it sees the whole row.

The grammar of one cell:

    cell    = part { newline part } | part { ";" part-with-year }
    part    = [ year ":" ] [ sign ] value [ "trở lên" | "trở xuống" ] [ "(" note ")" ]
    sign    = ≥ >= => ≤ <= =< > < = | tối thiểu | ít nhất | tối đa | không quá | trên | dưới
    value   = number [ "%" ]          # 90 · 90,5 · 3.260,6 · 90.5 · 100%
            | Đạt | Có | Không | Không đạt
            | - | – | — | ? | chưa có | (empty)      # a gap: no threshold yet
    note    = "tạm" [ ":" hint ]  | "chưa kiểm chứng" | hint      # "tạm": provisional, not verified

A year part ("2024: ≥ 52") applies in that year only; a part without a year applies in every other year.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from criteria.definitions import Indicator, Operator, Threshold, ValueType
from criteria.rules import stored_number
from ntm import numbers
from ntm.formatting import format_number
from ntm.refusals import Refused
from ntm.text import fold

MAX_CELL_CHARS = 1_000


class Kind(StrEnum):
    NUMBER = "number"
    BOOL = "bool"
    GAP = "gap"


@dataclass(frozen=True)
class CellPart:
    """One threshold written in a cell."""

    kind: Kind
    value: Decimal | bool | None = None
    operator: Operator | None = None  # None: no sign written
    percent: bool = False  # "%" written (or an Excel percent cell)
    verified: bool = True
    hint: str = ""
    year: int | None = None
    text: str = ""  # as written, for messages


class BadThreshold(Refused):
    """A cell that cannot be read; `message` says why in Vietnamese, the caller adds row and column."""


SIGNS = (("≥", Operator.GE), (">=", Operator.GE), ("=>", Operator.GE), ("≤", Operator.LE), ("<=", Operator.LE),
         ("=<", Operator.LE), (">", Operator.GT), ("<", Operator.LT), ("=", Operator.EQ))  # fmt: skip
# Words, folded (no diacritics, lower case): "tối thiểu 90%", "không quá 3".
WORDS = (("toi thieu", Operator.GE), ("it nhat", Operator.GE), ("toi da", Operator.LE), ("khong vuot qua", Operator.LE),
         ("khong qua", Operator.LE), ("tren", Operator.GT), ("duoi", Operator.LT))  # fmt: skip
SUFFIXES = (("tro len", Operator.GE), ("tro xuong", Operator.LE))
SIGN_OF = {Operator.GE: "≥", Operator.LE: "≤", Operator.GT: ">", Operator.LT: "<", Operator.EQ: "="}
GAPS = {"", "-", "–", "—", "?", "chua co", "chua co nguong"}
TRUE_WORDS = {"dat", "co", "dat chuan"}
FALSE_WORDS = {"khong", "khong dat"}
UNVERIFIED = ("tam", "chua kiem chung")

_NUMBER = re.compile(
    r"(?P<minus>[-−])?\s*(?:(?P<grouped>\d{1,3}(?:\.\d{3})+)|(?P<dotted>\d+\.\d+)|(?P<plain>\d+))"
    r"(?:,(?P<fraction>\d+))?\s*(?P<percent>%)?"
)
_YEAR = re.compile(r"(?:năm\s+)?(?P<year>\d{4})\s*:\s*(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
_YEAR_SPLIT = re.compile(r";\s*(?=(?:năm\s+)?\d{4}\s*:)", re.IGNORECASE)
HELP = "Viết như phụ lục: ≥ 90%, ≤ 3, 100%, Đạt, Có, Không, hoặc - khi chưa có ngưỡng."


def parse_cell(raw: object, *, percent_format: bool = False) -> tuple[CellPart, ...]:
    """The thresholds written in one cell: text as typed, or an Excel number (a percent cell holds 0.9 for 90%)."""
    if isinstance(raw, bool):
        return (CellPart(Kind.BOOL, raw, text="Đạt" if raw else "Không"),)
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw)) * (100 if percent_format else 1)
        return (_checked_number(CellPart(Kind.NUMBER, number.normalize(), percent=percent_format, text=str(raw))),)
    text = "" if raw is None else str(raw).strip()
    if len(text) > MAX_CELL_CHARS:
        raise BadThreshold(f"Ô ngưỡng dài quá {MAX_CELL_CHARS} ký tự.")
    parts = [part for line in text.splitlines() for part in _YEAR_SPLIT.split(line) if part.strip()] or [""]
    parsed = [parse_part(part) for part in parts]
    years = [p.year for p in parsed]
    if years.count(None) > 1:
        raise BadThreshold(f"Ô ngưỡng '{_short(text)}' có hai ngưỡng chung; ngưỡng riêng từng năm viết '2024: ≥ 52'.")
    repeated = sorted({y for y in years if y is not None and years.count(y) > 1})
    if repeated:
        raise BadThreshold(f"Năm {repeated[0]} được ghi hai lần trong ô ngưỡng.")
    return tuple(parsed)


def parse_part(text: str) -> CellPart:
    """One threshold: "≥ 90%", "2024: ≤ 3 (tạm)", "Đạt", "- (chưa có)"."""
    written = text.strip()
    year = None
    match = _YEAR.fullmatch(written)
    if match:
        year = int(match["year"])
        if not 2000 <= year <= 2100:
            raise BadThreshold(f"Năm {year} trong ô ngưỡng không hợp lệ.")
        text = match["rest"]
    core, note = _split_note(text.strip())
    verified, hint = _read_note(note)
    operator, rest = _operator(fold(core))
    if rest in GAPS:
        return CellPart(Kind.GAP, None, operator, verified=False, hint=hint, year=year, text=written)
    if rest in TRUE_WORDS or rest in FALSE_WORDS:
        if operator is not None and operator != Operator.EQ:
            raise BadThreshold(f"Ngưỡng '{written}': Đạt/Không không đi với dấu '{SIGN_OF[operator]}'.")
        return CellPart(Kind.BOOL, rest in TRUE_WORDS, operator, verified=verified, hint=hint, year=year, text=written)
    found = _NUMBER.fullmatch(rest)
    if found is None:
        raise BadThreshold(f"Ngưỡng '{_short(written)}' không đọc được. {HELP}")
    return _checked_number(CellPart(Kind.NUMBER, _number(found), operator, percent=bool(found["percent"]),
                                    verified=verified, hint=hint, year=year, text=written))


def _split_note(text: str) -> tuple[str, str]:
    """ "≥ 70 (tạm: ~70–90 % (nhớ lại))" → ("≥ 70", "tạm: ~70–90 % (nhớ lại)"): the balanced parenthesis at the end."""
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return text[:index].strip(), text[index + 1 : -1].strip()
    raise BadThreshold(f"Ngưỡng '{_short(text)}' thiếu dấu mở ngoặc.")


def _read_note(note: str) -> tuple[bool, str]:
    """(verified, hint): "tạm" or "chưa kiểm chứng" marks a provisional threshold; any other note is a hint."""
    folded = fold(note)
    for word in UNVERIFIED:
        if folded == word or folded.startswith(f"{word}:"):
            return False, note.partition(":")[2].strip()
    return True, note


def _operator(folded: str) -> tuple[Operator | None, str]:
    operator = None
    for sign, meaning in SIGNS:
        if folded.startswith(sign):
            operator, folded = meaning, folded[len(sign) :].strip()
            break
    else:
        for word, meaning in WORDS:
            if folded.startswith(f"{word} "):
                operator, folded = meaning, folded[len(word) :].strip()
                break
    for word, meaning in SUFFIXES:
        if folded.endswith(f" {word}"):
            if operator not in (None, meaning):
                raise BadThreshold(f"Ngưỡng '{folded}' có hai dấu so sánh trái nhau.")
            operator, folded = meaning, folded[: -len(word)].strip().removeprefix("tu ").strip()
    return operator, folded


def _number(found: re.Match[str]) -> Decimal:
    whole = (found["grouped"] or "").replace(".", "") or found["dotted"] or found["plain"]
    value = Decimal(whole) + (Decimal(f"0.{found['fraction']}") if found["fraction"] else 0)
    return (-value if found["minus"] else value).normalize()


def _checked_number(part: CellPart) -> CellPart:
    assert isinstance(part.value, Decimal)
    if numbers.safe_decimal(part.value) is None:  # NaN, infinity or more digits than any threshold has
        raise BadThreshold(f"Ngưỡng '{_short(part.text)}' không phải là một số hợp lệ.")
    if part.value < 0:
        raise BadThreshold(f"Ngưỡng '{part.text}' không được âm.")
    if part.percent and part.value > 100:
        raise BadThreshold(f"Tỷ lệ '{part.text}' phải từ 0 đến 100%.")
    return part


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:57]}…"


# --- writing ------------------------------------------------------------------------------------------------


def default_operator(value_type: ValueType) -> Operator:
    """The operator a cell without a sign means: "Đạt" is =, a number is ≥."""
    return Operator.EQ if value_type == ValueType.BOOL else Operator.GE


def threshold_text(indicator: Indicator, threshold: Threshold | None) -> str:
    """One threshold as `parse_part` reads it back: "≥ 90%", "Đạt", "≤ - (chưa có)", "≥ 70 (tạm)"."""
    if threshold is None or threshold.value is None:
        sign = "" if indicator.operator == default_operator(indicator.value_type) else f"{SIGN_OF[indicator.operator]} "
        return f"{sign}-" + (f" ({threshold.hint})" if threshold is not None and threshold.hint else "")
    if indicator.value_type == ValueType.BOOL:
        text = "Đạt" if threshold.value else "Không"
    else:
        number = stored_number(threshold.value)
        if number is None:  # a threshold stored before thresholds were bounded: written as a gap, to be typed again
            return f"{SIGN_OF[indicator.operator]} - (ngưỡng không hợp lệ — cần nhập lại)"
        shown = format_number(number, max(0, -number.normalize().as_tuple().exponent))  # type: ignore[operator]
        percent = "%" if indicator.value_type == ValueType.PERCENT else ""
        text = f"{SIGN_OF[indicator.operator]} {shown}{percent}"
    if not threshold.verified:
        return f"{text} (tạm: {threshold.hint})" if threshold.hint else f"{text} (tạm)"
    return f"{text} ({threshold.hint})" if threshold.hint else text


def cell_text(indicator: Indicator, parts: list[tuple[int | None, Threshold | None]]) -> str:
    """A cell of one or more parts: the general threshold first, then "2024: ≥ 52", one a line."""
    return "\n".join(
        threshold_text(indicator, threshold) if year is None else f"{year}: {threshold_text(indicator, threshold)}"
        for year, threshold in parts
    )
