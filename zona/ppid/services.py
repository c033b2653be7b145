"""PPID writes: requests on the case engine (web or recorded by staff), extension, decisions with
their consequence test and itemised fee, the written notice, delivery, objections (keberatan)
and their answers, disputes before the Komisi Informasi, the Daftar Informasi Publik.
The annual report is in report.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.models import Case, CaseCounter, CaseEvent, Sender
from zona.cases.services import (
    CaseError,
    attachment_check,
    case_attach,
    case_message,
    case_open,
    case_transition,
)
from zona.evidence.services import evidence_create_file
from zona.lib.render import pdf_from_template
from zona.notifications.services import email_send
from zona.orgs.models import Unit
from zona.orgs.permissions import Action
from zona.workdays.services import add_working_days

from .models import (
    KIND,
    Channel,
    Decision,
    Delivery,
    Dispute,
    DisputeOutcome,
    DisputeStage,
    Ground,
    InfoCategory,
    InformationItem,
    InformationRequest,
    Objection,
    ObjectionOutcome,
    RefusalReason,
    rule,
)


@transaction.atomic
def request_submit(
    *,
    unit: Unit,
    name: str,
    applicant_type: str,
    address: str,
    contact: str,
    subject: str,
    information: str,
    purpose: str,
    obtain_method: str,
    delivery: str,
    identity=None,
    occupation: str = "",
    channel: str = Channel.WEB,
    received_on: date | None = None,
    identity_checked: bool = False,
    by=None,
    form_token: str = "",
) -> tuple[Case, str]:
    """Register a request. On the web the identity document is required; a request recorded by
    staff (desk, WhatsApp, letter, e-mail, e-PPID) carries the scan or the officer's statement
    that the document was shown. Files are checked before anything is saved."""
    if channel not in Channel.values:
        raise CaseError(_("Choose the channel the request came by."))
    if by is None and channel != Channel.WEB:
        raise CaseError(_("Only staff record requests received outside the website."))
    if identity is None and not (by is not None and identity_checked):
        raise CaseError(_("Attach an identity document (KTP/SIM/passport, or the legal entity's papers)."))
    facts = attachment_check(identity) if identity is not None else None
    case, code = case_open(
        kind=KIND,
        unit=unit,
        channel=channel,
        subject=subject,
        description=information,
        received_on=received_on or timezone.localdate(),
        reporter_name=name,
        reporter_contact=contact,
        by=by,
        form_token=form_token,
    )
    attachment = (
        case_attach(case=case, upload=identity, facts=facts, sender=Sender.CITIZEN)
        if identity is not None
        else None
    )
    InformationRequest.objects.create(
        case=case,
        applicant_type=applicant_type,
        address=address,
        occupation=occupation,
        identity=attachment,
        identity_checked=identity_checked and by is not None,
        purpose=purpose,
        obtain_method=obtain_method,
        delivery=delivery,
    )
    return case, code


def request_extend(*, case: Case, reason: str, by, today: date | None = None) -> Case:
    """One extension of at most 7 working days with written reasons, notified within the first
    10 working days (UU 14/2008 Ps 22(7)–(8)). Later, the request is simply late."""
    today = today or timezone.localdate()
    if case.state == "diterima" and case.due_on and today > case.due_on:
        raise CaseError(
            _(
                "The extension had to be notified within the first 10 working days (by %(date)s). "
                "The request is now late: decide it without delay."
            )
            % {"date": f"{case.due_on:%d-%m-%Y}"}
        )
    with transaction.atomic():
        case = case_transition(case=case, action="extend", by=by, reason=reason, today=today)
        InformationRequest.objects.filter(case=case).update(extension_reason=reason)
        case_message(
            case=case,
            sender=Sender.OFFICER,
            by=by,
            text=_("The time to answer is extended to %(date)s: %(reason)s")
            % {"date": f"{case.due_on:%d-%m-%Y}", "reason": reason},
        )
    return case


def _consequence_test(request: InformationRequest, exempt_item, harm, interest, decided_by, decided_on):
    """A refusal on exemption grounds rests on a consequence test: the DIP's exempt entry that has
    one, or one written for this request (harm, public interest, who decided, when)."""
    if exempt_item is not None:
        if exempt_item.unit_id != request.case.unit_id or exempt_item.category != InfoCategory.EXEMPT:
            raise CaseError(_("Choose an exempt entry of this unit's Daftar Informasi Publik."))
        request.exempt_item = exempt_item
        return
    if not (harm.strip() and interest.strip() and decided_by.strip() and decided_on):
        raise CaseError(
            _(
                "A refusal on exemption grounds needs its consequence test (uji konsekuensi): the harm "
                "of disclosure, the public interest weighed against it, who decided and when — or "
                "the exempt DIP entry that has one."
            )
        )
    request.consequence_harm = harm
    request.consequence_public_interest = interest
    request.consequence_decided_by = decided_by
    request.consequence_decided_on = decided_on


@transaction.atomic
def request_decide(
    *,
    case: Case,
    decision: str,
    info_status: str,
    by,
    refusal_reason: str = "",
    exemption_basis: str = "",
    exempt_item: InformationItem | None = None,
    consequence_harm: str = "",
    consequence_public_interest: str = "",
    consequence_decided_by: str = "",
    consequence_decided_on: date | None = None,
    holder: str = "",
    copy_pages: int = 0,
    fee_copy: Decimal | int = 0,
    fee_sending: Decimal | int = 0,
    payment_method: str = "",
    note: str = "",
    today: date | None = None,
) -> Case:
    if decision not in Decision.values:
        raise CaseError(_("Choose the decision."))
    if decision != Decision.FULL and refusal_reason not in RefusalReason.values:
        raise CaseError(_("Give the legal reason for refusing (all or part of) the request."))
    if min(copy_pages, fee_copy, fee_sending) < 0:
        raise CaseError(_("Costs can't be negative."))
    if fee_copy and not copy_pages:
        raise CaseError(_("A copying cost needs the number of pages copied."))
    today = today or timezone.localdate()
    request = InformationRequest.objects.select_for_update().select_related("case__unit").get(case=case)
    exempt = decision != Decision.FULL and refusal_reason == RefusalReason.EXEMPT
    if exempt:
        if not exemption_basis.strip() and exempt_item is None:
            raise CaseError(_("Name the exemption (UU 14/2008 Pasal 17 letter)."))
        _consequence_test(
            request,
            exempt_item,
            consequence_harm,
            consequence_public_interest,
            consequence_decided_by,
            consequence_decided_on,
        )
        exemption_basis = exemption_basis.strip() or exempt_item.exemption_basis
    case = case_transition(case=case, action="decide", by=by, reason=note, today=today)
    request.decision = decision
    request.info_status = info_status
    request.holder = holder
    request.refusal_reason = "" if decision == Decision.FULL else refusal_reason
    request.exemption_basis = exemption_basis if exempt else ""
    request.copy_pages = copy_pages
    request.fee_copy = fee_copy
    request.fee_sending = fee_sending
    request.payment_method = payment_method
    request.notice_on = today
    request.save()
    case_message(
        case=case,
        sender=Sender.OFFICER,
        by=by,
        text=_("Decision: %(decision)s. The written notice is ready to download.")
        % {"decision": Decision(decision).label},
    )
    transaction.on_commit(lambda: notice_email(request))
    return case


def applicant_email(case: Case) -> str:
    """The applicant's contact when it is an e-mail address, else ""."""
    contact = case.reporter_contact.strip()
    try:
        validate_email(contact)
    except ValidationError:
        return ""
    return contact


