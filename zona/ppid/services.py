"""PPID writes and reads: requests on the case engine, decisions and the written notice,
objections (keberatan) and their answers, the Daftar Informasi Publik, the annual report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.models import Case, CaseCounter, Sender
from zona.cases.services import (
    CaseError,
    attachment_check,
    case_attach,
    case_message,
    case_open,
    case_transition,
)
from zona.orgs.models import Unit
from zona.workdays.services import add_working_days, calendar

from .models import (
    KIND,
    PREFIX,
    Decision,
    Ground,
    InfoCategory,
    InformationItem,
    InformationRequest,
    Objection,
    RefusalReason,
    rule,
    workflow,
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
    identity,
    occupation: str = "",
    channel: str = "web",
    received_on: date | None = None,
    by=None,
) -> tuple[Case, str]:
    """Register a request; the identity document is required and checked before anything is saved."""
    if identity is None:
        raise CaseError(_("Attach an identity document (KTP/SIM/passport, or the legal entity's papers)."))
    facts = attachment_check(identity)
    case, code = case_open(
        kind=KIND,
        prefix=PREFIX,
        workflow=workflow(),
        unit=unit,
        channel=channel,
        subject=subject,
        description=information,
        received_on=received_on or timezone.localdate(),
        reporter_name=name,
        reporter_contact=contact,
        by=by,
    )
    attachment = case_attach(case=case, upload=identity, facts=facts, sender=Sender.CITIZEN)
    InformationRequest.objects.create(
        case=case,
        applicant_type=applicant_type,
        address=address,
        occupation=occupation,
        identity=attachment,
        purpose=purpose,
        obtain_method=obtain_method,
        delivery=delivery,
    )
    return case, code


def request_extend(*, case: Case, reason: str, by, today: date | None = None) -> Case:
    """One extension of at most 7 working days, with written reasons (domain.md 3.1)."""
    with transaction.atomic():
        case = case_transition(
            case=case, workflow=workflow(), action="extend", by=by, reason=reason, today=today
        )
        InformationRequest.objects.filter(case=case).update(extension_reason=reason)
        case_message(
            case=case,
            sender=Sender.OFFICER,
            by=by,
            text=_("The time to answer is extended to %(date)s: %(reason)s")
            % {"date": f"{case.due_on:%d-%m-%Y}", "reason": reason},
        )
    return case


@transaction.atomic
def request_decide(
    *,
    case: Case,
    decision: str,
    info_status: str,
    by,
    refusal_reason: str = "",
    exemption_basis: str = "",
    holder: str = "",
    fee: int = 0,
    payment_method: str = "",
    note: str = "",
    today: date | None = None,
) -> Case:
    if decision not in Decision.values:
        raise CaseError(_("Choose the decision."))
    if decision != Decision.FULL and refusal_reason not in RefusalReason.values:
        raise CaseError(_("Give the legal reason for refusing (all or part of) the request."))
    if refusal_reason == RefusalReason.EXEMPT and not exemption_basis.strip():
        raise CaseError(_("Name the exemption (UU 14/2008 Pasal 17 letter)."))
    today = today or timezone.localdate()
    request = InformationRequest.objects.select_for_update().get(case=case)
    case = case_transition(case=case, workflow=workflow(), action="decide", by=by, reason=note, today=today)
    request.decision = decision
    request.info_status = info_status
    request.holder = holder
    request.refusal_reason = "" if decision == Decision.FULL else refusal_reason
    request.exemption_basis = exemption_basis
    request.fee = fee
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
    return case


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
    by=None,
) -> Objection:
    received_on = received_on or timezone.localdate()
    grounds = sorted(set(grounds))
    if not grounds or not set(grounds) <= set(Ground.values):
        raise CaseError(_("Choose at least one ground of Pasal 35."))
    if not case_position.strip():
        raise CaseError(_("Describe the case (kasus posisi)."))
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
        grounds=grounds,
        case_position=case_position,
        response_due=add_working_days(received_on, rule("objection_response_working_days")),
    )
    audit_record(
        actor=by,
        action="ppid.objection_filed",
        obj=objection,
        unit=request.case.unit,
        changes={"grounds": grounds},
    )
    return objection


@transaction.atomic
def objection_answer(
    *, objection: Objection, response: str, responder: str, by, responded_on: date | None = None
) -> Objection:
    if not response.strip() or not responder.strip():
        raise CaseError(_("Write the response and the name and position of the PPID superior."))
    if objection.responded_on:
        raise CaseError(_("This keberatan is already answered."))
    objection.response = response
    objection.responder = responder
    objection.responded_on = responded_on or timezone.localdate()
    objection.commission_deadline = add_working_days(
        objection.responded_on, rule("information_commission_working_days")
    )
    objection.save()
    audit_record(actor=by, action="ppid.objection_answered", obj=objection, unit=objection.request.case.unit)
    return objection


def commission_window(objection: Objection) -> date:
    """Until when the applicant may go to the Komisi Informasi (14 working days after the answer,
    or after the 30 days for the answer passed unanswered)."""
    if objection.commission_deadline:
        return objection.commission_deadline
    return add_working_days(objection.response_due, rule("information_commission_working_days"))


def notice_pdf(request: InformationRequest) -> bytes:
    from weasyprint import HTML

    html = render_to_string("ppid/notice_pdf.html", {"request": request, "case": request.case})
    return HTML(string=html).write_pdf()


def is_stale(item: InformationItem, today: date) -> bool:
    """Periodic information must be updated at least every 6 months (domain.md 3.3)."""
    if item.category != InfoCategory.PERIODIC:
        return False
    months = (today.year - item.updated_on.year) * 12 + today.month - item.updated_on.month
    return months > 6 or (months == 6 and today.day > item.updated_on.day)


@dataclass
class AnnualReport:
    unit: Unit
    year: int
    requests: int = 0
    granted_full: int = 0
    granted_partial: int = 0
    refused: int = 0
    refusal_reasons: dict[str, int] = field(default_factory=dict)
    undecided: int = 0
    average_days: float | None = None
    on_time: int = 0
    objections: int = 0
    objections_answered: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)


def annual_report(*, unit: Unit, year: int) -> AnnualReport:
    """The figures of the annual public-information report (domain.md 3.7) from the registers."""
    requests = InformationRequest.objects.filter(
        case__unit=unit, case__received_on__year=year
    ).select_related("case")
    report = AnnualReport(unit=unit, year=year)
    decisions = dict(requests.order_by().values_list("decision").annotate(n=Count("pk")))
    report.requests = sum(decisions.values())
    report.granted_full = decisions.get(Decision.FULL, 0)
    report.granted_partial = decisions.get(Decision.PARTIAL, 0)
    report.refused = decisions.get(Decision.REFUSED, 0)
    report.undecided = decisions.get("", 0)
    report.refusal_reasons = {
        str(RefusalReason(k).label): v
        for k, v in requests.exclude(refusal_reason="")
        .order_by()
        .values_list("refusal_reason")
        .annotate(n=Count("pk"))
    }
    report.by_channel = dict(requests.order_by().values_list("case__channel").annotate(n=Count("pk")))
    cal = calendar()
    days = []
    for request in requests.exclude(notice_on=None):
        taken = cal.between(request.case.received_on, request.notice_on)
        days.append(taken)
        limit = 17 if request.extension_reason else 10
        report.on_time += taken <= limit
    report.average_days = round(sum(days) / len(days), 1) if days else None
    objections = Objection.objects.filter(request__case__unit=unit, received_on__year=year)
    report.objections = objections.count()
    report.objections_answered = objections.exclude(responded_on=None).count()
    return report


def annual_report_xlsx(report: AnnualReport) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Laporan")
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 1, 14)
    sheet.write(
        0, 0, f"LAPORAN LAYANAN INFORMASI PUBLIK {report.unit.name.upper()} TAHUN {report.year}", bold
    )
    rows = [
        ("Jumlah permohonan", report.requests),
        ("Dikabulkan seluruhnya", report.granted_full),
        ("Dikabulkan sebagian", report.granted_partial),
        ("Ditolak", report.refused),
        ("Belum diputus", report.undecided),
        ("Rata-rata waktu pemberitahuan tertulis (hari kerja)", report.average_days or 0),
        ("Diputus tepat waktu", report.on_time),
        ("Jumlah keberatan", report.objections),
        ("Keberatan yang ditanggapi atasan PPID", report.objections_answered),
    ]
    rows += [(f"Alasan penolakan: {k}", v) for k, v in report.refusal_reasons.items()]
    rows += [(f"Saluran: {k}", v) for k, v in report.by_channel.items()]
    for line, (label, value) in enumerate(rows, start=2):
        sheet.write(line, 0, label)
        sheet.write_number(line, 1, value)
    book.close()
    return buffer.getvalue()


def annual_report_pdf(report: AnnualReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("ppid/annual_pdf.html", {"report": report})).write_pdf()
