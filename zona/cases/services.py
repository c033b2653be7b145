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
from zona.lib.errors import RuleError
from zona.lib.files import FileFacts, inspect_file
from zona.notifications.services import Notice, notifications_deliver, notify
from zona.orgs.models import Unit
from zona.workdays.services import calendar_scope, deadline_text

from .mail import receipt_after_commit, status_after_commit
from .models import Case, CaseAttachment, CaseCounter, CaseEvent, CaseMessage, Sender
from .registry import KINDS, daily_jobs
from .workflow import deadline_for, move

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


class CaseError(RuleError):
    """A case rule was broken; the message is for the user (Indonesian UI text)."""


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.strip().upper().encode(), hashlib.sha256).hexdigest()


def _derive(purpose: str, token: str) -> bytes:
    message = f"{purpose}:{token}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def tracking_code_new(form_token: str = "") -> str:
    """A random code; for a submission with a form token, the code that token always gives
    (so a resubmission answers the same code, while only its hash is stored)."""
    if not form_token:
        return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))
    digest = _derive("code", form_token)
    return "".join(TRACKING_ALPHABET[b % len(TRACKING_ALPHABET)] for b in digest[:10])


def submission_key(form_token: str) -> str:
    return _derive("form", form_token).hex()


def case_find(number: str, code: str) -> Case | None:
    """The case for number + tracking code, or None; a wrong number and a wrong code look alike."""
    case = Case.objects.filter(number=number.strip().upper()[:80]).select_related("unit").first()
    expected = case.tracking_hash if case else _hash("x" * 10)
    matches = hmac.compare_digest(expected, _hash(code[:40]))
    return case if case is not None and matches else None


def case_numbered(number: str, *, unit: Unit, kind: str) -> Case | None:
    """The unit's case of this kind with this number, whatever the code (to count guesses on it)."""
    return Case.objects.filter(number=number.strip().upper()[:80], unit=unit, kind=kind).first()


def case_number_full(number: str, code: str, *, unit: Unit, kind: str) -> str:
    """The full number for a short one (`000002`, or `2`) on this unit's tracking page: of the
    unit's cases of this kind with that sequence number (one per year), the one the code opens,
    else the latest (so a wrong code counts against a case, as with the full number). Any
    other text is returned as given."""
    short = number.strip()
    if not (short.isdigit() and len(short) <= 6):
        return number
    numbered = list(
        Case.objects.filter(unit=unit, kind=kind, seq=int(short))
        .order_by("-year")
        .values_list("number", "tracking_hash")
    )
    given = _hash(code[:40])
    for full, expected in numbered:
        if hmac.compare_digest(expected, given):
            return full
    return numbered[0][0] if numbered else number


def case_for_token(*, kind: str, unit: Unit, form_token: str) -> tuple[Case, str] | None:
    """The case a form token already opened (an answer lost on the way: the same number and
    code again, never a duplicate), or None."""
    if not form_token:
        return None
    case = Case.objects.filter(kind=kind, unit=unit, submission_key=submission_key(form_token)).first()
    return (case, tracking_code_new(form_token)) if case else None


def number_next(kind: str, prefix: str, unit: Unit, year: int) -> tuple[int, str]:
    counter, _created = CaseCounter.objects.get_or_create(kind=kind, unit=unit, year=year)
    counter = CaseCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{prefix}/{unit.code}/{year}/{counter.last:06d}"


