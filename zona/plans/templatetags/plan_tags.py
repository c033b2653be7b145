from django import template

from ..progress import percent

register = template.Library()


@register.filter
def pct(value: float) -> int:
    return percent(value or 0.0)
