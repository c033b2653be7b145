"""Reads for the package page: the assessment (fetched and authorised), the letters' details,
the person's packages of it."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from zona.evidence.models import ExportJob
from zona.lke.models import Assessment
from zona.orgs.permissions import Action, require

from .models import ProposalDetails

KIND = "proposal.package"
DETAIL_FIELDS = ("head_name", "head_nip", "head_position", "address", "city", "letter_number")


def get_assessment_for_user(request, pk: int, action: Action = Action.VIEW) -> Assessment:
    """404 when the assessment is not the user's to see, 403 when they may not do `action`."""
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user).select_related("unit"), pk=pk)
    require(request.user, action, assessment.unit)
    return assessment


def details_initial(assessment: Assessment) -> dict:
    """The letters' details of the assessment, or else the unit's latest (a new year starts from
    last year's; the letter number is the year's own)."""
    details = ProposalDetails.objects.filter(assessment=assessment).first()
    if details is None:
        details = (
            ProposalDetails.objects.filter(assessment__unit=assessment.unit)
            .order_by("-assessment__year")
            .first()
        )
        if details is not None:
            details.letter_number = ""
    return {name: getattr(details, name) for name in DETAIL_FIELDS} if details else {}


def packages_of(assessment: Assessment, user, limit: int = 5):
    """The person's latest packages of the assessment (only who asked downloads a package)."""
    return ExportJob.objects.filter(kind=KIND, object_id=assessment.pk, requested_by=user)[:limit]
