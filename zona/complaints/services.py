"""Complaints on the shared case engine: submission (web or staff), the workflow steps, the
reporter's silence closing a case, and the statistics the portal and the LKE use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.cases.models import Case, CaseMessage, Sender
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

from .models import KIND, PREFIX, Channel, Complaint, ComplaintType, workflow

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
    case, code = case_open(
        kind=KIND,
        prefix=PREFIX,
        workflow=workflow(),
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
    )
    Complaint.objects.create(case=case, category=category, lapor_id=lapor_id)
    for upload, facts in zip(files, checked, strict=True):
        case_attach(
            case=case, upload=upload, facts=facts, sender=Sender.CITIZEN if by is None else Sender.OFFICER
        )
    return case, code


def complaint_step(
    *, case: Case, action: str, by, reason: str = "", complaint_type: str = "", today: date | None = None
) -> Case:
    """Move a complaint along its workflow. Verifying sets its type, which sets the completion
    deadline; the response and the completion are messages to the reporter."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(case=case)
        if action == "verify":
            if complaint_type not in ComplaintType.values:
                raise CaseError(_("Choose the complaint type when verifying."))
            complaint.complaint_type = complaint_type
        values = {"complaint_type": complaint.complaint_type}
        case = case_transition(
            case=case, workflow=workflow(), action=action, by=by, reason=reason, values=values, today=today
        )
        if action in ("respond", "complete", "reject") and reason.strip():
            case_message(case=case, sender=Sender.OFFICER, text=reason, by=by)
        if action == "respond":
            complaint.responded_on = today or timezone.localdate()
        complaint.save()
    return case


def complaint_reply(*, case: Case, text: str) -> CaseMessage:
    """The reporter writes back through the tracking page."""
    if workflow().states[case.state].final:
        raise CaseError(_("This complaint is closed."))
    return case_message(case=case, sender=Sender.CITIZEN, text=text)


def complaints_autoclose(*, today: date) -> int:
    """Close complaints answered N working days ago whose reporter stayed silent. Idempotent."""
    days = workflow().settings.get("autoclose_after_working_days", 10)
    closed = 0
    waiting = Complaint.objects.filter(
        case__state="ditindaklanjuti", responded_on__isnull=False
    ).select_related("case")
    for complaint in waiting:
        if add_working_days(complaint.responded_on, days) > today:
            continue
        replied = CaseMessage.objects.filter(
            case=complaint.case, sender=Sender.CITIZEN, created_at__date__gt=complaint.responded_on
        ).exists()
        if replied:
            continue
        complaint_step(
            case=complaint.case,
            action="autoclose",
            by=None,
            today=today,
            reason=_("Closed: no reply from the reporter within %(n)s working days of the response.")
            % {"n": days},
        )
        closed += 1
    return closed


@dataclass
class Statistics:
    received: int = 0
    in_process: int = 0
    completed: int = 0
    rejected: int = 0
    on_time: int = 0
    average_days: float | None = None
    by_channel: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def must_follow_up(self) -> int:
        """ "Harus ditindaklanjuti" in the LKE: every complaint received, less those rejected."""
        return self.received - self.rejected

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.completed, 2) if self.completed else None


def complaint_statistics(*, units, start: date, end: date) -> Statistics:
    """Complaints received in [start, end] by the given units."""
    cases = Case.objects.filter(kind=KIND, unit__in=units, received_on__gte=start, received_on__lte=end)
    stats = Statistics()
    by_state = dict(cases.order_by().values_list("state").annotate(n=Count("pk")))
    stats.received = sum(by_state.values())
    stats.completed = by_state.get("selesai", 0)
    stats.rejected = by_state.get("ditolak", 0)
    stats.in_process = stats.received - stats.completed - stats.rejected
    stats.by_channel = dict(cases.order_by().values_list("channel").annotate(n=Count("pk")))
    stats.by_category = dict(cases.order_by().values_list("complaint__category").annotate(n=Count("pk")))
    cal = calendar()
    durations = []
    table = workflow().states["ditindaklanjuti"].deadline.table
    for received_on, closed_at, kind in (
        cases.filter(state="selesai")
        .filter(~Q(closed_at=None))
        .values_list("received_on", "closed_at", "complaint__complaint_type")
    ):
        closed_on = timezone.localtime(closed_at).date()
        durations.append(cal.between(received_on, closed_on))
        if kind in table and closed_on <= cal.add(received_on, table[kind]):
            stats.on_time += 1
    if durations:
        stats.average_days = round(sum(durations) / len(durations), 1)
    return stats
