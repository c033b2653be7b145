"""The recipients' work on a report: its workflow steps (through the case engine's guard),
messages and notes, and the request to see a reporter's identity with the custodian's decision."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.cases.incidents import MARK, integrity_incident_mark
from zona.cases.services import CaseError
from zona.cases.workflow import move
from zona.notifications.services import Notice, notify

from . import crypto, rules
from .errors import WbsError
from .keys import identity_holders, public_keys, report_key, seal_key
from .models import (
    IdentityRequest,
    KeyKind,
    Message,
    Report,
    RequestState,
    Sender,
    workflow,
)
from .rules import setting
from .store import check_text, from_json, record_event, store_files, uploads_check


@transaction.atomic
def report_transition(*, report: Report, action: str, reason: str, by) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    today = rules.local_today()
    step = move(
        workflow(),
        state=report.state,
        action=action,
        reason=reason,
        received_on=report.received_on,
        today=today,
        error=WbsError,
    )
    report.state = step.state
    report.state_since = today
    report.state_due = step.due_on
    report.acknowledged_on = report.acknowledged_on or today
    if step.final:
        report.closed_on = today
        report.retain_until = today + timedelta(days=setting("retention_days"))
    report.save()
    record_event(report, by, f"state:{report.state}", reason=bool(reason.strip()))
    return report


@transaction.atomic
def recipient_message(*, report: Report, key: bytes, text: str, uploads, by, note: bool = False) -> Message:
    text = check_text(text, not uploads, _("the message"))
    files = uploads_check(uploads)
    sender = Sender.NOTE if note else Sender.RECIPIENT
    message = Message.objects.create(
        report=report,
        sender=sender,
        author=by,
        body=crypto.encrypt(key, text.encode()),
        sent_on=rules.local_today(),
    )
    store_files(report, key, files, sender, message)
    if not note:
        today = rules.local_today()
        Report.objects.filter(pk=report.pk, acknowledged_on=None).update(acknowledged_on=today)
        Report.objects.filter(pk=report.pk, feedback_on=None).update(feedback_on=today)
    record_event(report, by, "note" if note else "message", files=len(files))
    return message


@transaction.atomic
def identity_request(*, report: Report, key: bytes, motivation: str, by) -> IdentityRequest:
    motivation = check_text(motivation, True, _("why the identity is needed"))
    if report.identity is None:
        raise WbsError(_("The reporter left no identity."))
    if IdentityRequest.objects.filter(report=report, requested_by=by, state=RequestState.PENDING).exists():
        raise WbsError(_("Your request is waiting for the custodian."))
    request = IdentityRequest.objects.create(
        report=report, requested_by=by, motivation=crypto.encrypt(key, motivation.encode())
    )
    record_event(report, by, "identity_requested")
    custodians = identity_holders(report.unit)
    notify(
        [
            Notice(
                user_id=user_id,
                key=f"wbs:identity:{request.pk}",
                text=_("A request to see a WBS reporter's identity waits for your decision (%(number)s).")
                % {"number": report.number},
                url=reverse("wbs:report", args=[report.pk]),
            )
            for user_id in custodians
        ]
    )
    return request


@transaction.atomic
def identity_decide(*, request: IdentityRequest, approve: bool, note: str, by, private) -> IdentityRequest:
    """The custodian decides; on approval the identity key is sealed for the requester."""
    request = IdentityRequest.objects.select_for_update().select_related("report").get(pk=request.pk)
    if request.state != RequestState.PENDING:
        raise WbsError(_("This request was already decided."))
    if by.pk not in identity_holders(request.report.unit):
        raise WbsError(_("Only a custodian of this unit decides."))
    if approve:
        identity_key = report_key(request.report, by, private, KeyKind.IDENTITY)
        if identity_key is None:
            raise WbsError(_("Unlock your key first."))
        public = public_keys([request.requested_by_id]).get(request.requested_by_id)
        if public is None:
            raise WbsError(_("The requester has no key."))
        seal_key(request.report, identity_key, KeyKind.IDENTITY, {request.requested_by_id: public}, None)
    request.state = RequestState.APPROVED if approve else RequestState.REFUSED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note[:500]
    request.save()
    record_event(
        request.report,
        by,
        "identity_approved" if approve else "identity_refused",
        requester=request.requested_by_id,
    )
    notify(
        [
            Notice(
                user_id=request.requested_by_id,
                key=f"wbs:identity:{request.pk}:decided",
                text=_("The custodian decided your identity request for %(number)s.")
                % {"number": request.report.number},
                url=reverse("wbs:report", args=[request.report_id]),
            )
        ]
    )
    return request


def identity_read(report: Report, user, private) -> dict | None:
    key = report_key(report, user, private, KeyKind.IDENTITY)
    if key is None or report.identity is None:
        return None
    try:
        identity = from_json(crypto.decrypt(key, bytes(report.identity)))
    except crypto.CryptoFailure as exc:
        raise WbsError(_("The identity record is damaged or was altered.")) from exc
    record_event(report, user, "identity_read")
    return identity


def motivation_read(request: IdentityRequest, key: bytes) -> str:
    try:
        return crypto.decrypt(key, bytes(request.motivation)).decode("utf-8")
    except crypto.CryptoFailure:
        return "?"


def is_incident(report: Report) -> bool:
    return report.events.filter(action=MARK).exists()


@transaction.atomic
def report_mark_incident(*, report: Report, by) -> None:
    """The APIP (a recipient of the report) marks it as an integrity incident, once: the case
    engine tells the TPI, which learns the unit and the date only."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if is_incident(report):
        raise WbsError(_("This report is already marked as an integrity incident."))
    try:
        integrity_incident_mark(unit=report.unit, source="wbs", source_id=report.pk, by=by)
    except CaseError as exc:
        raise WbsError(str(exc)) from exc
    record_event(report, by, MARK)
