"""{% day_input "ngay" page.day id="id_ngay" class="form-control form-control-sm" aria_label="…" required=True %}:
the shared dd/mm/yyyy date input (ntm.dates.DayInput) for templates that write their inputs by hand;
{% month_select "period" period this_month id="id_period" %}: the month picker ("Tháng 12/2026"), newest first."""

from django import template

from ntm import dates

register = template.Library()


@register.simple_tag
def day_input(name, value=None, id_suffix="", **attrs):
    """`id=item.pk id_suffix="-due"` gives id="12-due": a record's id joined to a word, without a filter chain."""
    attrs.setdefault("class", "form-control form-control-sm")
    if id_suffix:
        attrs["id"] = f"{attrs.get('id', '')}{id_suffix}"
    return dates.day_input(name, value or None, **attrs)


@register.simple_tag
def month_select(name, chosen, latest, **attrs):
    attrs.setdefault("class", "form-select form-select-sm")
    return dates.month_select(name, chosen, latest, **attrs)
