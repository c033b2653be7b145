"""PPID objections (keberatan) and what follows them: filing within the window (UU 14/2008 Ps
35–36), the superior's answer within 30 working days, the day the applicant received it, from
which the 14 working days for the Komisi Informasi run (Ps 37(2)), and the disputes there."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.models import CaseCounter
from zona.cases.services import CaseError
from zona.workdays.services import add_working_days

from .models import (
    Channel,
    Dispute,
    DisputeOutcome,
    DisputeStage,
    Ground,
    InformationRequest,
    Objection,
    ObjectionOutcome,
    rule,
)


def objection_window(request: InformationRequest, today: date) -> date:
    """The last day to file a keberatan: 30 working days after the grounds arose (the written
    notice, or the missed deadline when the request was not answered)."""
    base = request.notice_on or request.case.due_on or request.case.received_on
    return add_working_days(base, rule("objection_filing_working_days"))


@transaction.atomic
def objection_file(
    *,
    request: InformationRequest,
    grounds: list[str],
    case_position: str,
    received_on: date | None = None,
    channel: str = Channel.WEB,
    by=None,
) -> Objection:
    """A keberatan on the Pasal 35 grounds, filed on the web or recorded by staff (desk, letter,
    WhatsApp, e-mail, e-PPID) on the same register and clock."""
    received_on = received_on or timezone.localdate()
    grounds = sorted(set(grounds))
    if channel not in Channel.values or (by is None and channel != Channel.WEB):
        raise CaseError(_("Choose the channel the keberatan came by."))
    if not grounds or not set(grounds) <= set(Ground.values):
        raise CaseError(_("Choose at least one ground of Pasal 35."))
    if not case_position.strip():
        raise CaseError(_("Describe the case (kasus posisi)."))
    if received_on < request.case.received_on:
        raise CaseError(_("A keberatan can't be received before its request."))
    undecided = not request.decision
    if undecided and not set(grounds) & {"c", "g"}:
        raise CaseError(_("Before a decision, a keberatan can only be about a request not answered in time."))
    if undecided and received_on <= (request.case.due_on or received_on):
        raise CaseError(_("The deadline to answer has not passed yet."))
    if received_on > objection_window(request, received_on):
        raise CaseError(_("The 30 working days to file a keberatan have passed."))
    counter, _created = CaseCounter.objects.get_or_create(
        kind="keberatan", unit=request.case.unit, year=received_on.year
    )
    counter = CaseCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    objection = Objection.objects.create(
        request=request,
        number=f"KEB/{request.case.unit.code}/{received_on.year}/{counter.last:06d}",
        received_on=received_on,
        channel=channel,
        grounds=grounds,
        case_position=case_position,
        response_due=add_working_days(received_on, rule("objection_response_working_days")),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by,
        action="ppid.objection_filed",
        obj=objection,
        unit=request.case.unit,
        changes={"grounds": grounds, "channel": channel},
    )
    return objection


@transaction.atomic
def objection_answer(
    *,
    objection: Objection,
    response: str,
    responder: str,
    outcome: str,
    by,
    responded_on: date | None = None,
    received_on: date | None = None,
) -> Objection:
    """The superior's written answer. The applicant's window for the Komisi Informasi runs from
    the day the applicant received it (UU 14/2008 Ps 37(2)): given here when known (handed over,
    e-mailed), or recorded later with objection_answer_received."""
    if not response.strip() or not responder.strip():
        raise CaseError(_("Write the response and the name and position of the PPID superior."))
    if outcome not in ObjectionOutcome.values:
        raise CaseError(_("Choose the outcome of the keberatan."))
    if objection.responded_on:
        raise CaseError(_("This keberatan is already answered."))
    objection.response = response
    objection.responder = responder
    objection.outcome = outcome
    objection.responded_on = responded_on or timezone.localdate()
    if received_on is not None:
        _receipt_check(objection, received_on)
        objection.answer_received_on = received_on
        objection.commission_deadline = add_working_days(
            received_on, rule("information_commission_working_days")
        )
    objection.save()
    audit_record(
        actor=by,
        action="ppid.objection_answered",
        obj=objection,
        unit=objection.request.case.unit,
        changes={"outcome": outcome},
    )
    return objection


def _receipt_check(objection: Objection, received_on: date) -> None:
    if received_on < objection.responded_on or received_on > timezone.localdate():
        raise CaseError(_("The applicant receives the answer on or after its date, and not in the future."))


@transaction.atomic
def objection_answer_received(*, objection: Objection, received_on: date, by) -> Objection:
    """The day the applicant received the superior's answer: the 14 working days for the Komisi
    Informasi run from it (UU 14/2008 Ps 37(2))."""
    if not objection.responded_on:
        raise CaseError(_("This keberatan is not answered yet."))
    _receipt_check(objection, received_on)
    objection.answer_received_on = received_on
    objection.commission_deadline = add_working_days(received_on, rule("information_commission_working_days"))
    objection.save(update_fields=["answer_received_on", "commission_deadline"])
    audit_record(
        actor=by, action="ppid.objection_answer_received", obj=objection, unit=objection.request.case.unit,
        changes={"received_on": received_on.isoformat()},
    )  # fmt: skip
    return objection


def commission_window(objection: Objection) -> date | None:
    """Until when the applicant may go to the Komisi Informasi: 14 working days after receiving the
    answer, or after the 30 days for the answer passed unanswered (UU 14/2008 Ps 37(2)). None while
    the answer is given but its receipt is not recorded: the window has not started."""
    if objection.commission_deadline:
        return objection.commission_deadline
    if objection.responded_on:
        return None
    return add_working_days(objection.response_due, rule("information_commission_working_days"))


@transaction.atomic
def dispute_record(
    *, objection: Objection, commission: str, filed_on: date, by, register_number: str = ""
) -> Dispute:
    """The applicant took the keberatan to the Komisi Informasi (UU 14/2008 Ps 37)."""
    if not commission.strip():
        raise CaseError(_("Name the Komisi Informasi."))
    if filed_on < objection.received_on:
        raise CaseError(_("A dispute can't be filed before its keberatan."))
    dispute = Dispute.objects.create(
        objection=objection,
        commission=commission.strip()[:200],
        register_number=register_number.strip()[:100],
        filed_on=filed_on,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="ppid.dispute_recorded",
        obj=dispute,
        unit=objection.request.case.unit,
        changes={"commission": commission, "filed_on": filed_on.isoformat()},
    )
    return dispute


@transaction.atomic
def dispute_update(
    *, dispute: Dispute, stage: str, by, outcome: str = "", decision: str = "", decided_on: date | None = None
) -> Dispute:
    """Move a dispute to its next stage; a decided dispute needs its outcome, decision and date."""
    if stage not in DisputeStage.values:
        raise CaseError(_("Choose the stage."))
    if stage == DisputeStage.DECIDED and not (outcome in DisputeOutcome.values and decided_on):
        raise CaseError(_("A decided dispute needs its outcome and the date of the decision."))
    if decided_on and decided_on < dispute.filed_on:
        raise CaseError(_("The decision can't come before the dispute was filed."))
    before = [dispute.stage, dispute.outcome]
    dispute.stage = stage
    dispute.outcome = outcome if stage == DisputeStage.DECIDED else ""
    dispute.decision = decision
    dispute.decided_on = decided_on if stage == DisputeStage.DECIDED else None
    dispute.save()
    audit_record(
        actor=by,
        action="ppid.dispute_updated",
        obj=dispute,
        unit=dispute.objection.request.case.unit,
        changes={"stage": [before, [stage, dispute.outcome]]},
    )
    return dispute
