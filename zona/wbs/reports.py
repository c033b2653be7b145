"""The reporter's side: a report sealed on arrival (the receipt code shown once), the return
with the receipt code, reading a report and its files, the reporter's replies. Nothing here
writes report content to the generic audit log, the notifications or the logs."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zona.cases.services import number_next
from zona.cases.workflow import deadline_for
from zona.notifications.services import Notice, notify
from zona.orgs.models import Unit
from zona.workdays.services import add_working_days

from . import crypto, rules
from .errors import WbsError
from .keys import (
    channel_open,
    content_holders,
    escrow_public,
    identity_accepted,
    identity_holders,
    installation,
    seal_key,
)
from .models import (
    Attachment,
    KeyKind,
    Message,
    Report,
    Sender,
    workflow,
)
from .rules import ANSWERS, KIND, setting
from .store import as_json, check_text, from_json, record_event, store_files, uploads_check


def report_submit(
    *, unit: Unit, answers: dict[str, str], identity: dict[str, str] | None, uploads
) -> tuple[Report, str]:
    """A report sealed on arrival; (the report, its receipt code — shown once, never stored)."""
    if not channel_open(unit):
        raise WbsError(_("This unit's whistleblowing channel is not open yet."))
    labels = {
        "what": _("what happened"),
        "who": _("who was involved"),
        "when": _("when"),
        "where": _("where"),
        "how": _("how it happened"),
    }
    clean = {name: check_text(answers.get(name, ""), name == "what", labels[name]) for name in ANSWERS}
    if identity is not None:
        identity = {
            k: check_text(v, False, _("your identity"))[:300] for k, v in identity.items() if v and v.strip()
        }
        if identity and not identity_accepted(unit):
            raise WbsError(_("This unit has no custodian for reporters' identities: report anonymously."))
    files = uploads_check(uploads)
    inst = installation()
    code = crypto.receipt_new()
    lookup, wrap = crypto.receipt_derive(code, bytes(inst.salt), crypto.KdfCost(inst.ops, inst.mem))
    content_key = crypto.data_key()
    today = rules.local_today()
    flow = workflow()
    with transaction.atomic():
        _seq, number = number_next(KIND, "WBS", unit, today.year)
        report = Report.objects.create(
            unit=unit,
            number=number,
            state=flow.initial,
            received_on=today,
            state_since=today,
            state_due=deadline_for(flow, flow.initial, received_on=today, values={}, today=today),
            feedback_due=add_working_days(today, setting("feedback_within_working_days")),
            lookup=lookup,
            reporter_key=crypto.encrypt(wrap, content_key),
            content=crypto.encrypt(content_key, as_json({**clean, "received_on": today.isoformat()})),
        )
        seal_key(report, content_key, KeyKind.CONTENT, content_holders(unit), escrow_public())
        if identity:
            identity_key = crypto.data_key()
            report.identity = crypto.encrypt(identity_key, as_json(identity))
            report.save(update_fields=["identity"])
            seal_key(report, identity_key, KeyKind.IDENTITY, identity_holders(unit), escrow_public())
        store_files(report, content_key, files, Sender.REPORTER, None)
        record_event(report, None, "received", files=len(files), identity=bool(identity))
    tell_holders(
        report, "new", _("New WBS report %(number)s for %(unit)s.") % {"number": number, "unit": unit.name}
    )
    return report, code


def tell_holders(report: Report, what: str, text: str) -> None:
    url = reverse("wbs:report", args=[report.pk])
    notify(
        [
            Notice(
                user_id=user_id,
                key=f"wbs:{report.pk}:{what}:{rules.local_today().isoformat()}",
                text=text,
                url=url,
            )
            for user_id in content_holders(report.unit)
        ]
    )


def report_by_receipt(code: str) -> tuple[Report, bytes] | None:
    """The report and its data key for a receipt code; None for a wrong or unknown code (the
    same answer for both, and the same cost: the hash is computed either way)."""
    normal = crypto.receipt_normal(code)
    inst = installation()
    lookup, wrap = crypto.receipt_derive(
        normal or "0" * crypto.RECEIPT_DIGITS, bytes(inst.salt), crypto.KdfCost(inst.ops, inst.mem)
    )
    if normal is None:
        return None
    report = Report.objects.filter(lookup=lookup).select_related("unit").first()
    if report is None:
        return None
    try:
        return report, crypto.decrypt(wrap, bytes(report.reporter_key))
    except crypto.CryptoFailure:
        return None


@dataclass
class Shown:
    """A report as its reader may see it."""

    report: Report
    answers: dict
    messages: list[dict] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)
    damaged: bool = False  # some part failed to decrypt (altered in storage)


def report_read(report: Report, key: bytes, *, notes: bool) -> Shown:
    """Decrypt what the reader may see (`notes`: the recipients' private notes too). A part that
    was altered in storage is shown as damaged, never as a crash."""
    damaged = False
    try:
        answers = from_json(crypto.decrypt(key, bytes(report.content)))
    except crypto.CryptoFailure:
        answers, damaged = {}, True
    messages = []
    for message in report.messages.all():
        if message.sender == Sender.NOTE and not notes:
            continue
        try:
            body = crypto.decrypt(key, bytes(message.body)).decode("utf-8")
        except crypto.CryptoFailure:
            body, damaged = None, True
        messages.append(
            {
                "id": message.pk,
                "sender": message.sender,
                "on": message.sent_on,
                "body": body,
                "author": message.author,
            }
        )
    attachments = []
    files = report.attachments.all() if notes else report.attachments.exclude(sender=Sender.NOTE)
    for attachment in files:
        try:
            meta = from_json(crypto.decrypt(key, bytes(attachment.meta)))
        except crypto.CryptoFailure:
            meta, damaged = {"name": "?", "size": 0}, True
        attachments.append(
            {"id": attachment.pk, "sender": attachment.sender, "on": attachment.added_on, **meta}
        )
    return Shown(report, answers, messages, attachments, damaged)


def attachment_open(attachment: Attachment, key: bytes) -> tuple[str, str, bytes]:
    """(name, type, bytes) of a file; WbsError when it was altered in storage."""
    try:
        meta = from_json(crypto.decrypt(key, bytes(attachment.meta)))
        with attachment.blob.open("rb") as handle:
            data = crypto.decrypt(key, handle.read())
    except (crypto.CryptoFailure, OSError) as exc:
        raise WbsError(_("This file is damaged or was altered: it can't be opened.")) from exc
    return meta["name"], meta["mime"], data


@transaction.atomic
def reporter_reply(*, report: Report, key: bytes, text: str, uploads) -> Message:
    text = check_text(text, not uploads, _("your message"))
    files = uploads_check(uploads)
    message = Message.objects.create(
        report=report,
        sender=Sender.REPORTER,
        body=crypto.encrypt(key, text.encode()),
        sent_on=rules.local_today(),
    )
    store_files(report, key, files, Sender.REPORTER, message)
    Report.objects.filter(pk=report.pk).update(reporter_replied_on=rules.local_today())
    record_event(report, None, "reporter_message", files=len(files))
    transaction.on_commit(
        lambda: tell_holders(
            report, "reply", _("The reporter of %(number)s wrote.") % {"number": report.number}
        )
    )
    return message
