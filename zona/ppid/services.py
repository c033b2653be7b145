"""PPID writes: requests on the case engine (web or recorded by staff), extension, decisions with
their consequence test and itemised fee, the written notice, delivery, the Daftar Informasi Publik.
Objections (keberatan), their answers and disputes before the Komisi Informasi are in
objections.py; the annual report is in report.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.models import Case, CaseEvent, Sender
from zona.cases.services import (
    CaseError,
    attachment_check,
    case_attach,
    case_message,
    case_open,
    case_transition,
)
from zona.evidence.services import evidence_create_file
from zona.notifications.services import email_address, email_send
from zona.orgs.models import Unit
from zona.orgs.permissions import Action
from zona.workdays.services import deadline_text

from .models import (
    KIND,
    Channel,
    Decision,
    Delivery,
    InfoCategory,
    InformationItem,
    InformationRequest,
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
            % {"date": deadline_text(case.due_on), "reason": reason},
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
    # the notice e-mail below tells the decision: no second e-mail for the same change
    case = case_transition(case=case, action="decide", by=by, reason=note, today=today, tell_citizen=False)
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
    return email_address(case.reporter_contact)


def notice_email(request: InformationRequest) -> bool:
    """Tell the applicant by e-mail that the written notice is issued (never the tracking code:
    they hold it). Plain text; returns whether an e-mail was sent."""
    address = applicant_email(request.case)
    if not address:
        return False
    case = request.case
    link = settings.SITE_URL + reverse("ppid_public:track", args=[case.unit.slug])
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
    CaseEvent.objects.create(case=case, action="notice_emailed", public=False)  # never the address
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
