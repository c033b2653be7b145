"""Every WBS operation. A report is sealed when it arrives, to the public keys the unit's
recipients and custodians hold then and to the escrow key; only a holder's private key (opened
with their passphrase for their session) or the reporter's receipt code reads it again.

The zone's trail (ReportEvent) records who did what; nothing here writes report content to
the generic audit log, the notifications or the logs.
"""

from __future__ import annotations

import io
import json
import secrets
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.services import deadline_for, number_next
from zona.lib.files import FileRejected, inspect_file
from zona.notifications.services import Notice, notify
from zona.orgs.models import Role, RoleAssignment, Unit
from zona.workdays.services import add_working_days

from . import crypto
from .models import (
    Attachment,
    IdentityRequest,
    Installation,
    KeyKind,
    Message,
    RecipientKey,
    Report,
    ReportEvent,
    ReportKey,
    RequestState,
    Sender,
    workflow,
)

MIN_PASSPHRASE = 12
ANSWERS = ("what", "who", "when", "where", "how")
ARCHIVE_MAGIC = b"ZONA-WBS-ARCHIVE-1\n"
KIND = "wbs"  # its own number series (WBS/<unit>/<year>/…)


class WbsError(Exception):
    """A rule of the WBS was broken; the message is for the user."""


def _setting(name: str) -> int:
    return workflow().settings[name]


def _today() -> date:
    return timezone.localdate()


# -- the installation and the keys ------------------------------------------------------------


def receipt_cost() -> crypto.KdfCost:
    ops, mem = getattr(settings, "ZONA_WBS_RECEIPT_KDF", (2, 19 * 1024 * 1024))
    return crypto.KdfCost(ops, mem)


def passphrase_cost() -> crypto.KdfCost:
    ops, mem = getattr(
        settings, "ZONA_WBS_PASSPHRASE_KDF", (crypto.KDF.OPSLIMIT_MODERATE, crypto.KDF.MEMLIMIT_MODERATE)
    )
    return crypto.KdfCost(ops, mem)


def installation() -> Installation:
    found = Installation.objects.first()
    if found is not None:
        return found
    cost = receipt_cost()
    with transaction.atomic():
        found = Installation.objects.select_for_update().first()
        return found or Installation.objects.create(
            salt=secrets.token_bytes(crypto.SALT_BYTES), ops=cost.ops, mem=cost.mem
        )


def _holders(unit: Unit, role: str) -> list[int]:
    """Who holds `role` on the unit, directly or over it from an ancestor (active people only)."""
    return list(
        RoleAssignment.objects.filter(role=role, user__is_active=True)
        .filter(Q(unit=unit) | Q(include_descendants=True, unit__path__in=unit.ancestor_paths()))
        .values_list("user_id", flat=True)
        .distinct()
    )


def _keys(user_ids) -> dict[int, bytes]:
    return {k.user_id: bytes(k.public) for k in RecipientKey.objects.filter(user_id__in=list(user_ids))}


def content_holders(unit: Unit) -> dict[int, bytes]:
    """Recipients and custodians with a key: they read the report (custodians, to judge the
    requests to see a reporter's identity)."""
    return _keys(_holders(unit, Role.WBS_RECIPIENT) + _holders(unit, Role.WBS_CUSTODIAN))


def identity_holders(unit: Unit) -> dict[int, bytes]:
    return _keys(_holders(unit, Role.WBS_CUSTODIAN))


def channel_open(unit: Unit) -> bool:
    """The unit takes reports when at least one recipient holds a key."""
    return bool(_keys(_holders(unit, Role.WBS_RECIPIENT)))


def identity_accepted(unit: Unit) -> bool:
    """A reporter may leave their identity only when a custodian can guard it."""
    return bool(identity_holders(unit))


def _wrapped(key: RecipientKey) -> crypto.WrappedKey:
    return crypto.WrappedKey(
        bytes(key.public), bytes(key.wrapped), bytes(key.salt), crypto.KdfCost(key.ops, key.mem)
    )


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise WbsError(_("The passphrase needs at least %(n)s characters.") % {"n": MIN_PASSPHRASE})


