"""Template filters for Vietnamese numbers: {{ value|vn_number:1 }}, {{ amount|vnd }}, {{ rate|vn_percent }}."""

from django import template

from ntm import formatting

register = template.Library()


@register.filter
def vn_number(value, decimals=0):
    return formatting.format_number(value, int(decimals))


@register.filter
def vnd(value):
    return formatting.format_vnd(value)


@register.filter
def vn_percent(value, decimals=1):
    return formatting.format_percent(value, int(decimals))


_WIDGET_CLASSES = {"checkbox": "form-check-input", "select": "form-select", "selectmultiple": "form-select"}


@register.filter
def styled(bound_field):
    """Renders a form field with the Bootstrap class of its widget, and marks it invalid when it has errors."""
    css = _WIDGET_CLASSES.get(bound_field.widget_type, "form-control")
    if bound_field.errors:
        css += " is-invalid"
    return bound_field.as_widget(attrs={"class": css})