@transaction.atomic
def case_open(
    *,
    kind: str,
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
    form_token: str = "",
) -> tuple[Case, str]:
    """Open a case; returns it and the tracking code (shown once, stored only as a hash). A
    form token already used raises IntegrityError (see `case_for_token`)."""
    spec = KINDS[kind]
    workflow = spec.workflow()
    seq, number = number_next(kind, spec.prefix, unit, received_on.year)
    code = tracking_code_new(form_token)
    case = Case.objects.create(
        kind=kind,
        unit=unit,
        year=received_on.year,
        seq=seq,
        number=number,
        tracking_hash=_hash(code),
        submission_key=submission_key(form_token) if form_token else None,
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
    receipt_after_commit(case, code)
    return case, code


@transaction.atomic
def case_transition(
    *,
    case: Case,
    action: str,
    by,
    reason: str = "",
    values: dict | None = None,
    today: date | None = None,
    tell_citizen: bool = True,
) -> Case:
    """Move the case; the citizen who gave an e-mail address is told the new status (unless the
    caller sends its own message, `tell_citizen=False`)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    step = move(
        KINDS[case.kind].workflow(),
        state=case.state,
        action=action,
        reason=reason,
        received_on=case.received_on,
        today=today or timezone.localdate(),
        values=values,
        error=CaseError,
    )
    before = case.state
    case.state = step.state
    case.state_since = timezone.now()
    case.due_on = step.due_on
    case.closed_at = timezone.now() if step.final else None
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
    if tell_citizen and case.state != before:
        status_after_commit(case)
    return case


@transaction.atomic
def case_assign(*, case: Case, officer, by) -> Case:
    """Assign the case to an officer who may handle it on its unit (or to no one)."""
    if officer is not None and not KINDS[case.kind].officers(case).filter(pk=officer.pk).exists():
        raise CaseError(_("This person does not handle these cases on this unit."))
    before = str(case.assigned_to) if case.assigned_to_id else None
    case.assigned_to = officer
    case.save(update_fields=["assigned_to"])
    CaseEvent.objects.create(case=case, actor=by, action="assigned", reason=str(officer or "-"), public=False)
    audit_record(
        actor=by,
        action=f"{case.kind}.assigned",
        obj=case,
        unit=case.unit,
        changes={"officer": [before, str(officer) if officer else None]},
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


def is_final(case: Case) -> bool:
    return KINDS[case.kind].workflow().states[case.state].final


def is_overdue(case: Case, today: date) -> bool:
    return bool(case.due_on and case.due_on < today and not is_final(case))


# -- every kind's cases: deadlines that move with the calendar, reminders ----------------------
def cases_recalculate(changed: date) -> int:
    """After a calendar change: move every open deadline on or after the changed day, and record
    the move on the case's timeline (registered with zona.workdays)."""
    moved = 0
    open_cases = Case.objects.filter(kind__in=KINDS, due_on__gte=changed, closed_at__isnull=True)
    for case in open_cases.select_related("unit"):
        kind = KINDS[case.kind]
        start = timezone.localtime(case.state_since).date()
        new = deadline_for(
            kind.workflow(),
            case.state,
            received_on=case.received_on,
            values=kind.deadline_values(case),
            today=start,
        )
        if new and new != case.due_on:
            CaseEvent.objects.create(
                case=case,
                action="deadline_moved",
                public=True,
                reason=_("Deadline moved from %(old)s to %(new)s: the calendar changed on %(day)s")
                % {
                    "old": deadline_text(case.due_on),
                    "new": deadline_text(new),
                    "day": f"{changed:%d-%m-%Y}",
                },
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
    """Tell each assigned officer about their overdue cases (in the app and by e-mail), once per
    case and state."""
    from django.urls import reverse

    notices = []
    for case in Case.objects.filter(
        kind__in=KINDS, due_on__lt=today, assigned_to__isnull=False, closed_at__isnull=True
    ):
        kind = KINDS[case.kind]
        notices.append(
            Notice(
                user_id=case.assigned_to_id,
                key=f"case-{case.pk}-{case.state}-overdue",
                text=_("%(number)s is overdue (%(state)s, due %(date)s)")
                % {
                    "number": case.number,
                    "state": kind.workflow().states[case.state].label,
                    "date": deadline_text(case.due_on),
                },
                url=reverse(f"{kind.namespace}:detail", args=[case.pk]),
            )
        )
    created = notify(notices)
    notifications_deliver()
    return created


@calendar_scope()  # one read of the calendar for every kind's daily job
def cases_daily(*, today: date) -> dict[str, int]:
    """Every kind's daily job (e.g. closing silent complaints), then the officers' reminders.
    Safe to run twice."""
    done = daily_jobs(today)
    done["reminders"] = cases_remind(today=today)
    return done


def deadline_explained(case: Case) -> str:
    """How the current deadline was counted: "10 hari kerja dari …: dilewati … → …"."""
    from zona.workdays.services import explain

    kind = KINDS.get(case.kind)
    if kind is None or case.due_on is None:
        return ""
    spec = kind.workflow().states[case.state].deadline
    days = spec.days(kind.deadline_values(case)) if spec else None
    if days is None:
        return ""
    start = case.received_on if spec.start == "received" else timezone.localtime(case.state_since).date()
    return explain(start, days)