@transaction.atomic
def key_create(*, user, passphrase: str) -> RecipientKey:
    """A recipient's or custodian's key pair; the private half is encrypted under the passphrase."""
    _check_passphrase(passphrase)
    if RecipientKey.objects.filter(user=user).exists():
        raise WbsError(_("You already have a key. Change its passphrase, or reset it if it is lost."))
    wrapped, _private = crypto.keypair_new(passphrase, passphrase_cost())
    key = RecipientKey.objects.create(
        user=user,
        public=wrapped.public,
        wrapped=wrapped.wrapped,
        salt=wrapped.salt,
        ops=wrapped.cost.ops,
        mem=wrapped.cost.mem,
    )
    audit_record(actor=user, action="wbs.key_created", obj=user)
    return key


def key_unlock(*, user, passphrase: str):
    key = RecipientKey.objects.filter(user=user).first()
    if key is None:
        raise WbsError(_("You have no key yet."))
    try:
        return crypto.unwrap_private(_wrapped(key), passphrase or "")
    except crypto.CryptoFailure as exc:
        raise WbsError(_("Wrong passphrase.")) from exc


@transaction.atomic
def key_change_passphrase(*, user, old: str, new: str) -> None:
    private = key_unlock(user=user, passphrase=old)
    _check_passphrase(new)
    wrapped = crypto.wrap_private(private, new, passphrase_cost())
    RecipientKey.objects.filter(user=user).update(
        wrapped=wrapped.wrapped, salt=wrapped.salt, ops=wrapped.cost.ops, mem=wrapped.cost.mem
    )
    audit_record(actor=user, action="wbs.passphrase_changed", obj=user)


@transaction.atomic
def key_reset(*, user, passphrase: str) -> RecipientKey:
    """A lost passphrase: a new key pair. The reports sealed to the old key wait until another
    recipient (or the escrow key) unlocks and seals them again for the new one."""
    _check_passphrase(passphrase)
    ReportKey.objects.filter(holder=user).delete()
    RecipientKey.objects.filter(user=user).delete()
    wrapped, _private = crypto.keypair_new(passphrase, passphrase_cost())
    key = RecipientKey.objects.create(
        user=user,
        public=wrapped.public,
        wrapped=wrapped.wrapped,
        salt=wrapped.salt,
        ops=wrapped.cost.ops,
        mem=wrapped.cost.mem,
    )
    audit_record(actor=user, action="wbs.key_reset", obj=user)
    return key


@transaction.atomic
def key_rotate(*, user, private, passphrase: str) -> RecipientKey:
    """A new key pair in place of one still known (unlocked now): every report key the holder
    has is opened with the old private key and sealed to the new public key, then the old key
    goes. For a key that may have been exposed."""
    _check_passphrase(passphrase)
    wrapped, new_private = crypto.keypair_new(passphrase, passphrase_cost())
    for sealed in ReportKey.objects.select_for_update().filter(holder=user, escrow=False):
        secret = crypto.unseal(private, bytes(sealed.sealed))
        sealed.sealed = crypto.seal(wrapped.public, secret)
        sealed.save(update_fields=["sealed"])
    RecipientKey.objects.filter(user=user).update(
        public=wrapped.public,
        wrapped=wrapped.wrapped,
        salt=wrapped.salt,
        ops=wrapped.cost.ops,
        mem=wrapped.cost.mem,
    )
    audit_record(actor=user, action="wbs.key_rotated", obj=user)
    return RecipientKey.objects.get(user=user)


def escrow_create() -> bytes:
    """A new escrow key pair: the public half is kept, the private half returned once, to be
    kept offline (printed, in a safe). Reports from now on are sealed to it too."""
    private = crypto.PrivateKey.generate()
    inst = installation()
    Installation.objects.filter(pk=inst.pk).update(
        escrow_public=bytes(private.public_key), escrow_set_on=_today()
    )
    return bytes(private)


def _escrow_public() -> bytes | None:
    value = installation().escrow_public
    return bytes(value) if value else None


# -- sealing ---------------------------------------------------------------------------------


def _seal_key(
    report: Report, secret: bytes, kind: str, holders: dict[int, bytes], escrow: bytes | None
) -> None:
    have = set(
        ReportKey.objects.filter(report=report, kind=kind, escrow=False).values_list("holder_id", flat=True)
    )
    ReportKey.objects.bulk_create(
        ReportKey(report=report, holder_id=user_id, kind=kind, sealed=crypto.seal(public, secret))
        for user_id, public in holders.items()
        if user_id not in have
    )
    if escrow and not ReportKey.objects.filter(report=report, kind=kind, escrow=True).exists():
        ReportKey.objects.create(report=report, escrow=True, kind=kind, sealed=crypto.seal(escrow, secret))


