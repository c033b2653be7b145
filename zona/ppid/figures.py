"""The information requests and keberatan as the public's open statistics count them: one
anonymous row each (zona.cases.figures). A request is finished when it was served (what was
granted delivered, or the written notice of a refusal: report.service_end), on time within 10
working days of receipt, or 17 with the one extension (UU 14/2008 Ps 22); a refusal's ground is
its reason's label (exempt information, not held, not yet documented)."""

from __future__ import annotations

from zona.cases.figures import Answered, Handled
from zona.workdays.services import calendar

from .models import Decision, InformationRequest, Objection, ObjectionOutcome, RefusalReason
from .report import service_end, service_limits


def handled(units) -> list[Handled]:
    """Every request received by `units` (a queryset or ids), in one query."""
    cal = calendar()
    plain, extended = service_limits()
    requests = (
        InformationRequest.objects.filter(case__unit__in=units)
        .select_related("case")
        .only(
            "case__unit_id",
            "case__received_on",
            "decision",
            "refusal_reason",
            "extension_reason",
            "delivered_on",
            "notice_on",
        )
        .order_by()
    )
    found = []
    for request in requests:
        case = request.case
        was_extended = bool(request.extension_reason)
        refused = request.decision == Decision.REFUSED
        ground = (
            str(RefusalReason(request.refusal_reason).label) if refused and request.refusal_reason else ""
        )
        end = service_end(request)
        days = cal.between(case.received_on, end) if end is not None else None
        on_time = days is not None and days <= (extended if was_extended else plain)
        found.append(Handled(case.unit_id, case.received_on, days, on_time, was_extended, refused, ground))
    return found


def answered(units) -> list[Answered]:
    """Every keberatan against the requests of `units`, in one query."""
    rows = Objection.objects.filter(request__case__unit__in=units).values_list(
        "request__case__unit_id", "received_on", "outcome"
    )
    return [
        Answered(unit_id, received_on, str(ObjectionOutcome(outcome).label) if outcome else "")
        for unit_id, received_on, outcome in rows.order_by()
    ]
