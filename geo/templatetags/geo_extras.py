from django import template

from geo.models import Attribute, Region

register = template.Library()

_FLAG_LABELS = {"true": "Có", "false": "Không"}


@register.filter
def get_item(mapping, key):
    return mapping.get(key, {})


@register.filter
def attribute_label(value: str, name: str) -> str:
    if name == Attribute.REGION:
        return Region(value).label if value in Region.values else value
    if name == Attribute.COMMUNE_GROUP:
        return f"Nhóm {value}"
    return _FLAG_LABELS.get(value, value)
