"""Complaints on the shared case engine: submission (web or staff), the workflow steps (with
SP4N-LAPOR!'s tunda / bukan wewenang / arsip), the LAPOR! status kept in step, the completion of
the follow-up and then the reporter's confirmation (or silence) closing a case, the statistics
the portal and the LKE use, and the register export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.models import Case, CaseEvent, CaseMessage, Sender
from zona.cases.services import (
    CaseError,
    attachment_check,
    case_attach,
    case_message,
    case_open,
    case_transition,
    is_final,
)
from zona.orgs.models import Unit
from zona.workdays.services import add_working_days, calendar

from .models import KIND, Category, Channel, Complaint, ComplaintType, LaporStatus, workflow

MAX_FILES = 3


@transaction.atomic
def complaint_submit(
    *,
    unit: Unit,
    subject: str,
    description: str,
    category: str,
    channel: str = Channel.WEB,
    reporter_name: str = "",
    reporter_contact: str = "",
    anonymous: bool = False,
    confidential: bool = False,
    files=(),
    lapor_id: str = "",
    received_on: date | None = None,
    by=None,
    form_token: str = "",
) -> tuple[Case, str]:
    """File a complaint; every attachment is checked first, so a bad file saves nothing."""
    files = list(files)
    if len(files) > MAX_FILES:
        raise CaseError(_("At most %(n)s attachments.") % {"n": MAX_FILES})
    checked = [attachment_check(upload) for upload in files]  # FileRejected before anything is saved
    if not anonymous and not reporter_contact.strip():
        raise CaseError(_("Give a contact (e-mail or phone), or file the complaint anonymously."))
    if channel == Channel.LAPOR and not lapor_id.strip():
        raise CaseError(_("A complaint from SP4N-LAPOR! needs its LAPOR! tracking ID."))
    if category not in Category.values:
        raise CaseError(_("Choose the category."))
    case, code = case_open(
        kind=KIND,
        unit=unit,
        channel=channel,
        subject=subject,
        description=description,
        received_on=received_on or timezone.localdate(),
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        anonymous=anonymous,
        confidential=confidential,
        by=by,
        form_token=form_token,
    )
    Complaint.objects.create(
        case=case,
        category=category,
        lapor_id=lapor_id,
        lapor_status=LaporStatus.UNVERIFIED if lapor_id else "",
    )
    for upload, facts in zip(files, checked, strict=True):
        case_attach(
            case=case, upload=upload, facts=facts, sender=Sender.CITIZEN if by is None else Sender.OFFICER
        )
    return case, code


def complaint_step(
    *,
    case: Case,
    action: str,
    by,
    reason: str = "",
    complaint_type: str = "",
    agency: str = "",
    forwarded_on: date | None = None,
    today: date | None = None,
) -> Case:
    """Move a complaint along its workflow. Verifying sets its type, which sets the completion
    deadline; passing it on (bukan wewenang) names the competent agency and the date. The first
    response only starts the follow-up: the complaint waits for the reporter's confirmation once
    the follow-up is recorded as completed (`complete`, the completion date), and is reopened if
    the follow-up goes on. Responses, the completion, a reopening, a refusal and a hold are
    messages to the reporter."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(case=case)
        if action == "verify":
            if complaint_type not in ComplaintType.values:
                raise CaseError(_("Choose the complaint type when verifying."))
            complaint.complaint_type = complaint_type
        if action == "forward":
            if not agency.strip() or forwarded_on is None:
                raise CaseError(_("Name the competent agency and the date the complaint was passed on."))
            complaint.forwarded_to = agency.strip()[:200]
            complaint.forwarded_on = forwarded_on
        values = {"complaint_type": complaint.complaint_type}
        case = case_transition(case=case, action=action, by=by, reason=reason, values=values, today=today)
        if action in TOLD_THE_REPORTER and reason.strip():
            text = reason
            if action == "forward":
                text = _("Passed on to %(agency)s on %(date)s: %(reason)s") % {
                    "agency": complaint.forwarded_to,
                    "date": f"{forwarded_on:%d-%m-%Y}",
                    "reason": reason,
                }
            if action == "complete":
                text = _(
                    "%(reason)s\n\nThe follow-up of your complaint is completed. If it is settled, "
                    "confirm it on the tracking page; if not, reply there. Without a reply within "
                    "%(days)s working days the complaint is closed."
                ) % {"reason": reason, "days": silence_days()}
            case_message(case=case, sender=Sender.OFFICER, text=text, by=by)
        if action == "respond":
            complaint.responded_on = today or timezone.localdate()
        if action == "complete":
            complaint.completed_on = today or timezone.localdate()
        if action == "reopen":
            complaint.completed_on = None
        complaint.save()
    return case


