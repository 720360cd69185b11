"""{% illustrative_mark unit %}: "Số liệu minh họa" once at the head of a page whose figures are the demo's (the
unit's province was loaded by the demo), never in each row or column."""

from django import template
from django.utils.html import format_html

from programme.queries import is_illustrative

register = template.Library()

MARK = "Số liệu minh họa"
TITLE = "Do bản demo nạp để giới thiệu cách dùng, không phải số liệu thật của tỉnh."


@register.simple_tag
def illustrative_mark(unit) -> str:
    if unit is None or not getattr(unit, "pk", None) or not is_illustrative(unit):
        return ""
    return format_html('<p class="mb-2"><span class="badge text-bg-warning" title="{}" data-testid="illustrative">'
                       '<i class="bi bi-info-circle"></i> {}</span> <span class="small text-muted">{}</span></p>',
                       TITLE, MARK, TITLE)
