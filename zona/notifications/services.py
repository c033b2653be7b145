"""Every notification write: create (once per person and key), deliver by e-mail, mark read;
and plain-text e-mail to people without an account (applicants, reporters)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record

from .models import Notification


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


def notifications_deliver() -> int:
    """E-mail every notification not e-mailed yet (a run that died half-way is retried here);
    people without an address see it in the app only. Returns how many e-mails were sent."""
    sent = 0
    for notification in Notification.objects.filter(emailed=False).select_related("user"):
        if notification.user.email and notification.user.is_active:
            email_send(
                to=notification.user.email,
                subject=_("[Zona] Reminder"),
                body=f"{notification.text}\n\n{settings.SITE_URL}{notification.url}",
            )
            sent += 1
        Notification.objects.filter(pk=notification.pk).update(emailed=True)
    return sent


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