def _event(report: Report, actor, action: str, **detail) -> None:
    ReportEvent.objects.create(
        report=report,
        number=report.number,
        unit=report.unit,
        actor=actor,
        action=action,
        detail=detail,
        on=_today(),
    )


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _unjson(raw: bytes):
    return json.loads(raw.decode("utf-8"))


@dataclass
class Upload:
    """A file as received: checked (type, size) before anything is stored."""

    name: str
    data: bytes
    mime: str
    sha256: str


def uploads_check(uploads) -> list[Upload]:
    """Every file checked first: one refused file refuses the whole message (nothing half-saved)."""
    if len(uploads) > _setting("max_files"):
        raise WbsError(_("At most %(n)s files.") % {"n": _setting("max_files")})
    checked = []
    for upload in uploads:
        try:
            facts = inspect_file(upload, max_bytes=settings.ZONA_MAX_UPLOAD_MB * 1024 * 1024)
        except FileRejected as exc:
            raise WbsError(f"{upload.name}: {exc}") from exc
        upload.seek(0)
        checked.append(Upload((upload.name or "berkas")[-200:], upload.read(), facts.mime, facts.sha256))
    return checked


def _store_files(
    report: Report, key: bytes, files: list[Upload], sender: str, message: Message | None
) -> None:
    for item in files:
        attachment = Attachment(
            report=report,
            message=message,
            sender=sender,
            meta=crypto.encrypt(
                key,
                _json({"name": item.name, "mime": item.mime, "size": len(item.data), "sha256": item.sha256}),
            ),
            added_on=_today(),
        )
        attachment.blob.save(secrets.token_hex(16), ContentFile(crypto.encrypt(key, item.data)), save=False)
        attachment.save()


def _check_text(text: str, required: bool, label: str) -> str:
    text = (text or "").strip()
    if required and not text:
        raise WbsError(_("Say %(what)s.") % {"what": label})
    if len(text) > _setting("max_text_chars"):
        raise WbsError(
            _("%(what)s is too long: at most %(n)s characters.")
            % {"what": label.capitalize(), "n": _setting("max_text_chars")}
        )
    return text


# -- intake ----------------------------------------------------------------------------------


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
    clean = {name: _check_text(answers.get(name, ""), name == "what", labels[name]) for name in ANSWERS}
    if identity is not None:
        identity = {
            k: _check_text(v, False, _("your identity"))[:300] for k, v in identity.items() if v and v.strip()
        }
        if identity and not identity_accepted(unit):
            raise WbsError(_("This unit has no custodian for reporters' identities: report anonymously."))
    files = uploads_check(uploads)
    inst = installation()
    code = crypto.receipt_new()
    lookup, wrap = crypto.receipt_derive(code, bytes(inst.salt), crypto.KdfCost(inst.ops, inst.mem))
    content_key = crypto.data_key()
    today = _today()
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
            feedback_due=add_working_days(today, _setting("feedback_within_working_days")),
            lookup=lookup,
            reporter_key=crypto.encrypt(wrap, content_key),
            content=crypto.encrypt(content_key, _json({**clean, "received_on": today.isoformat()})),
        )
        _seal_key(report, content_key, KeyKind.CONTENT, content_holders(unit), _escrow_public())
        if identity:
            identity_key = crypto.data_key()
            report.identity = crypto.encrypt(identity_key, _json(identity))
            report.save(update_fields=["identity"])
            _seal_key(report, identity_key, KeyKind.IDENTITY, identity_holders(unit), _escrow_public())
        _store_files(report, content_key, files, Sender.REPORTER, None)
        _event(report, None, "received", files=len(files), identity=bool(identity))
    _tell_holders(
        report, "new", _("New WBS report %(number)s for %(unit)s.") % {"number": number, "unit": unit.name}
    )
    return report, code


def _tell_holders(report: Report, what: str, text: str) -> None:
    url = reverse("wbs:report", args=[report.pk])
    notify(
        [
            Notice(user_id=user_id, key=f"wbs:{report.pk}:{what}:{_today().isoformat()}", text=text, url=url)
            for user_id in content_holders(report.unit)
        ]
    )


# -- the reporter's return -------------------------------------------------------------------


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
        answers = _unjson(crypto.decrypt(key, bytes(report.content)))
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
            meta = _unjson(crypto.decrypt(key, bytes(attachment.meta)))
        except crypto.CryptoFailure:
            meta, damaged = {"name": "?", "size": 0}, True
        attachments.append(
            {"id": attachment.pk, "sender": attachment.sender, "on": attachment.added_on, **meta}
        )
    return Shown(report, answers, messages, attachments, damaged)


