"""What each role may do. One table, read by every view and service through `can()`."""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Role, Unit, _assignments, roles_on


class Action(StrEnum):
    VIEW = "view"
    MANAGE_PLAN = "manage_plan"  # import, edit, set ditetapkan, assign PICs
    REPORT = "report"  # mark steps done, upload evidence
    VERIFY = "verify"  # verify or reject evidence
    VIEW_AUDIT = "view_audit"
    RECORD_FINDING = "record_finding"  # monev findings: the coordinator's team and the TPI
    HANDLE_COMPLAINT = "handle_complaint"
    HANDLE_INTEGRITY_COMPLAINT = "handle_integrity_complaint"  # corruption, gratification, abuse
    HANDLE_PPID = "handle_ppid"
    ANSWER_OBJECTION = "answer_objection"  # the atasan PPID answers keberatan
    MANAGE_UNIT = "manage_unit"  # the unit's settings, e.g. the channels on its public page
    READ_EXEMPT_INFORMATION = "read_exempt_information"  # documents of exempt (dikecualikan) DIP entries
    HANDLE_WBS = "handle_wbs"  # read and handle whistleblowing reports (with the recipient's key)
    GUARD_WBS_IDENTITY = "guard_wbs_identity"  # decide requests to see a reporter's identity
    HANDLE_GRATIFICATION = "handle_gratification"  # the UPG: verify, forward to KPK, recap
    REPORT_GRATIFICATION = "report_gratification"  # any employee of the unit reports a gift
    MANAGE_INTEGRITY = "manage_integrity"  # socialisation, evaluations, conflict-of-interest records
    MANAGE_SERVICES = "manage_services"  # surveys, their answers and publication; service standards
    MANAGE_REGISTERS = "manage_registers"  # risk register, SOPs, recap registers, performance agreement
    CHOOSE_RISK_MATRIX = "choose_risk_matrix"  # the Inspektorat sets the unit's risk-level matrix
    # The national evaluation cycle: the inspectorate or the national office opens the year for
    # the units below it; the TPI records its stages; the TPN's outcomes and survey figures, the
    # predicates and their revocations are entered by the inspectorate (APIP) from KemenPAN-RB's
    # announcements (never by the unit itself); the unit's coordinator files an objection.
    OPEN_CYCLE = "open_cycle"
    RECORD_TPI_STAGE = "record_tpi_stage"
    RECORD_TPN_RESULT = "record_tpn_result"
    OBJECT_TO_SELECTION = "object_to_selection"
    MARK_INTEGRITY_INCIDENT = "mark_integrity_incident"  # the APIP (or the WBS's recipients)


ALLOWED: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset(Role.values),
    Action.MANAGE_PLAN: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.REPORT: frozenset({Role.ADMIN, Role.COORDINATOR, Role.AREA_COORDINATOR, Role.PIC}),
    Action.VERIFY: frozenset({Role.REVIEWER}),
    Action.VIEW_AUDIT: frozenset({Role.ADMIN, Role.REVIEWER, Role.APIP}),
    Action.RECORD_FINDING: frozenset({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER}),
    Action.HANDLE_COMPLAINT: frozenset({Role.ADMIN, Role.COMPLAINT_OFFICER, Role.COMPLAINT_SUPERVISOR}),
    Action.HANDLE_INTEGRITY_COMPLAINT: frozenset({Role.APIP}),
    Action.HANDLE_PPID: frozenset({Role.ADMIN, Role.PPID_OFFICER, Role.ATASAN_PPID}),
    Action.ANSWER_OBJECTION: frozenset({Role.ATASAN_PPID}),
    Action.MANAGE_UNIT: frozenset({Role.ADMIN}),
    Action.READ_EXEMPT_INFORMATION: frozenset({Role.PPID_OFFICER, Role.ATASAN_PPID}),
    Action.HANDLE_WBS: frozenset({Role.WBS_RECIPIENT, Role.WBS_CUSTODIAN}),
    Action.GUARD_WBS_IDENTITY: frozenset({Role.WBS_CUSTODIAN}),
    Action.HANDLE_GRATIFICATION: frozenset({Role.UPG_OFFICER}),
    Action.REPORT_GRATIFICATION: frozenset(Role.values),
    Action.MANAGE_INTEGRITY: frozenset({Role.ADMIN, Role.COORDINATOR, Role.UPG_OFFICER, Role.APIP}),
    Action.MANAGE_SERVICES: frozenset({Role.ADMIN, Role.COORDINATOR, Role.AREA_COORDINATOR}),
    Action.MANAGE_REGISTERS: frozenset({Role.ADMIN, Role.COORDINATOR, Role.AREA_COORDINATOR}),
    Action.CHOOSE_RISK_MATRIX: frozenset({Role.REVIEWER, Role.APIP}),
    Action.OPEN_CYCLE: frozenset({Role.ADMIN, Role.APIP}),
    Action.RECORD_TPI_STAGE: frozenset({Role.REVIEWER, Role.APIP}),
    Action.RECORD_TPN_RESULT: frozenset({Role.APIP}),
    Action.OBJECT_TO_SELECTION: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.MARK_INTEGRITY_INCIDENT: frozenset({Role.APIP, Role.WBS_RECIPIENT}),
}

# Roles whose holders must sign in with a second factor (and superusers): they reach other
# people's secrets or the unit's settings.
TWO_FACTOR_ROLES = frozenset({Role.ADMIN, Role.WBS_RECIPIENT, Role.WBS_CUSTODIAN, Role.UPG_OFFICER})


def can(user, action: Action, unit: Unit) -> bool:
    return bool(roles_on(user, unit) & ALLOWED[action])


def require(user, action: Action, unit: Unit) -> None:
    """404 when the user may not even see the unit (no hint it exists), 403 when read-only."""
    held = roles_on(user, unit)
    if not held:
        raise Http404
    if not held & ALLOWED[action]:
        raise PermissionDenied


def unit_for(request, slug: str, action: Action = Action.VIEW) -> Unit:
    """The unit of a page: 404 when the user may not see it, 403 when they may not do `action`."""
    from django.shortcuts import get_object_or_404

    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    require(request.user, action, unit)
    return unit


def may_somewhere(user, action: Action) -> bool:
    """Whether the person holds, on some unit, a role that may do `action` (a page listing that
    work across units is theirs; without such a role it is refused, never shown as "nothing")."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(role in ALLOWED[action] for *_rest, role, _down in _assignments(user))


def roles_for(action: Action) -> set[str]:
    return set(ALLOWED[action])
