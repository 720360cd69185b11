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