def attachment_open(attachment: Attachment, key: bytes) -> tuple[str, str, bytes]:
    """(name, type, bytes) of a file; WbsError when it was altered in storage."""
    try:
        meta = _unjson(crypto.decrypt(key, bytes(attachment.meta)))
        with attachment.blob.open("rb") as handle:
            data = crypto.decrypt(key, handle.read())
    except (crypto.CryptoFailure, OSError) as exc:
        raise WbsError(_("This file is damaged or was altered: it can't be opened.")) from exc
    return meta["name"], meta["mime"], data


@transaction.atomic
def reporter_reply(*, report: Report, key: bytes, text: str, uploads) -> Message:
    text = _check_text(text, not uploads, _("your message"))
    files = uploads_check(uploads)
    message = Message.objects.create(
        report=report, sender=Sender.REPORTER, body=crypto.encrypt(key, text.encode()), sent_on=_today()
    )
    _store_files(report, key, files, Sender.REPORTER, message)
    Report.objects.filter(pk=report.pk).update(reporter_replied_on=_today())
    _event(report, None, "reporter_message", files=len(files))
    transaction.on_commit(
        lambda: _tell_holders(
            report, "reply", _("The reporter of %(number)s wrote.") % {"number": report.number}
        )
    )
    return message


# -- the recipients' work --------------------------------------------------------------------


def reports_for(user):
    """The reports of the units where the user is a recipient or custodian."""
    if not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    assignments = RoleAssignment.objects.filter(user=user, role__in=[Role.WBS_RECIPIENT, Role.WBS_CUSTODIAN])
    query = Q(pk__in=[])
    for unit_id, path, descendants in assignments.values_list("unit_id", "unit__path", "include_descendants"):
        query |= Q(unit__path__startswith=path) if descendants else Q(unit_id=unit_id)
    return Report.objects.filter(query).select_related("unit")


def report_key(report: Report, user, private, kind: str = KeyKind.CONTENT) -> bytes | None:
    sealed = ReportKey.objects.filter(report=report, holder=user, kind=kind, escrow=False).first()
    if sealed is None or private is None:
        return None
    try:
        return crypto.unseal(private, bytes(sealed.sealed))
    except crypto.CryptoFailure:
        return None


@transaction.atomic
def report_transition(*, report: Report, action: str, reason: str, by) -> Report:
    flow = workflow()
    transition = flow.transitions.get(action)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if transition is None or report.state not in transition.sources:
        raise WbsError(_("This step can't be taken now."))
    if transition.reason == "required" and not reason.strip():
        raise WbsError(_("Give the reason."))
    today = _today()
    report.state = transition.target
    report.state_since = today
    report.state_due = deadline_for(
        flow, report.state, received_on=report.received_on, values={}, today=today
    )
    report.acknowledged_on = report.acknowledged_on or today
    if flow.states[report.state].final:
        report.closed_on = today
        report.retain_until = today + timedelta(days=_setting("retention_days"))
    report.save()
    _event(report, by, f"state:{report.state}", reason=bool(reason.strip()))
    return report


@transaction.atomic
def recipient_message(*, report: Report, key: bytes, text: str, uploads, by, note: bool = False) -> Message:
    text = _check_text(text, not uploads, _("the message"))
    files = uploads_check(uploads)
    sender = Sender.NOTE if note else Sender.RECIPIENT
    message = Message.objects.create(
        report=report, sender=sender, author=by, body=crypto.encrypt(key, text.encode()), sent_on=_today()
    )
    _store_files(report, key, files, sender, message)
    if not note:
        today = _today()
        Report.objects.filter(pk=report.pk, acknowledged_on=None).update(acknowledged_on=today)
        Report.objects.filter(pk=report.pk, feedback_on=None).update(feedback_on=today)
    _event(report, by, "note" if note else "message", files=len(files))
    return message


@transaction.atomic
def identity_request(*, report: Report, key: bytes, motivation: str, by) -> IdentityRequest:
    motivation = _check_text(motivation, True, _("why the identity is needed"))
    if report.identity is None:
        raise WbsError(_("The reporter left no identity."))
    if IdentityRequest.objects.filter(report=report, requested_by=by, state=RequestState.PENDING).exists():
        raise WbsError(_("Your request is waiting for the custodian."))
    request = IdentityRequest.objects.create(
        report=report, requested_by=by, motivation=crypto.encrypt(key, motivation.encode())
    )
    _event(report, by, "identity_requested")
    custodians = identity_holders(report.unit)
    notify(
        [
            Notice(
                user_id=user_id,
                key=f"wbs:identity:{request.pk}",
                text=_("A request to see a WBS reporter's identity waits for your decision (%(number)s).")
                % {"number": report.number},
                url=reverse("wbs:report", args=[report.pk]),
            )
            for user_id in custodians
        ]
    )
    return request