# The steps whose reason is written to the reporter as a message.
TOLD_THE_REPORTER = ("respond", "complete", "reopen", "reject", "postpone", "forward")


def silence_days() -> int:
    """Working days of the reporter's silence after the completion that close a complaint: the
    waiting state's deadline in the workflow file."""
    return workflow().states["menunggu_konfirmasi"].deadline.working_days


def complaint_confirm(*, case: Case, today: date | None = None) -> Case:
    """The reporter, on the tracking page, says the completed follow-up settles the complaint."""
    if case.state != "menunggu_konfirmasi":
        raise CaseError(_("This complaint is not waiting for your confirmation."))
    return complaint_step(
        case=case, action="confirm", by=None, reason=_("Confirmed by the reporter."), today=today
    )


# Zona's state → the statuses SP4N-LAPOR! may show for the same report (a completed follow-up
# waiting for the reporter is in process on LAPOR!, or already done there).
EXPECTED_LAPOR = {
    "diterima": {LaporStatus.UNVERIFIED},
    "ditunda": {LaporStatus.ON_HOLD},
    "verifikasi": {LaporStatus.NOT_FOLLOWED_UP},
    "ditindaklanjuti": {LaporStatus.IN_PROCESS},
    "menunggu_konfirmasi": {LaporStatus.IN_PROCESS, LaporStatus.DONE},
    "selesai": {LaporStatus.DONE},
    "ditolak": {LaporStatus.ARCHIVED},
    "bukan_wewenang": {LaporStatus.NOT_COMPETENT},
    "diarsipkan": {LaporStatus.ARCHIVED},
}


def lapor_out_of_step(complaint: Complaint) -> bool:
    """True when the status last read on SP4N-LAPOR! differs from what Zona's state implies."""
    if not complaint.lapor_id or not complaint.lapor_status:
        return False
    return complaint.lapor_status not in EXPECTED_LAPOR.get(complaint.case.state, set())


@transaction.atomic
def complaint_lapor_record(*, case: Case, status: str, synced_on: date, by, lapor_id: str = "") -> Complaint:
    """Record the report's status as read on SP4N-LAPOR! and when. An API link calls this same
    function with what the API answers; until then an officer records it by hand."""
    if status not in LaporStatus.values:
        raise CaseError(_("Choose the status shown on SP4N-LAPOR!."))
    complaint = Complaint.objects.select_for_update().get(case=case)
    if lapor_id.strip():
        complaint.lapor_id = lapor_id.strip()[:40]
    if not complaint.lapor_id:
        raise CaseError(_("Give the SP4N-LAPOR! tracking ID first."))
    before = [
        complaint.lapor_status,
        complaint.lapor_synced_on.isoformat() if complaint.lapor_synced_on else None,
    ]
    complaint.lapor_status = status
    complaint.lapor_synced_on = synced_on
    complaint.save(update_fields=["lapor_id", "lapor_status", "lapor_synced_on"])
    CaseEvent.objects.create(
        case=case,
        actor=by,
        action="lapor_synced",
        public=False,
        reason=f"{complaint.lapor_id}: {LaporStatus(status).label} ({synced_on:%d-%m-%Y})",
    )
    audit_record(
        actor=by,
        action="complaint.lapor_synced",
        obj=case,
        unit=case.unit,
        changes={"lapor_status": [before, [status, synced_on.isoformat()]]},
    )
    return complaint


