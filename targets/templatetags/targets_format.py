"""{{ value|measured:measure }} — a figure in the decimals its measure is read in: 13 xã, 15,46 tiêu chí/xã, 61,3 %."""

from django import template

from ntm.formatting import format_number

register = template.Library()


@register.filter
def measured(value, measure):
    if value is None:
        return "—"
    return format_number(value, measure.decimals if measure else 2, strip_zeros=True)
