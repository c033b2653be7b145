"""Reads for the pages every case kind shares: a case fetched and authorised for its handlers,
an attachment through its case, and the cases an officer's list holds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from zona.orgs.models import Unit

from .models import Case, CaseAttachment
from .registry import KINDS, CaseKind


def get_case_for_user(request, pk: int, kind: str) -> Case:
    """404 when the case is invisible (another unit, or a restricted case such as an integrity
    complaint for anyone but its handlers), 403 when the unit is visible but the user does not
    handle this kind."""
    spec = KINDS[kind]
    case = get_object_or_404(
        Case.objects.visible_to(request.user).filter(kind=kind).select_related("unit", "assigned_to"), pk=pk
    )
    if not spec.may_handle(request.user, case):
        if spec.is_restricted(case):
            raise Http404
        raise PermissionDenied
    return case


def get_attachment_for_user(request, pk: int) -> CaseAttachment:
    """A case's attachment (evidence, identity document), for its case's handlers only."""
    attachment = get_object_or_404(CaseAttachment.objects.select_related("case"), pk=pk)
    if attachment.case.kind not in KINDS:
        raise Http404
    get_case_for_user(request, attachment.case_id, attachment.case.kind)
    return attachment


def cases_handled(user, spec: CaseKind):
    """The cases of a kind in the officer's list: those its scope gives the user."""
    return Case.objects.filter(spec.scope_q(user)).select_related("unit", "assigned_to")


def public_events(case: Case):
    """What the case's tracking page shows of its history: the events marked public."""
    return case.events.filter(public=True)


def public_conversation(case: Case):
    """The messages the reporter sees on the tracking page (the internal notes left out)."""
    return case.messages.filter(internal=False)


def get_public_unit(slug: str) -> Unit:
    """The unit of a public page (the tracking page): any unit, 404 for an unknown one."""
    return get_object_or_404(Unit, slug=slug)
