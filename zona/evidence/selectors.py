"""Reads of evidence for pages: the verification queue, read by the start page's count, the
queue's own page and the dashboard's figure, so the three are one; the fetch-and-authorise
helpers of an item, a version and an export."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from zona.orgs.models import Unit, unit_scope_q
from zona.orgs.permissions import ALLOWED, Action, can, require

from .models import EvidenceItem, EvidenceVersion, ExportJob, Status


def verification_queue(user, under: Unit | None = None) -> QuerySet[EvidenceItem]:
    """Evidence awaiting review in the units where the person verifies (restricted files only
    through their own rule), from every module that keeps evidence, oldest first, with the
    latest version at hand; `under`: only in that unit and the units below it."""
    verify = unit_scope_q(user, prefix="unit__", roles=set(ALLOWED[Action.VERIFY]))
    items = EvidenceItem.objects.visible_to(user)
    if under is not None:
        items = items.filter(unit__path__startswith=under.path)
    return (
        items.filter(verify, status=Status.PENDING)
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


@dataclass(frozen=True)
class Figures:
    """The dashboard's evidence tile: verified and awaiting review, in a unit and below."""

    verified: int
    awaiting: int
    verifies: bool  # the awaiting figure is the person's own queue (/beranda/verifikasi/)


def evidence_figures(user, unit: Unit) -> Figures:
    """Evidence of every module (plan, SOPs, risks, performance, service standards) in the unit
    and below, as the person sees it. For a person who verifies there, the awaiting figure is
    their verification queue there, the very count of the start page and the queue's page."""
    counts = dict(
        EvidenceItem.objects.visible_to(user)
        .filter(unit__path__startswith=unit.path, status__in=[Status.VERIFIED, Status.PENDING])
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    verifies = can(user, Action.VERIFY, unit)
    awaiting = verification_queue(user, under=unit).count() if verifies else counts.get(Status.PENDING, 0)
    return Figures(counts.get(Status.VERIFIED, 0), awaiting, verifies)


def get_evidence_for_user(request, pk: int, action: Action = Action.VIEW) -> EvidenceItem:
    """404 when the item is invisible (another unit, or a restricted file the user's roles may not
    read), 403 when the user may see but not do `action`."""
    item = get_object_or_404(EvidenceItem.objects.visible_to(request.user).select_related("unit"), pk=pk)
    require(request.user, action, item.unit)
    return item


def get_version_for_user(request, pk: int) -> EvidenceVersion:
    """A version of an item the user may see; 404 otherwise."""
    return get_object_or_404(
        EvidenceVersion.objects.filter(item__in=EvidenceItem.objects.visible_to(request.user)), pk=pk
    )


def latest_version(item: EvidenceItem) -> EvidenceVersion | None:
    """An item's latest version (None for a link, or a file item not yet stored)."""
    return item.versions.order_by("-number").first()


def get_export_for_user(request, pk: int) -> ExportJob:
    """Only the person who asked, while they still see the unit; anyone else gets 404."""
    job = get_object_or_404(ExportJob.objects.select_related("unit"), pk=pk, requested_by=request.user)
    require(request.user, Action.VIEW, job.unit)
    return job


def exports_of(user, limit: int):
    """The person's latest exports (the model orders them newest first)."""
    return ExportJob.objects.filter(requested_by=user).select_related("unit")[:limit]
