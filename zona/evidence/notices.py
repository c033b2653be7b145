"""Who is told when the TPI rejects evidence: the people who uploaded it and the unit's ZI
coordinators, in Zona and by e-mail (docs/roles/coordinator.md, "Notifications")."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.notifications.services import Notice, notify_now
from zona.orgs.holders import role_holders
from zona.orgs.models import Role

from .models import EvidenceItem


def _where(item: EvidenceItem) -> str:
    """The page where the file is replaced: its indicator's page, else the work plans."""
    indicator_id = item.indicators.values_list("pk", flat=True).first()
    if indicator_id is not None:
        return reverse("plans:indicator", args=[indicator_id])
    return reverse("plans:home")


def rejection_told(item: EvidenceItem) -> int:
    """Notify the uploaders and coordinators of a rejected item, once per rejection."""
    uploaders = set(item.versions.exclude(uploaded_by=None).values_list("uploaded_by", flat=True))
    if item.created_by_id:
        uploaders.add(item.created_by_id)
    people = uploaders | set(role_holders(item.unit, [Role.COORDINATOR]).values_list("pk", flat=True))
    text = _("Evidence “%(title)s” (%(unit)s) was rejected by %(reviewer)s: %(comment)s") % {
        "title": item.title,
        "unit": item.unit.code,
        "reviewer": item.reviewed_by or _("the TPI"),
        "comment": item.review_comment or _("no reason given"),
    }
    key = f"evidence-{item.pk}-rejected-{item.reviewed_at:%Y%m%d%H%M%S%f}"
    url = _where(item)
    return notify_now([Notice(user_id=pk, key=key, text=text, url=url) for pk in sorted(people)])
