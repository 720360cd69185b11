from django import template
from django.utils.html import format_html

from assessment.models import ValueStatus
from geo.models import Region

register = template.Library()

OUTCOMES = {
    "met": ("success", "Đạt"),
    "not_met": ("danger", "Chưa đạt"),
    "no_data": ("secondary", "Chưa nhập"),
    "no_threshold": ("warning", "Thiếu ngưỡng"),
}


@register.filter
def get_class(classes: dict, key: str) -> int:
    return classes.get(key, 0)


@register.filter
def status_label(status: str) -> str:
    return ValueStatus(status).label if status in ValueStatus.values else status


@register.filter
def outcome_badge(outcome: str | None):
    if not outcome:
        return ""
    colour, label = OUTCOMES.get(outcome, ("light", outcome))
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, label)


@register.filter
def region_label(code: str) -> str:
    """ "Vùng Bắc Trung Bộ" for BTB; nothing for an unknown region."""
    return f"Vùng {Region(code).label}" if code in Region.values else ""
