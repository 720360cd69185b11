"""How pages name sets and show thresholds: {% load criteria_display %}

{{ record|set_label }}         a set by its name and legal basis, never its code or version
{{ set_code|set_code_label }}  the same where a page holds a code only (a stored result)
{{ label|threshold }}          a ThresholdLabel: "≥ 70 %" and, when provisional, one small "tạm" badge; the page then
                               includes "_provisional_legend.html" with provisional=True once
"""

from django import template
from django.utils.html import format_html

from criteria import display, queries

register = template.Library()


@register.filter
def set_label(criteria_set) -> str:
    return display.set_label(criteria_set) if criteria_set else ""


@register.filter
def set_code_label(set_code: str) -> str:
    return queries.set_code_label(set_code) if set_code else ""


BADGE_CLASS = "badge rounded-pill bg-warning-subtle text-warning-emphasis border border-warning-subtle fw-normal"


@register.simple_tag
def provisional_badge(in_legend: bool = False):
    """The "tạm" badge after a threshold, with its meaning as a title; in the legend, the badge alone."""
    if in_legend:
        return format_html('<span class="{}">{}</span>', BADGE_CLASS, display.PROVISIONAL)
    return format_html('<span class="{}" title="{}" data-testid="provisional">{}</span>',
                       BADGE_CLASS, display.PROVISIONAL_TITLE, display.PROVISIONAL)


@register.filter
def threshold(label):
    """A threshold with its badge; plain text for anything that is not a ThresholdLabel."""
    if not isinstance(label, display.ThresholdLabel):
        return "" if label is None else str(label)
    if not label.provisional:
        return label.text
    return format_html("{} {}", label.text, provisional_badge())
