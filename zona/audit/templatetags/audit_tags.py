from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from zona.audit.trail import may_read

register = template.Library()


@register.simple_tag(takes_context=True)
def history_link(context, instance):
    """A link to the object's change history, for those who may read it."""
    user = context["request"].user
    if instance is None or not may_read(user, instance):
        return ""
    url = reverse("audit:history", args=[instance._meta.label, instance.pk])
    return format_html('<a class="small history-link" href="{}">{}</a>', url, _("Change history"))