def notice_email(request: InformationRequest) -> bool:
    """Tell the applicant by e-mail that the written notice is issued (never the tracking code:
    they hold it). Plain text; returns whether an e-mail was sent."""
    address = applicant_email(request.case)
    if not address:
        return False
    case = request.case
    link = settings.SITE_URL + reverse("ppid:public_track", args=[case.unit.slug])
    email_send(
        to=address,
        subject=_("Written notice on your information request %(number)s") % {"number": case.number},
        body=_(
            "Dear %(name)s,\n\nThe PPID of %(unit)s has decided your request %(number)s: %(decision)s.\n"
            "Read and download the written notice with your request number and tracking code at\n%(link)s\n"
        )
        % {
            "name": case.reporter_name,
            "unit": case.unit.name,
            "number": case.number,
            "decision": request.get_decision_display(),
            "link": link,
        },
    )
    CaseEvent.objects.create(case=case, action="notice_emailed", public=False, reason=address)
    return True


@transaction.atomic
def request_deliver(
    *,
    case: Case,
    delivered_on: date,
    via: str,
    by,
    note: str = "",
    proof=None,
) -> InformationRequest:
    """Record that the information reached the applicant (the register's "waktu penyerahan"):
    when, how, and the proof (a receipt, the e-mail sent, a signed hand-over)."""
    request = InformationRequest.objects.select_for_update().select_related("case").get(case=case)
    if request.decision not in (Decision.FULL, Decision.PARTIAL):
        raise CaseError(_("Only information granted (in full or in part) is delivered."))
    if via not in Delivery.values:
        raise CaseError(_("Choose how the information was delivered."))
    if delivered_on < case.received_on or delivered_on > timezone.localdate():
        raise CaseError(_("The delivery date must lie between the request and today."))
    if proof is None and not note.strip():
        raise CaseError(_("Give the proof of delivery (a file, or a note such as the receipt number)."))
    facts = attachment_check(proof) if proof is not None else None
    if proof is not None:
        request.delivery_proof = case_attach(case=case, upload=proof, facts=facts, sender=Sender.OFFICER)
    request.delivered_on = delivered_on
    request.delivered_via = via
    request.delivery_note = note.strip()[:300]
    request.save()
    CaseEvent.objects.create(
        case=case,
        actor=by,
        action="delivered",
        reason=_("Information delivered on %(date)s (%(via)s)")
        % {"date": f"{delivered_on:%d-%m-%Y}", "via": Delivery(via).label},
    )
    audit_record(
        actor=by,
        action="ppid.delivered",
        obj=case,
        unit=case.unit,
        changes={"delivered_on": delivered_on.isoformat(), "via": via},
    )
    return request


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