@transaction.atomic
def identity_decide(*, request: IdentityRequest, approve: bool, note: str, by, private) -> IdentityRequest:
    """The custodian decides; on approval the identity key is sealed for the requester."""
    request = IdentityRequest.objects.select_for_update().select_related("report").get(pk=request.pk)
    if request.state != RequestState.PENDING:
        raise WbsError(_("This request was already decided."))
    if by.pk not in identity_holders(request.report.unit):
        raise WbsError(_("Only a custodian of this unit decides."))
    if approve:
        identity_key = report_key(request.report, by, private, KeyKind.IDENTITY)
        if identity_key is None:
            raise WbsError(_("Unlock your key first."))
        public = _keys([request.requested_by_id]).get(request.requested_by_id)
        if public is None:
            raise WbsError(_("The requester has no key."))
        _seal_key(request.report, identity_key, KeyKind.IDENTITY, {request.requested_by_id: public}, None)
    request.state = RequestState.APPROVED if approve else RequestState.REFUSED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note[:500]
    request.save()
    _event(
        request.report,
        by,
        "identity_approved" if approve else "identity_refused",
        requester=request.requested_by_id,
    )
    notify(
        [
            Notice(
                user_id=request.requested_by_id,
                key=f"wbs:identity:{request.pk}:decided",
                text=_("The custodian decided your identity request for %(number)s.")
                % {"number": request.report.number},
                url=reverse("wbs:report", args=[request.report_id]),
            )
        ]
    )
    return request


def identity_read(report: Report, user, private) -> dict | None:
    key = report_key(report, user, private, KeyKind.IDENTITY)
    if key is None or report.identity is None:
        return None
    try:
        identity = _unjson(crypto.decrypt(key, bytes(report.identity)))
    except crypto.CryptoFailure as exc:
        raise WbsError(_("The identity record is damaged or was altered.")) from exc
    _event(report, user, "identity_read")
    return identity


def motivation_read(request: IdentityRequest, key: bytes) -> str:
    try:
        return crypto.decrypt(key, bytes(request.motivation)).decode("utf-8")
    except crypto.CryptoFailure:
        return "?"


def reseal_pending(*, user, private) -> int:
    """Seal the reports this holder can open for the holders who lack them (a recipient added,
    a key reset). Runs when a holder unlocks; returns how many keys were sealed."""
    sealed = 0
    for report in reports_for(user).prefetch_related("keys"):
        for kind, holders in (
            (KeyKind.CONTENT, content_holders(report.unit)),
            (KeyKind.IDENTITY, identity_holders(report.unit)),
        ):
            if kind == KeyKind.IDENTITY and report.identity is None:
                continue
            have = {k.holder_id for k in report.keys.all() if k.kind == kind and not k.escrow}
            missing = {uid: pub for uid, pub in holders.items() if uid not in have}
            if not missing:
                continue
            secret = report_key(report, user, private, kind)
            if secret is None:
                continue
            with transaction.atomic():
                _seal_key(report, secret, kind, missing, None)
            sealed += len(missing)
            _event(report, user, "resealed", kind=kind, holders=sorted(missing))
    return sealed


def escrow_reseal(private_raw: bytes) -> int:
    """With the escrow private key (kept offline): seal every report for the holders who lack it
    (a lost passphrase with no colleague left to help)."""
    private = crypto.private_from_bytes(private_raw)
    escrow = _escrow_public()
    if escrow is None or bytes(private.public_key) != escrow:
        raise WbsError(_("This is not the escrow key of this installation."))
    sealed = 0
    for escrowed in ReportKey.objects.filter(escrow=True).select_related("report__unit"):
        report = escrowed.report
        holders = (
            content_holders(report.unit)
            if escrowed.kind == KeyKind.CONTENT
            else identity_holders(report.unit)
        )
        have = set(
            ReportKey.objects.filter(report=report, kind=escrowed.kind, escrow=False).values_list(
                "holder_id", flat=True
            )
        )
        missing = {uid: pub for uid, pub in holders.items() if uid not in have}
        if missing:
            _seal_key(report, crypto.unseal(private, bytes(escrowed.sealed)), escrowed.kind, missing, None)
            sealed += len(missing)
            _event(report, None, "resealed_escrow", kind=escrowed.kind, holders=sorted(missing))
    return sealed


