from django import template
from django.template.defaultfilters import urlize
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from ..progress import percent

register = template.Library()


@register.filter
def pct(value: float) -> int:
    return percent(value or 0.0)


@register.filter(is_safe=True, needs_autoescape=True)
def links(value: str, autoescape: bool = True) -> str:
    """`urlize` only where the text holds an address: most lines hold none, and urlize is slow."""
    text = str(value)
    if "://" in text or "www." in text:
        return urlize(text, autoescape=autoescape)
    return conditional_escape(text) if autoescape else text


@register.simple_tag
def progress_bar(pct: int, label: str = "") -> str:
    """A labelled progress bar (the same markup as `_progress.html`, without an include's cost
    in long tables)."""
    return format_html(
        '<div class="d-flex align-items-center gap-2"><div class="progress flex-grow-1" role="progressbar" '
        'aria-label="{}" aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100"><div class="progress-bar '
        'w-pct-{}"></div></div><span class="small text-nowrap pct-label">{}%</span></div>',
        label or _("Progress"),
        pct,
        pct,
        pct,
    )
