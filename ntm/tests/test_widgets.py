"""FastSelect writes what Django's Select writes (options, the chosen one, attributes), without a template per option."""

from html.parser import HTMLParser
from unittest import mock

import pytest
from django import forms

from ntm.widgets import FastSelect

CHOICES = [("", "— chọn —"), ("1", "Xã Kỳ Tân"), ("2", 'Sở "NN" & <PTNT>'), (3, "Tỉnh Hà Tĩnh"),
           ("Nhóm", [("4", "Thôn Tân Thắng"), ("5", "Thôn Tân Hòa")])]


class Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.select, self.options, self.groups, self._open = {}, [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self.select = dict(attrs)
        elif tag == "optgroup":
            self.groups.append(dict(attrs)["label"])
        elif tag == "option":
            self._open = dict(attrs)

    def handle_data(self, data):
        if self._open is not None:
            self.options.append((self._open["value"], "selected" in self._open, data))
            self._open = None


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    return reader


@pytest.mark.parametrize("value", ["", "2", 3, "4", None, "99"])
def test_the_same_select_as_djangos(value):
    attrs = {"id": "id_unit", "class": "form-select is-invalid", "required": True, "aria-invalid": "true"}
    ours, django = (read(widget(choices=CHOICES).render("unit", value, attrs)) for widget in (FastSelect, forms.Select))
    assert ours.select == django.select == {"name": "unit", "id": "id_unit", "class": "form-select is-invalid",
                                            "required": None, "aria-invalid": "true"}
    assert ours.options == django.options
    assert ours.groups == django.groups == ["Nhóm"]


def test_labels_and_values_are_escaped():
    html = FastSelect(choices=[('"><script>', "<b>&</b>")]).render("x", None)
    assert "<script>" not in html and "<b>" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html


def test_a_multiple_select_marks_every_chosen_value():
    class Multiple(FastSelect):
        allow_multiple_selected = True

    reader = read(Multiple(choices=CHOICES).render("units", ["1", "3"]))
    assert "multiple" in reader.select
    assert [value for value, selected, _ in reader.options if selected] == ["1", "3"]


def test_no_template_is_rendered_per_option():
    with mock.patch("django.forms.widgets.Widget._render", side_effect=AssertionError("a template")):
        assert FastSelect(choices=CHOICES * 500).render("unit", "1").count("<option") == 3000
