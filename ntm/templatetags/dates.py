"""{% day_input "ngay" page.day id="id_ngay" class="form-control form-control-sm" aria_label="…" required=True %}:
the shared dd/mm/yyyy date input (ntm.dates.DayInput) for templates that write their inputs by hand."""

from django import template

from ntm import dates

register = template.Library()


@register.simple_tag
def day_input(name, value=None, **attrs):
    attrs.setdefault("class", "form-control form-control-sm")
    return dates.day_input(name, value or None, **attrs)
