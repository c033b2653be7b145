"""What the recipients' zone reads, by the WBS's own access rule: a report is reached only
through the person's own assignments of the WBS roles, never through `unit_scope_q` (which grants
a superuser every unit), so nobody outside a unit's recipients and custodians, not even a
superuser, reaches it."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from zona.orgs.models import Role, RoleAssignment, Unit

from .models import (
    Attachment,
    IdentityRequest,
    KeyKind,
    RecipientKey,
    Report,
    ReportEvent,
    ReportKey,
    RequestState,
)

ZONE_ROLES = (Role.WBS_RECIPIENT, Role.WBS_CUSTODIAN)


def may_enter_zone(user) -> bool:
    """The person holds a WBS role somewhere (the zone answers 404 to anyone else)."""
    return RoleAssignment.objects.filter(user=user, role__in=ZONE_ROLES).exists()


def reports_visible_to(user) -> QuerySet:
    """The reports of the units where the user is a recipient or custodian."""
    if not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    assignments = RoleAssignment.objects.filter(user=user, role__in=ZONE_ROLES)
    query = Q(pk__in=[])
    for unit_id, path, descendants in assignments.values_list("unit_id", "unit__path", "include_descendants"):
        query |= Q(unit__path__startswith=path) if descendants else Q(unit_id=unit_id)
    return Report.objects.filter(query).select_related("unit")


def has_key(user) -> bool:
    return RecipientKey.objects.filter(user=user).exists()


def reports_held(user) -> set[int]:
    """The reports whose content key is sealed to the person."""
    return set(
        ReportKey.objects.filter(holder=user, kind=KeyKind.CONTENT).values_list("report_id", flat=True)
    )


def identity_requests_pending(reports) -> QuerySet:
    return IdentityRequest.objects.filter(report__in=reports, state=RequestState.PENDING).select_related(
        "report", "requested_by"
    )


def report_events(report: Report) -> QuerySet:
    """The zone's own trail of a report (who did what; never the content)."""
    return ReportEvent.objects.filter(report=report).select_related("actor")


def get_report_for_user(request, pk: int) -> Report:
    """A report of the person's units by the zone's rule (404 otherwise, a superuser too)."""
    return get_object_or_404(reports_visible_to(request.user), pk=pk)


def get_identity_request_for_user(request, pk: int) -> IdentityRequest:
    """An identity request the person may decide on (one of a report they reach; 404 otherwise)."""
    return get_object_or_404(
        IdentityRequest.objects.filter(report__in=reports_visible_to(request.user), pk=pk)
    )


def report_attachments(report: Report) -> QuerySet:
    """The files of a report the caller already reached (by the zone's rule or its receipt code)."""
    return Attachment.objects.filter(report=report)


def public_units() -> QuerySet:
    """The units whose WBS channel a reporter may look up (every unit: a closed one says so)."""
    return Unit.objects.all()


def unit_named(slug: str) -> Unit | None:
    """The unit a link names by its slug (the way back to its portal), or None."""
    return public_units().filter(slug=slug[:100]).first()
