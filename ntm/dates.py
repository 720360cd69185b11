"""Dates typed by people: one text input showing dd/mm/yyyy whatever the browser's language, one way to read it.

A browser's own `type="date"` input shows the date in the browser's language (mm/dd/yyyy on an English
system), so a commune officer cannot tell 03/12 from 12/03: every date input of the app is `DayInput`, a text
input that always writes 20/11/2017, and every date typed or passed in a URL is read by `parse_day`, which takes
20/11/2017, 20-11-2017, 20.11.2017, 20112017 (a phone's number pad has no slash) and ISO 2017-11-20.

    due = DayField(label="Hạn")                           # a form field
    {% load dates %}{% day_input "ngay" page.day id="id_ngay" %}   # a hand-written input in a template
"""

import datetime
import re

from django import forms

PLACEHOLDER = "dd/mm/yyyy"
DISPLAY_FORMAT = "%d/%m/%Y"
# ASCII digits only (strptime's \d also takes other scripts' digits); day and month of one or two digits.
_DMY = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")
_PACKED = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# What the input lets through before sending (the browser's own check); the server says what is wrong.
PATTERN = r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}|[0-9]{8}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
HINT = "Ngày/tháng/năm, ví dụ 20/11/2017"
INVALID = "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 20/11/2017."


def parse_day(text: str) -> datetime.date | None:
    """The day written in `text` (see the module's docstring), or None when it is not one (31/02/2026, 00/00/0000)."""
    text = (text or "").strip()
    if (found := _DMY.fullmatch(text) or _PACKED.fullmatch(text)) is not None:
        day, month, year = (int(part) for part in found.groups())
    elif (found := _ISO.fullmatch(text)) is not None:
        year, month, day = (int(part) for part in found.groups())
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 31/02, month 13, day or year 0
        return None


class DayInput(forms.DateInput):
    """A text input showing dd/mm/yyyy, with the number pad on phones and the format said to screen readers."""

    input_type = "text"

    def __init__(self, attrs: dict[str, str] | None = None):
        base = {"placeholder": PLACEHOLDER, "inputmode": "numeric", "pattern": PATTERN, "maxlength": "10",
                "autocomplete": "off", "title": HINT, "data-day-input": ""}
        super().__init__(attrs={**base, **(attrs or {})}, format=DISPLAY_FORMAT)


class DayField(forms.DateField):
    """A date typed as dd/mm/yyyy (or any form `parse_day` reads), optionally within [low, high]."""

    widget = DayInput
    default_error_messages = {"invalid": INVALID}

    def __init__(self, *, low: datetime.date | None = None, high: datetime.date | None = None, **kwargs):
        super().__init__(**kwargs)
        self.low, self.high = low, high

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day = parse_day(str(value))
        if day is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if self.low and day < self.low:
            raise forms.ValidationError(f"Ngày phải từ {self.low:%d/%m/%Y} trở đi.", code="out_of_range")
        if self.high and day > self.high:
            raise forms.ValidationError(f"Ngày phải đến {self.high:%d/%m/%Y} là muộn nhất.", code="out_of_range")
        return day


def day_input(name: str, value: datetime.date | str | None = None, **attrs: str | bool | None) -> str:
    """The HTML of a `DayInput` named `name` showing `value`, for templates that write their inputs by hand;
    `aria_label="…"` becomes `aria-label`, `required=True` a bare `required`."""
    given = {key.replace("_", "-"): attr for key, attr in attrs.items() if attr is not None and attr is not False}
    return DayInput().render(name, value, attrs=given)


MONTHS_SHOWN = 36  # a report month is picked from the last three years; an older one asked by URL stays in the list


def month_choices(latest: datetime.date, chosen: datetime.date, count: int = MONTHS_SHOWN) -> list[tuple[str, str]]:
    """(value "YYYY-MM", label "Tháng MM/YYYY"), newest first, from `latest`'s month back `count` months; `chosen`
    is always among them. A browser's `type="month"` shows the month in its own language ("December 2026")."""
    months, month = [], latest.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    if chosen.replace(day=1) not in months:
        months.append(chosen.replace(day=1))
    return [(f"{m:%Y-%m}", f"Tháng {m:%m/%Y}") for m in months]


def month_select(name: str, chosen: datetime.date, latest: datetime.date, **attrs: str) -> str:
    """The HTML of a month picker named `name` (see month_choices), for templates that write their inputs by hand."""
    picked = f"{chosen:%Y-%m}"
    return forms.Select(choices=month_choices(latest, chosen)).render(
        name, picked, attrs={key.replace("_", "-"): value for key, value in attrs.items()})
