"""Reads of evidence for pages: the verification queue, read by the start page's count, the
queue's own page and the dashboard's figure, so the three are one."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from zona.orgs.models import unit_scope_q
from zona.orgs.permissions import ALLOWED, Action

from .models import EvidenceItem, EvidenceVersion, Status


def verification_queue(user) -> QuerySet[EvidenceItem]:
    """Evidence awaiting review in the units where the person verifies (restricted files only
    through their own rule), oldest first, with the latest version at hand."""
    verify = unit_scope_q(user, prefix="unit__", roles=set(ALLOWED[Action.VERIFY]))
    return (
        EvidenceItem.objects.visible_to(user)
        .filter(verify, status=Status.PENDING)
        .select_related("unit", "created_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=EvidenceVersion.objects.order_by("-number"),
                to_attr="prefetched_versions",
            )
        )
        .order_by("created_at", "pk")
    )
