"""The shared date input: what it reads, how it shows a date, and that no form of the app uses the browser's own."""

import datetime
import re
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory

from ntm.dates import PLACEHOLDER, DayField, DayInput, month_choices, parse_day
from ntm.params import date_param

D = datetime.date
ROOT = Path(__file__).resolve().parents[2]

CASES = [  # (typed, read)
    ("20/11/2017", D(2017, 11, 20)),
    ("3/2/2026", D(2026, 2, 3)),
    (" 03/12/2026 ", D(2026, 12, 3)),
    ("03-12-2026", D(2026, 12, 3)),
    ("03.12.2026", D(2026, 12, 3)),
    ("03122026", D(2026, 12, 3)),  # a phone's number pad has no slash
    ("2026-12-03", D(2026, 12, 3)),  # ISO, as links and older bookmarks write it
    ("29/02/2024", D(2024, 2, 29)),
    ("29/02/2026", None),
    ("31/02/2026", None),
    ("00/00/0000", None),
    ("01/01/0000", None),
    ("32/01/2026", None),
    ("12/13/2026", None),
    ("2026-13-40", None),
    ("12/03/26", None),  # a two-digit year is ambiguous
    ("1232026", None),  # seven digits: 1/23 or 12/3?
    ("²0/11/2017", None),
    ("٢٠/١١/٢٠١٧", None),  # digits of another script
    ("20/11/2017 10:00", None),
    ("hôm nay", None),
    ("", None),
    ("x" * 3000, None),
]


@pytest.mark.parametrize(("typed", "read"), CASES)
def test_parse_day(typed, read):
    assert parse_day(typed) == read


class DueForm(forms.Form):
    due = DayField(label="Hạn", required=False, low=D(2000, 1, 1), high=D(2100, 12, 31))


@pytest.mark.parametrize(("typed", "read", "error"), [
    ("20/11/2017", D(2017, 11, 20), None),
    ("2017-11-20", D(2017, 11, 20), None),
    ("", None, None),
    ("31/02/2026", None, "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 20/11/2017."),
    ("00/00/0000", None, "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 20/11/2017."),
    ("31/12/1999", None, "Ngày phải từ 01/01/2000 trở đi."),
    ("01/01/2101", None, "Ngày phải đến 31/12/2100 là muộn nhất."),
])
def test_the_field_reads_a_typed_day_or_says_what_is_wrong(typed, read, error):
    form = DueForm({"due": typed})
    assert form.is_valid() is (error is None)
    assert (form.cleaned_data.get("due"), form.errors.get("due", [None])[0]) == (read, error)


def test_the_input_shows_dd_mm_yyyy_whatever_the_browser_language():
    html = DueForm(initial={"due": D(2026, 12, 3)}).as_p()
    assert 'type="text"' in html and 'value="03/12/2026"' in html
    assert f'placeholder="{PLACEHOLDER}"' in html and 'inputmode="numeric"' in html and "pattern=" in html
    assert 'type="date"' not in html


def test_a_refused_value_is_shown_back_as_typed():
    assert 'value="31/02/2026"' in DueForm({"due": "31/02/2026"}).as_p()


@pytest.mark.parametrize("typed", [text for text, read in CASES if read])
def test_the_inputs_pattern_lets_every_readable_form_through(typed):
    pattern = re.compile(DayInput().attrs["pattern"])
    assert pattern.fullmatch(typed.strip())


def test_the_template_tag_writes_the_same_input():
    html = Template('{% load dates %}{% day_input "ngay" day id="id_ngay" aria_label="Ngày" required=True %}').render(
        Context({"day": D(2026, 12, 3)}))
    assert 'name="ngay"' in html and 'value="03/12/2026"' in html and 'id="id_ngay"' in html
    assert 'aria-label="Ngày"' in html and "required" in html and 'class="form-control form-control-sm"' in html


@pytest.mark.parametrize(("given", "read"), [
    ("03/12/2026", D(2026, 12, 3)), ("2026-12-03", D(2026, 12, 3)), ("31/02/2026", D(2026, 1, 1)),
    ("03/12/2031", D(2026, 1, 1)),
])
def test_a_date_in_the_url_is_read_as_the_input_writes_it(given, read):
    request = RequestFactory().get("/", {"ngay": given})
    assert date_param(request, "ngay", low=D(2020, 1, 1), high=D(2030, 12, 31), default=D(2026, 1, 1)) == read


def test_no_template_or_form_uses_the_browsers_own_date_input():
    """The browser's date and month inputs show the browser's language (mm/dd/yyyy, "December 2026" in English):
    every date is a DayInput, every month a month_select."""
    found = []
    for path in ROOT.glob("*/**/*"):
        if {".venv", "node_modules", "staticfiles", "tests"} & set(path.relative_to(ROOT).parts) or path.name == "dates.py":
            continue
        if path.suffix in (".html", ".py") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if re.search(r"""type=["']?(?:date|month)\b|"type": "(?:date|month)"|forms\.DateInput\(|forms\.DateField\(""",
                         text):
                found.append(str(path.relative_to(ROOT)))
    assert found == []


@pytest.mark.parametrize(("latest", "chosen", "first", "last", "count"), [
    (D(2026, 12, 3), D(2026, 12, 1), ("2026-12", "Tháng 12/2026"), ("2024-01", "Tháng 01/2024"), 36),
    (D(2026, 3, 31), D(2025, 1, 1), ("2026-03", "Tháng 03/2026"), ("2023-04", "Tháng 04/2023"), 36),
    (D(2026, 12, 3), D(2019, 5, 1), ("2026-12", "Tháng 12/2026"), ("2019-05", "Tháng 05/2019"), 37),  # kept
])
def test_months_are_offered_newest_first_in_vietnamese_with_the_chosen_one(latest, chosen, first, last, count):
    months = month_choices(latest, chosen)
    assert (months[0], months[-1], len(months)) == (first, last, count)
    assert len(set(months)) == len(months)


def test_the_month_picker_selects_the_chosen_month():
    html = Template('{% load dates %}{% month_select "period" chosen latest id="id_period" %}').render(
        Context({"chosen": D(2026, 11, 1), "latest": D(2026, 12, 1)}))
    assert 'name="period"' in html and 'id="id_period"' in html and 'class="form-select form-select-sm"' in html
    assert '<option value="2026-11" selected>Tháng 11/2026</option>' in html
