"""E-mails to the citizen who gave an e-mail address: a receipt with the number and tracking
code when the case is opened, and a short message at each change of status (docs/cases.md,
"E-mails to the citizen"). Plain text: what the citizen typed stays text. The tracking code is
written only into the citizen's own receipt; it is never stored, logged or put on the timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zona.notifications.services import email_address, email_send_quietly, mail_configured

from .models import Case, CaseEvent, Sender
from .registry import KINDS


def short_number(case: Case) -> str:
    """The number's last part (000002): with the tracking code it finds the case on the unit's
    tracking page."""
    return f"{case.seq:06d}"


def _track_link(case: Case) -> str:
    return settings.SITE_URL + reverse(f"{KINDS[case.kind].namespace}_public:track", args=[case.unit.slug])


def citizen_address(case: Case) -> str:
    """Where the citizen's e-mails go: their contact when it is an e-mail address and a mail
    server is set (never the console, which is the server's log), else ""."""
    if case.anonymous or not mail_configured():
        return ""
    return email_address(case.reporter_contact)


def _facts(case: Case) -> dict:
    return {
        "name": case.reporter_name or _("Sir or Madam"),
        "unit": case.unit.name,
        "kind": KINDS[case.kind].label,
        "number": case.number,
        "short": short_number(case),
        "subject": case.subject,
        "link": _track_link(case),
    }


def receipt_send(case: Case, code: str) -> bool:
    """The receipt, with the tracking code, to the reporter's e-mail address (if they gave one)."""
    address = citizen_address(case)
    if not address:
        return False
    body = _(
        "Dear %(name)s,\n\n%(unit)s has received what you sent (%(kind)s).\n\n"
        "Number: %(number)s (short number: %(short)s)\nTracking code: %(code)s\nSubject: %(subject)s\n\n"
        "Keep the tracking code to yourself: with the number (or the short number) it opens your case at\n"
        "%(link)s\nWe will write to this address each time its status changes.\n"
    ) % {**_facts(case), "code": code}
    sent = email_send_quietly(
        to=address,
        subject=_("Receipt of %(number)s") % {"number": case.number},
        body=body,
        about=case.number,
    )
    if sent:
        CaseEvent.objects.create(case=case, action="receipt_emailed", public=False)  # never the address
    return sent


REPLY_CHARS = 5000  # a message's own limit (CaseMessage.text)


def officer_reply(case: Case) -> str:
    """What the officer wrote to the reporter with the latest change of status: their messages
    since it (internal notes never), else the change's own reason when the tracking page shows it.
    Plain text, as typed."""
    change = (
        case.events.filter(to_state=case.state, public=True)
        .exclude(from_state=case.state)
        .order_by("-created_at", "-pk")
        .first()
    )
    if change is None:
        return ""
    said = case.messages.filter(sender=Sender.OFFICER, internal=False, created_at__gte=change.created_at)
    text = "\n\n".join(said.order_by("created_at", "pk").values_list("text", flat=True)) or change.reason
    return text.strip()[:REPLY_CHARS]


def status_send(case: Case) -> bool:
    """A change of status, to the reporter's e-mail address, with the officer's message to them
    (never the tracking code: they hold it)."""
    address = citizen_address(case)
    if not address:
        return False
    state = KINDS[case.kind].workflow().states[case.state]
    body = _("Dear %(name)s,\n\nThe status of %(number)s at %(unit)s is now: %(state)s.\n\n") % {
        **_facts(case),
        "state": state.label,
    }
    reply = officer_reply(case)
    if reply:
        body += _("The officer's message to you:\n%(reply)s\n\n") % {"reply": reply}
    body += _(
        "Read its history and the officers' replies with your number (or the short number %(short)s) "
        "and tracking code at\n%(link)s\n"
    ) % _facts(case)
    sent = email_send_quietly(
        to=address,
        subject=_("%(number)s: %(state)s") % {"number": case.number, "state": state.label},
        body=body,
        about=case.number,
    )
    if sent:
        CaseEvent.objects.create(case=case, action="status_emailed", public=False)  # never the address
    return sent


def receipt_after_commit(case: Case, code: str) -> None:
    transaction.on_commit(lambda: receipt_send(case, code))


def status_after_commit(case: Case) -> None:
    transaction.on_commit(lambda: status_send(case))