def notice_pdf(request: InformationRequest) -> bytes:
    return pdf_from_template("ppid/notice_pdf.html", {"request": request, "case": request.case})


def is_stale(item: InformationItem, today: date) -> bool:
    """Periodic information must be updated at least every 6 months (UU 14/2008 Ps 9(4); the
    period is `periodic_update_months` of data/workflow.yaml)."""
    if item.category != InfoCategory.PERIODIC:
        return False
    limit = rule("periodic_update_months")
    months = (today.year - item.updated_on.year) * 12 + today.month - item.updated_on.month
    return months > limit or (months == limit and today.day > item.updated_on.day)


@transaction.atomic
def dip_item_create(
    *,
    unit: Unit,
    title: str,
    category: str,
    updated_on: date,
    by,
    summary: str = "",
    responsible: str = "",
    upload=None,
    exemption_basis: str = "",
    consequence_test: str = "",
    tested_by: str = "",
) -> InformationItem:
    """An entry of the Daftar Informasi Publik. Exempt information needs its consequence test and
    legal basis; its document is readable by the PPID officers and the atasan PPID only."""
    exempt = category == InfoCategory.EXEMPT
    if exempt and not (consequence_test.strip() and exemption_basis.strip() and tested_by.strip()):
        raise CaseError(
            _("Exempt information needs its consequence test, its legal basis and who decided it.")
        )
    document = None
    if upload is not None:
        document = evidence_create_file(
            unit=unit,
            title=title,
            upload=upload,
            by=by,
            restricted_to=Action.READ_EXEMPT_INFORMATION if exempt else "",
        )
    item = InformationItem.objects.create(
        unit=unit,
        title=title,
        summary=summary,
        category=category,
        responsible=responsible,
        updated_on=updated_on,
        document=document,
        exemption_basis=exemption_basis if exempt else "",
        consequence_test=consequence_test if exempt else "",
        tested_by=tested_by if exempt else "",
        tested_on=timezone.localdate() if exempt else None,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="ppid.dip_item_created",
        obj=item,
        unit=unit,
        changes={"category": category, "document": document.pk if document else None},
    )
    return item
