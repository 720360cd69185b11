"""Numbers and money the way Vietnamese official documents write them: 3.260,6 and "3.260,6 tỷ đồng"."""

import re
from decimal import ROUND_HALF_UP, Decimal

BILLION = Decimal(1_000_000_000)
MILLION = Decimal(1_000_000)
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)


def format_number(value: Decimal | int | float | None, decimals: int = 0, *, strip_zeros: bool = False) -> str:
    """3260.55 → "3.260,6" (decimals=1). None → "" so that empty cells stay empty."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    if strip_zeros:
        fraction = fraction.rstrip("0")
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value: Decimal | float | None, decimals: int = 1) -> str:
    """61.25 → "61,3 %"."""
    return "" if value is None else f"{format_number(value, decimals)} %"


def format_vnd(amount: Decimal | int | None) -> str:
    """An amount in đồng, written in the unit officials use for its size: tỷ, triệu, or đồng."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    if abs(amount) >= BILLION:
        return f"{format_number(amount / BILLION, 1, strip_zeros=True)} tỷ đồng"
    if abs(amount) >= MILLION:
        return f"{format_number(amount / MILLION, 1, strip_zeros=True)} triệu đồng"
    return f"{format_number(amount)} đồng"


def format_change(
    value: Decimal | int | float | None, unit: str = "", decimals: int = 0, *, money: bool = False
) -> str:
    """A signed change in words with its absolute value: -1.4e9 đồng → "giảm 1,4 tỷ đồng", 2 xã → "tăng 2 xã".

    A change that rounds to nothing at the precision shown reads "không đổi" (never "tăng 0" or "giảm -0"),
    and None → "" as the other formatters. ``money`` writes the amount in tỷ/triệu/đồng as ``format_vnd``.
    """
    if value is None:
        return ""
    amount = Decimal(str(value))
    shown = format_vnd(abs(amount)) if money else format_number(abs(amount), decimals)
    if not any(ch in "123456789" for ch in shown):
        return "không đổi"
    word = "tăng" if amount > 0 else "giảm"
    return f"{word} {shown} {unit}".rstrip() if unit and not money else f"{word} {shown}"


def format_typed(value: object) -> str:
    """A figure as a person types it back into a form or reads it in a message: the decimal comma, every decimal
    kept, no grouping — 85.5 or "85.5" (values are stored as text) → "85,5". Anything not a plain number (a
    category, a word) is written as it is."""
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",") if _PLAIN_NUMBER.fullmatch(text) else text
