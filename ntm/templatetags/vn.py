"""Template filters for Vietnamese numbers: {{ value|vn_number:1 }}, {{ amount|vnd }}, {{ rate|vn_percent }},
{{ delta|vn_change:"xã" }}."""

from django import template

from ntm import formatting

register = template.Library()


def _given(value):
    """A variable missing from the context reaches a filter as "": it is written as nothing, as None is."""
    return None if value == "" else value


@register.filter
def vn_number(value, decimals=0):
    return formatting.format_number(_given(value), int(decimals))


@register.filter
def vnd(value):
    return formatting.format_vnd(_given(value))


@register.filter
def vn_percent(value, decimals=1):
    return formatting.format_percent(_given(value), int(decimals))


@register.filter
def vn_change(value, spec=""):
    """{{ delta|vn_change:"xã" }} → "tăng 2 xã"; "vnd" → "giảm 1,4 tỷ đồng"; "%:1" → "tăng 1,5 %" (unit:decimals)."""
    if spec == "vnd":
        return formatting.format_change(_given(value), money=True)
    unit, _, decimals = str(spec).partition(":")
    return formatting.format_change(_given(value), unit, int(decimals or 0))


_WIDGET_CLASSES = {"checkbox": "form-check-input", "select": "form-select", "selectmultiple": "form-select"}


@register.filter
def styled(bound_field):
    """Renders a form field with the Bootstrap class of its widget, and marks it invalid when it has errors."""
    css = _WIDGET_CLASSES.get(bound_field.widget_type, "form-control")
    if bound_field.errors:
        css += " is-invalid"
    return bound_field.as_widget(attrs={"class": css})
