"""Numbers typed or uploaded by people, read one way: finite, written the Vietnamese way ("3.260,6", "85,5") or
plainly ("3260.6", "85"), bounded. Every form, Excel import and rule that reads a number reads it here, so that
"1E300", "Infinity", "NaN", a 30-digit figure or a superscript "²" is refused with a Vietnamese message instead of
breaking a page later."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms

from ntm.formatting import format_number
from ntm.refusals import Refused

MAX_DIGITS = 18  # before the decimal point: a billion billion; no figure of the program comes near it
MAX_DECIMALS = 6

# ASCII digits only (re.ASCII): str.isdigit() also accepts "²" and "٣", which int() and Decimal() refuse or misread.
_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?", re.ASCII)  # 3260.6 — one point: the decimal point
_DOTTED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+", re.ASCII)  # 3.260.000 — several points: thousands
_VIETNAMESE = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})*,\d+|[+-]?\d+,\d+", re.ASCII)  # 3.260,6 or 85,5


class NumberError(Refused):
    """Not a number ntm accepts; the message is for the user."""


@dataclass(frozen=True)
class Bounds:
    """What a kind of figure may be: a percent 0–100, an amount in đồng, a count of communes."""

    low: Decimal | None = None
    high: Decimal | None = None
    integer: bool = False
    what: str = "số"  # how a message names it: "tỷ lệ", "số tiền"

    def refusal(self, value: Decimal, raw: object) -> str:
        if self.integer and value != value.to_integral_value():
            return f"'{raw}': {self.what} phải là số nguyên."
        if self.low is not None and value < self.low:
            return f"'{raw}': {self.what} không được nhỏ hơn {format_number(self.low, strip_zeros=True)}."
        if self.high is not None and value > self.high:
            return f"'{raw}': {self.what} không được lớn hơn {format_number(self.high, strip_zeros=True)}."
        return ""


ANY = Bounds()
PERCENT = Bounds(Decimal(0), Decimal(100), what="tỷ lệ")
DONG = Bounds(Decimal(0), Decimal(10) ** 15, integer=True, what="số tiền (đồng)")  # a million billion: no NTM project
COUNT = Bounds(Decimal(0), Decimal(10) ** 9, integer=True, what="số lượng")


def parse_number(raw: object, bounds: Bounds = ANY) -> Decimal:
    """The number `raw` stands for, or NumberError. Accepts int, Decimal, a finite float, or text with an optional
    trailing "%" and spaces as thousands separators."""
    value = _decimal(raw)
    if not value.is_finite():
        raise NumberError(f"'{raw}' không phải là số.")
    whole, decimals = _size(value)
    if whole > MAX_DIGITS or decimals > MAX_DECIMALS:
        raise NumberError(f"'{raw}' có quá nhiều chữ số (tối đa {MAX_DIGITS} chữ số phần nguyên, "
                          f"{MAX_DECIMALS} chữ số thập phân).")
    refused = bounds.refusal(value, raw)
    if refused:
        raise NumberError(refused)
    return value


def _decimal(raw: object) -> Decimal:
    if isinstance(raw, bool) or raw is None:
        raise NumberError(f"'{raw if raw is not None else ''}' không phải là số.")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, float):
        return Decimal(repr(raw)) if raw == raw and abs(raw) != float("inf") else Decimal("NaN")
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if len(text) > 64:
        raise NumberError(f"'{str(raw)[:20]}…' không phải là số.")
    if _VIETNAMESE.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _DOTTED.fullmatch(text):
        return Decimal(text.replace(".", ""))
    if _PLAIN.fullmatch(text):
        return Decimal(text)
    raise NumberError(f"'{raw}' không phải là số.")


def _size(value: Decimal) -> tuple[int, int]:
    """Digits before and after the decimal point."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked by the caller
    decimals = max(0, -exponent)
    return max(0, len(digits) + exponent), decimals


def safe_decimal(raw: object) -> Decimal | None:
    """The number, or None: for reading back values stored before the bounds existed."""
    try:
        return parse_number(raw)
    except NumberError:
        return None


class NumberField(forms.CharField):
    """A number typed the Vietnamese way ("1.250.000.000", "3,5") or plainly, within `bounds`, with at most
    `decimals` decimals; anything else (1E300, NaN, "²", 30 digits) is a message on the field."""

    def __init__(self, *, bounds: Bounds, decimals: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.bounds, self.decimals = bounds, decimals
        self.widget.attrs.update(inputmode="decimal" if decimals else "numeric", maxlength="40")

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            number = parse_number(text, self.bounds)
        except NumberError as error:
            raise forms.ValidationError(error.message) from None
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimals:
            raise forms.ValidationError(
                f"'{text}': {self.bounds.what} có tối đa {self.decimals} chữ số thập phân." if self.decimals
                else f"'{text}': {self.bounds.what} phải là số nguyên.")
        return number

    def prepare_value(self, value):
        """A stored figure shown for editing the way it is typed: Decimal("17.50") → "17,5", 1250000 → "1.250.000"."""
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_number(value, self.decimals, strip_zeros=True)
        return value
