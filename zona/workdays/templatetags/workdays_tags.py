"""`{{ day|perkiraan }}`: the mark beside a deadline the calendar can only estimate."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from zona.workdays.calendar import is_estimated, last_confirmed_year

register = template.Library()


@register.filter
def perkiraan(day) -> str:
    if not is_estimated(day):
        return ""
    return format_html(
        ' <span class="badge text-bg-warning estimated" title="{}">{}</span>',
        _("Cuti bersama are confirmed up to %(year)s: later days off may still move this date.")
        % {"year": last_confirmed_year()},
        _("estimate"),
    )
