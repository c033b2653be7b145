"""Evaluators' requests for data or information (RFI) on an LKE question: raised by the TPI (or
the TPN) with a due date in working days, answered by the unit, accepted or rejected by the
evaluator; the unit's PIC and coordinator are reminded once before the due date and once after
it (data/requests.yaml)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from zona.audit.services import audit_record
from zona.evidence.models import EvidenceItem
from zona.lke.models import Assessment
from zona.lke.services import instrument_of
from zona.notifications.services import Notice, notifications_deliver, notify, notify_now
from zona.orgs.holders import role_holders
from zona.orgs.models import Role
from zona.workdays.services import add_working_days, calendar_scope, working_days_between

from .models import InformationRequest, RequestKind, RequestState
from .rules import request_rules
from .services import EvaluationError

ANSWERING_ROLES = (Role.PIC, Role.COORDINATOR)  # told of a request and reminded of it


def _told(request: InformationRequest, key: str, text: str) -> list[Notice]:
    url = reverse("evaluation:requests", args=[request.assessment_id]) + f"#rfi-{request.pk}"
    return [
        Notice(user_id=person.pk, key=f"{key}:{request.pk}", text=text, url=url)
        for person in role_holders(request.assessment.unit, ANSWERING_ROLES)
    ]


@transaction.atomic
def request_raise(
    *,
    assessment: Assessment,
    ref: str,
    kind: str,
    text: str,
    by,
    working_days: int | None = None,
    today: date,
) -> InformationRequest:
    """An evaluator asks the unit for data or information on one question, due in working days."""
    rules = request_rules()
    days = rules["due_working_days"] if working_days is None else working_days
    if not rules["min_working_days"] <= days <= rules["max_working_days"]:
        raise EvaluationError(
            _("The due date is %(min)s to %(max)s working days away.")
            % {"min": rules["min_working_days"], "max": rules["max_working_days"]}
        )
    if ref not in instrument_of(assessment).questions:
        raise EvaluationError(_("Unknown question %(ref)s.") % {"ref": ref})
    if kind not in RequestKind.values:
        raise EvaluationError(_("Choose what the request is about."))
    if not text.strip():
        raise EvaluationError(_("Say what the unit should provide."))
    request = InformationRequest.objects.create(
        assessment=assessment,
        ref=ref,
        kind=kind,
        text=text.strip()[:5000],
        due_date=add_working_days(today, days),
        raised_by=by,
    )
    audit_record(
        actor=by,
        action="evaluation.request_raised",
        obj=request,
        unit=assessment.unit,
        changes={"ref": ref, "due_date": request.due_date.isoformat()},
    )
    notify_now(
        _told(
            request,
            "rfi-raised",
            _("The evaluator asks for data on %(ref)s (LKE %(unit)s %(year)s), due %(date)s")
            % {
                "ref": ref,
                "unit": assessment.unit.code,
                "year": assessment.year,
                "date": request.due_date.strftime("%d-%m-%Y"),
            },
        )
    )
    return request


def _locked(request: InformationRequest, state: str, refusal: str) -> InformationRequest:
    request = (
        InformationRequest.objects.select_for_update().select_related("assessment__unit").get(pk=request.pk)
    )
    if request.state != state:
        raise EvaluationError(refusal)
    return request


@transaction.atomic
def request_answer(
    *, request: InformationRequest, answer: str, by, evidence: list[EvidenceItem] | None = None
) -> InformationRequest:
    """The unit answers an open request (text, and files of its own as evidence)."""
    request = _locked(request, RequestState.OPEN, _("Only an open request can be answered."))
    evidence = evidence or []
    if not answer.strip() and not evidence:
        raise EvaluationError(_("Write an answer or attach evidence."))
    for item in evidence:
        if item.unit_id != request.assessment.unit_id or item.restricted_to:
            raise EvaluationError(_("This evidence belongs to another unit."))
    request.answer, request.answered_by, request.answered_at = answer.strip()[:5000], by, timezone.now()
    request.state = RequestState.ANSWERED
    request.save(update_fields=["answer", "answered_by", "answered_at", "state"])
    request.evidence.set(evidence)
    audit_record(
        actor=by,
        action="evaluation.request_answered",
        obj=request,
        unit=request.assessment.unit,
        changes={"evidence": sorted(i.pk for i in evidence)},
    )
    if request.raised_by_id:
        url = reverse("evaluation:requests", args=[request.assessment_id]) + f"#rfi-{request.pk}"
        text = _("The unit answered your request on %(ref)s (LKE %(unit)s)") % {
            "ref": request.ref,
            "unit": request.assessment.unit.code,
        }
        notify_now(
            [Notice(user_id=request.raised_by_id, key=f"rfi-answered:{request.pk}", text=text, url=url)]
        )
    return request


@transaction.atomic
def request_decide(*, request: InformationRequest, accept: bool, note: str, by) -> InformationRequest:
    """The evaluator accepts the unit's answer, or rejects it with a note saying why."""
    request = _locked(
        request, RequestState.ANSWERED, _("Only an answered request can be accepted or rejected.")
    )
    if not accept and not note.strip():
        raise EvaluationError(_("Say why the answer is rejected."))
    request.state = RequestState.ACCEPTED if accept else RequestState.REJECTED
    request.decision_note, request.decided_by, request.decided_at = note.strip()[:5000], by, timezone.now()
    request.save(update_fields=["state", "decision_note", "decided_by", "decided_at"])
    audit_record(
        actor=by,
        action="evaluation.request_decided",
        obj=request,
        unit=request.assessment.unit,
        changes={"state": request.state, "note": request.decision_note},
    )
    return request


def _reminders(today: date) -> list[Notice]:
    lead = request_rules()["remind_before_working_days"]
    notices: list[Notice] = []
    found = InformationRequest.objects.filter(state=RequestState.OPEN).select_related("assessment__unit")
    for request in found.filter(reminded_before__isnull=True, due_date__gte=today):
        if working_days_between(today, request.due_date) <= lead:
            text = _("Reminder: the evaluator's request on %(ref)s (LKE %(unit)s) is due %(date)s")
            notices += _remind(request, "rfi-before", "reminded_before", text, today)
    for request in found.filter(reminded_after__isnull=True, due_date__lt=today):
        text = _("Late: the evaluator's request on %(ref)s (LKE %(unit)s) was due %(date)s")
        notices += _remind(request, "rfi-after", "reminded_after", text, today)
    return notices


def _remind(request: InformationRequest, key: str, field: str, text: str, today: date) -> list[Notice]:
    """The request's reminder, once: marked sent in the same run (a second run finds none)."""
    marked = InformationRequest.objects.filter(pk=request.pk, **{f"{field}__isnull": True}).update(
        **{field: today}
    )
    if not marked:
        return []
    words = {
        "ref": request.ref,
        "unit": request.assessment.unit.code,
        "date": request.due_date.strftime("%d-%m-%Y"),
    }
    return _told(request, key, text % words)


@transaction.atomic
@calendar_scope()  # one read of the calendar for every open request
def reminders_send(*, today: date) -> int:
    """Remind the PIC and the coordinator of each open request once before its due date and once
    after it; run again, nothing new. How many notifications were created."""
    with override(settings.LANGUAGE_CODE):
        created = notify(_reminders(today))
    transaction.on_commit(notifications_deliver)
    return created
