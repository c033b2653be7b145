"""The case engine's writes: open (numbered, with a tracking code), move, assign, message, attach.
Deadlines come only from the working-day calendar. Every change lands on the case's timeline."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.lib.files import FileFacts, inspect_file
from zona.orgs.models import Unit
from zona.workdays.services import add_working_days

from .models import Case, CaseAttachment, CaseCounter, CaseEvent, CaseMessage, Sender
from .workflow import Workflow

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


class CaseError(Exception):
    """A case rule was broken; the message is for the user (Indonesian UI text)."""


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.strip().upper().encode(), hashlib.sha256).hexdigest()


def tracking_code_new() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def case_find(number: str, code: str) -> Case | None:
    """The case for number + tracking code, or None; a wrong number and a wrong code look alike."""
    case = Case.objects.filter(number=number.strip().upper()).select_related("unit").first()
    expected = case.tracking_hash if case else _hash("x" * 10)
    matches = hmac.compare_digest(expected, _hash(code))
    return case if case is not None and matches else None


def _next_number(kind: str, prefix: str, unit: Unit, year: int) -> tuple[int, str]:
    counter, _created = CaseCounter.objects.get_or_create(kind=kind, unit=unit, year=year)
    counter = CaseCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{prefix}/{unit.code}/{year}/{counter.last:06d}"


def deadline_for(
    workflow: Workflow, state: str, *, received_on: date, values: dict, today: date
) -> date | None:
    spec = workflow.states[state].deadline
    if spec is None:
        return None
    days = spec.days(values)
    if days is None:
        return None
    return add_working_days(received_on if spec.start == "received" else today, days)


@transaction.atomic
def case_open(
    *,
    kind: str,
    prefix: str,
    workflow: Workflow,
    unit: Unit,
    channel: str,
    subject: str,
    description: str,
    received_on: date,
    reporter_name: str = "",
    reporter_contact: str = "",
    anonymous: bool = False,
    confidential: bool = False,
    by=None,
    values: dict | None = None,
) -> tuple[Case, str]:
    """Open a case; returns it and the tracking code (shown once, stored only as a hash)."""
    seq, number = _next_number(kind, prefix, unit, received_on.year)
    code = tracking_code_new()
    case = Case.objects.create(
        kind=kind,
        unit=unit,
        year=received_on.year,
        seq=seq,
        number=number,
        tracking_hash=_hash(code),
        state=workflow.initial,
        received_on=received_on,
        channel=channel,
        subject=subject,
        description=description,
        reporter_name="" if anonymous else reporter_name,
        reporter_contact="" if anonymous else reporter_contact,
        anonymous=anonymous,
        confidential=confidential,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        due_on=deadline_for(
            workflow, workflow.initial, received_on=received_on, values=values or {}, today=received_on
        ),
    )
    CaseEvent.objects.create(case=case, actor=case.created_by, action="opened", to_state=case.state)
    audit_record(actor=by, action=f"{kind}.opened", obj=case, unit=unit, changes={"channel": channel})
    return case, code


@transaction.atomic
def case_transition(
    *,
    case: Case,
    workflow: Workflow,
    action: str,
    by,
    reason: str = "",
    values: dict | None = None,
    today: date | None = None,
) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    transition = workflow.transitions.get(action)
    if transition is None or case.state not in transition.sources:
        raise CaseError(_("This step is not possible in the current status."))
    if transition.reason == "required" and not reason.strip():
        raise CaseError(_("Give the reason for this step."))
    today = today or timezone.localdate()
    before = case.state
    case.state = transition.target
    case.state_since = timezone.now()
    case.due_on = deadline_for(
        workflow, case.state, received_on=case.received_on, values=values or {}, today=today
    )
    case.closed_at = timezone.now() if workflow.states[case.state].final else None
    case.save(update_fields=["state", "state_since", "due_on", "closed_at"])
    CaseEvent.objects.create(
        case=case,
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        from_state=before,
        to_state=case.state,
        reason=reason,
    )
    audit_record(
        actor=by,
        action=f"{case.kind}.{action}",
        obj=case,
        unit=case.unit,
        changes={"state": [before, case.state], "reason": reason},
    )
    return case


@transaction.atomic
def case_assign(*, case: Case, officer, by) -> Case:
    case.assigned_to = officer
    case.save(update_fields=["assigned_to"])
    CaseEvent.objects.create(case=case, actor=by, action="assigned", reason=str(officer or "-"), public=False)
    audit_record(
        actor=by,
        action=f"{case.kind}.assigned",
        obj=case,
        unit=case.unit,
        changes={"officer": str(officer) if officer else None},
    )
    return case


@transaction.atomic
def case_message(*, case: Case, sender: str, text: str, by=None, internal: bool = False) -> CaseMessage:
    if not text.strip():
        raise CaseError(_("The message is empty."))
    if sender == Sender.CITIZEN and internal:
        raise CaseError(_("A citizen can't write internal notes."))
    message = CaseMessage.objects.create(
        case=case,
        sender=sender,
        text=text,
        internal=internal,
        author=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by,
        action=f"{case.kind}.message",
        obj=case,
        unit=case.unit,
        changes={"sender": sender, "internal": internal},
    )
    return message


def attachment_check(upload: UploadedFile) -> FileFacts:
    """Check an upload before any case is opened (FileRejected), so a bad file saves nothing."""
    return inspect_file(upload, max_bytes=settings.ZONA_MAX_UPLOAD_MB * 1024 * 1024)


def case_attach(
    *, case: Case, upload: UploadedFile, sender: str, facts: FileFacts | None = None
) -> CaseAttachment:
    facts = facts or attachment_check(upload)
    attachment = CaseAttachment(
        case=case,
        original_name=(upload.name or "berkas")[-255:],
        sha256=facts.sha256,
        size=facts.size,
        mime=facts.mime,
        sender=sender,
        extension=facts.extension,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    attachment.save()
    return attachment


def is_overdue(case: Case, workflow: Workflow, today: date) -> bool:
    return bool(case.due_on and case.due_on < today and not workflow.states[case.state].final)


# -- every module's cases: deadlines that move with the calendar, reminders ---------------------
# kind → (workflow loader, function giving the deadline values of a case); modules register in
# their AppConfig.ready, so the engine never imports them.
MODULES: dict[str, tuple] = {}
HANDLING_ACTIONS: dict[str, str] = {}  # kind → the permissions.Action that handles its cases


def register_module(kind: str, workflow_loader, values=lambda case: {}, *, action: str = "") -> None:
    MODULES[kind] = (workflow_loader, values)
    if action:
        HANDLING_ACTIONS[kind] = action


def cases_recalculate(changed: date) -> int:
    """After a calendar change: move every open deadline on or after the changed day, and record
    the move on the case's timeline (registered with zona.workdays)."""
    moved = 0
    open_cases = Case.objects.filter(kind__in=MODULES, due_on__gte=changed, closed_at__isnull=True)
    for case in open_cases.select_related("unit"):
        loader, values = MODULES[case.kind]
        flow = loader()
        start = timezone.localtime(case.state_since).date()
        new = deadline_for(flow, case.state, received_on=case.received_on, values=values(case), today=start)
        if new and new != case.due_on:
            CaseEvent.objects.create(
                case=case,
                action="deadline_moved",
                public=True,
                reason=_("Deadline moved from %(old)s to %(new)s: the calendar changed on %(day)s")
                % {"old": f"{case.due_on:%d-%m-%Y}", "new": f"{new:%d-%m-%Y}", "day": f"{changed:%d-%m-%Y}"},
            )
            audit_record(
                actor=None,
                action=f"{case.kind}.deadline_moved",
                obj=case,
                unit=case.unit,
                changes={"due_on": [case.due_on.isoformat(), new.isoformat()]},
            )
            case.due_on = new
            case.save(update_fields=["due_on"])
            moved += 1
    return moved


