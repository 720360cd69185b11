"""{{ value|measured:measure }} — a figure in the decimals its measure is read in: 13 xã, 15,46 tiêu chí/xã, 61,3 %."""

from django import template

from ntm.formatting import format_number
from targets import vocabulary

register = template.Library()


@register.filter
def measured(value, measure):
    if value is None:
        return "—"
    return format_number(value, measure.decimals if measure else 2, strip_zeros=True)


@register.filter
def measure_label(code):
    """{{ target.measure|measure_label }}: the measure's Vietnamese name (targets.vocabulary), never its code."""
    return vocabulary.measure_label(code)
