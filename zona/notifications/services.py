"""Every notification write: create (once per person and key), deliver by e-mail, mark read;
and plain-text e-mail to people without an account (applicants, reporters)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from zona.audit.services import audit_record

from .models import Notification

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """What a module wants to tell one person. `key` is unique per person: the same key again
    sends nothing new."""

    user_id: int
    key: str
    text: str
    url: str = ""
    email: bool = True


def notify(notices: list[Notice]) -> int:
    """Create the notifications not sent before; returns how many are new."""
    if not notices:
        return 0
    with transaction.atomic():
        keys = {n.key for n in notices}
        existing = set(Notification.objects.filter(key__in=keys).values_list("user_id", "key"))
        new = []
        seen = set()
        for n in notices:
            if (n.user_id, n.key) in existing or (n.user_id, n.key) in seen:
                continue
            seen.add((n.user_id, n.key))
            new.append(
                Notification(
                    user_id=n.user_id,
                    key=n.key[:120],
                    text=n.text[:500],
                    url=n.url[:300],
                    emailed=not n.email,
                )
            )
        Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def notify_now(notices: list[Notice]) -> int:
    """Create the notifications (see `notify`) and, once the transaction commits, have the
    worker e-mail them: a rejection or a send-back is told at once, not with the next day's
    reminders. Returns how many are new."""
    created = notify(notices)
    if created:
        from .tasks import notifications_deliver_task

        transaction.on_commit(notifications_deliver_task)
    return created


def notifications_deliver() -> int:
    """E-mail every notification not e-mailed yet (a run that died half-way is retried here);
    people without an address see it in the app only. Returns how many e-mails were sent."""
    sent = 0
    for notification in Notification.objects.filter(emailed=False).select_related("user"):
        if notification.user.email and notification.user.is_active:
            email_send(
                to=notification.user.email,
                subject=f"[Zona] {_subject(notification.text)}",
                body=f"{notification.text}\n\n{settings.SITE_URL}{notification.url}",
            )
            sent += 1
        Notification.objects.filter(pk=notification.pk).update(emailed=True)
    return sent


def _subject(text: str) -> str:
    """An e-mail subject from a notification's text: its first line, shortened."""
    line = " ".join(text.split())
    return line if len(line) <= 100 else line[:99] + "…"


def email_address(contact: str) -> str:
    """The contact when it is an e-mail address (a citizen may give a phone number), else ""."""
    contact = contact.strip()
    try:
        validate_email(contact)
    except ValidationError:
        return ""
    return contact


UNSENT_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",  # prints the message: into the server's log
    "django.core.mail.backends.dummy.EmailBackend",
}


def mail_configured() -> bool:
    """A mail server (or a test outbox) takes e-mails: not the console fallback, which would
    write a message, and a citizen's tracking code, into the server's log."""
    return settings.EMAIL_BACKEND not in UNSENT_BACKENDS


def email_send_quietly(*, to: str, subject: str, body: str, about: str) -> bool:
    """`email_send` for a message whose failure must not undo what was done (a case already
    filed): a failure is logged by `about` (never the body, which may hold a tracking code)."""
    try:
        email_send(to=to, subject=subject, body=body)
    except Exception:  # noqa: BLE001 - any mail-server failure; the case stays filed
        log.warning("e-mail about %s not sent", about, exc_info=False)
        return False
    return True


def email_send(*, to: str, subject: str, body: str) -> None:
    """A plain-text e-mail: whatever a person typed stays text (never HTML)."""
    send_mail(
        subject=" ".join(subject.split())[:200],
        message=body,
        from_email=None,
        recipient_list=[to],
        fail_silently=False,
    )


@transaction.atomic
def notifications_mark_read(*, user) -> int:
    count = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        audit_record(actor=user, action="notifications.read", obj=user, changes={"count": count})
    return count