# -- export for the Inspektorat ----------------------------------------------------------------


def export_archive(*, report: Report, key: bytes, passphrase: str, by) -> bytes:
    """One report (answers, messages, files) as a ZIP encrypted under a passphrase to be given to
    the Inspektorat by another way; `zona wbs open-archive` opens it."""
    _check_passphrase(passphrase)
    shown = report_read(report, key, notes=False)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        summary = {
            "number": report.number,
            "unit": report.unit.name,
            "received_on": report.received_on.isoformat(),
            "state": report.state,
            "answers": shown.answers,
            "messages": [
                {"sender": m["sender"], "on": m["on"].isoformat(), "body": m["body"]} for m in shown.messages
            ],
            "files": [a["name"] for a in shown.attachments],
        }
        archive.writestr("laporan.json", json.dumps(summary, ensure_ascii=False, indent=2))
        for item in report.attachments.exclude(sender=Sender.NOTE):
            name, _mime, data = attachment_open(item, key)
            archive.writestr(f"berkas/{item.pk}-{name}", data)
    salt = secrets.token_bytes(crypto.SALT_BYTES)
    cost = passphrase_cost()
    wrapped = crypto.encrypt(crypto.derive_key(passphrase, salt, cost), buffer.getvalue())
    _event(report, by, "exported")
    return ARCHIVE_MAGIC + salt + struct.pack(">IQ", cost.ops, cost.mem) + wrapped


def archive_open(data: bytes, passphrase: str) -> bytes:
    if not data.startswith(ARCHIVE_MAGIC):
        raise WbsError(_("This is not a WBS archive."))
    body = data[len(ARCHIVE_MAGIC) :]
    salt, (ops, mem) = (
        body[: crypto.SALT_BYTES],
        struct.unpack(">IQ", body[crypto.SALT_BYTES : crypto.SALT_BYTES + 12]),
    )
    try:
        return crypto.decrypt(
            crypto.derive_key(passphrase, salt, crypto.KdfCost(ops, mem)), body[crypto.SALT_BYTES + 12 :]
        )
    except crypto.CryptoFailure as exc:
        raise WbsError(_("Wrong passphrase, or the archive was altered.")) from exc


# -- daily: deadlines, retention -------------------------------------------------------------


def _delete(report: Report) -> None:
    """Delete a report for good: its sealed keys first (without them the ciphertext is noise,
    in backups too), then its files and rows."""
    ReportKey.objects.filter(report=report).delete()
    for attachment in report.attachments.all():
        attachment.blob.delete(save=False)
    _event(report, None, "deleted")
    report.delete()


def wbs_daily(*, today: date) -> dict[str, int]:
    """Remind the holders of reports overdue or due for deletion; delete those past retention."""
    overdue = Report.objects.filter(closed_on=None).filter(
        Q(state_due__lt=today) | Q(feedback_due__lt=today, feedback_on=None)
    )
    reminded = 0
    for report in overdue.select_related("unit"):
        reminded += notify(
            [
                Notice(
                    user_id=user_id,
                    key=f"wbs:{report.pk}:overdue:{today.isoformat()}",
                    text=_("WBS report %(number)s is past its deadline.") % {"number": report.number},
                    url=reverse("wbs:report", args=[report.pk]),
                )
                for user_id in content_holders(report.unit)
            ]
        )
    soon = today + timedelta(days=_setting("retention_reminder_days"))
    for report in Report.objects.filter(
        retain_until__lte=soon, retain_until__gt=today, retention_reminded_on=None
    ):
        notify(
            [
                Notice(
                    user_id=user_id,
                    key=f"wbs:{report.pk}:retention",
                    text=_("WBS report %(number)s will be deleted on %(date)s (end of its retention period).")
                    % {"number": report.number, "date": report.retain_until.isoformat()},
                    url=reverse("wbs:report", args=[report.pk]),
                )
                for user_id in content_holders(report.unit)
            ]
        )
        Report.objects.filter(pk=report.pk).update(retention_reminded_on=today)
    deleted = 0
    for report in Report.objects.filter(retain_until__lte=today):
        with transaction.atomic():
            _delete(report)
        deleted += 1
    return {"reminded": reminded, "deleted": deleted}
