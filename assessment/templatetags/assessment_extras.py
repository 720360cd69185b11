from django import template
from django.utils.html import format_html

from assessment.models import ValueStatus
from criteria.models import CriteriaSetRecord
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
def set_name(set_code: str) -> str:
    """The national name of a set ("Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025"), never its code."""
    name = CriteriaSetRecord.objects.filter(code=set_code, province__isnull=True).values_list("name", flat=True).first()
    return name or "Bộ tiêu chí của tỉnh"


@register.filter
def region_label(code: str) -> str:
    """ "Vùng Bắc Trung Bộ" for BTB; nothing for an unknown region."""
    return f"Vùng {Region(code).label}" if code in Region.values else ""