def cases_remind(*, today: date) -> int:
    """Tell each assigned officer (in the app) about their overdue cases, once per state."""
    from django.urls import reverse

    from zona.monev.models import Notification

    notes = []
    for case in Case.objects.filter(
        kind__in=MODULES, due_on__lt=today, assigned_to__isnull=False, closed_at__isnull=True
    ):
        flow = MODULES[case.kind][0]()
        notes.append(
            Notification(
                user_id=case.assigned_to_id,
                key=f"case-{case.pk}-{case.state}-overdue",
                emailed=True,
                text=(
                    _("%(number)s is overdue (%(state)s, due %(date)s)")
                    % {
                        "number": case.number,
                        "state": flow.states[case.state].label,
                        "date": f"{case.due_on:%d-%m-%Y}",
                    }
                )[:500],
                url=reverse(f"{MODULE_URLS.get(case.kind, 'complaints')}:detail", args=[case.pk]),
            )
        )
    return len(Notification.objects.bulk_create(notes, ignore_conflicts=True))


MODULE_URLS = {"complaint": "complaints", "ppid": "ppid"}


def deadline_explained(case: Case) -> str:
    """How the current deadline was counted: "10 hari kerja dari …: dilewati … → …"."""
    from zona.workdays.services import explain

    if case.kind not in MODULES or case.due_on is None:
        return ""
    loader, values = MODULES[case.kind]
    spec = loader().states[case.state].deadline
    days = spec.days(values(case)) if spec else None
    if days is None:
        return ""
    start = case.received_on if spec.start == "received" else timezone.localtime(case.state_since).date()
    return explain(start, days)