def complaint_reply(*, case: Case, text: str) -> CaseMessage:
    """The reporter writes back through the tracking page."""
    if is_final(case):
        raise CaseError(_("This complaint is closed."))
    return case_message(case=case, sender=Sender.CITIZEN, text=text)


def complaints_autoclose(*, today: date) -> int:
    """Close complaints whose follow-up was recorded as completed N working days ago and whose
    reporter stayed silent since (a first response never starts this clock). Idempotent."""
    days = silence_days()
    closed = 0
    waiting = Complaint.objects.filter(
        case__state="menunggu_konfirmasi", completed_on__isnull=False
    ).select_related("case")
    for complaint in waiting:
        if add_working_days(complaint.completed_on, days) > today:
            continue
        replied = CaseMessage.objects.filter(
            case=complaint.case, sender=Sender.CITIZEN, created_at__gte=complaint.case.state_since
        ).exists()
        if replied:
            continue
        complaint_step(
            case=complaint.case,
            action="autoclose",
            by=None,
            today=today,
            reason=_(
                "Closed: no reply from the reporter within %(n)s working days of the completed follow-up."
            )
            % {"n": days},
        )
        closed += 1
    return closed


@dataclass
class Statistics:
    received: int = 0
    in_process: int = 0
    awaiting_confirmation: int = 0  # follow-up completed, waiting for the reporter (in process)
    completed: int = 0  # closed as selesai after a recorded completion
    closed_unrecorded: int = 0  # closed as selesai without a recorded completion (older records)
    rejected: int = 0
    forwarded: int = 0  # bukan wewenang: passed on to the competent agency
    archived: int = 0
    on_hold: int = 0
    on_time: int = 0  # completed within the deadline of its type, counted to the completion
    average_days: float | None = None
    by_channel: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def must_follow_up(self) -> int:
        """ "Harus ditindaklanjuti" in the LKE: every complaint received, less those rejected,
        passed on to another agency or archived."""
        return self.received - self.rejected - self.forwarded - self.archived

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.completed, 2) if self.completed else None


def complaint_statistics(*, units, start: date, end: date) -> Statistics:
    """Complaints received in [start, end] by the given units. Completed means closed after the
    follow-up was recorded as completed; the days and the on-time share run from receipt to
    that completion (not to the closing, which waits for the reporter)."""
    cases = Case.objects.filter(kind=KIND, unit__in=units, received_on__gte=start, received_on__lte=end)
    stats = Statistics()
    by_state = dict(cases.order_by().values_list("state").annotate(n=Count("pk")))
    stats.received = sum(by_state.values())
    stats.rejected = by_state.get("ditolak", 0)
    stats.forwarded = by_state.get("bukan_wewenang", 0)
    stats.archived = by_state.get("diarsipkan", 0)
    stats.on_hold = by_state.get("ditunda", 0)
    stats.awaiting_confirmation = by_state.get("menunggu_konfirmasi", 0)
    stats.by_channel = dict(cases.order_by().values_list("channel").annotate(n=Count("pk")))
    stats.by_category = dict(cases.order_by().values_list("complaint__category").annotate(n=Count("pk")))
    cal = calendar()
    durations = []
    table = workflow().states["ditindaklanjuti"].deadline.table
    closed = cases.filter(state="selesai").values_list(
        "received_on", "complaint__completed_on", "complaint__complaint_type"
    )
    for received_on, completed_on, kind in closed:
        if completed_on is None:
            stats.closed_unrecorded += 1
            continue
        stats.completed += 1
        durations.append(cal.between(received_on, completed_on))
        if kind in table and completed_on <= cal.add(received_on, table[kind]):
            stats.on_time += 1
    stats.in_process = stats.must_follow_up - stats.completed - stats.closed_unrecorded
    if durations:
        stats.average_days = round(sum(durations) / len(durations), 1)
    return stats
