"""The holders and their keys: the installation (receipt KDF, escrow), who holds the WBS roles
on a unit, the recipients' and custodians' key pairs (created, unlocked, changed, reset,
rotated), a report's data key sealed to each holder, and the WBS's own access rule
(`reports_visible_to` in selectors.py). Keys missing after a reset or a new holder are sealed again by a
holder who can open them, or with the escrow key."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.orgs.holders import role_holders
from zona.orgs.models import Role, Unit

from . import crypto, rules
from .errors import WbsError
from .models import (
    Installation,
    KeyKind,
    RecipientKey,
    Report,
    ReportKey,
)
from .rules import MIN_PASSPHRASE
from .selectors import reports_visible_to
from .store import record_event


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
    return list(role_holders(unit, [role]).values_list("pk", flat=True))


def public_keys(user_ids) -> dict[int, bytes]:
    return {k.user_id: bytes(k.public) for k in RecipientKey.objects.filter(user_id__in=list(user_ids))}


def content_holders(unit: Unit) -> dict[int, bytes]:
    """Recipients and custodians with a key: they read the report (custodians, to judge the
    requests to see a reporter's identity)."""
    return public_keys(_holders(unit, Role.WBS_RECIPIENT) + _holders(unit, Role.WBS_CUSTODIAN))


def identity_holders(unit: Unit) -> dict[int, bytes]:
    return public_keys(_holders(unit, Role.WBS_CUSTODIAN))


def channel_open(unit: Unit) -> bool:
    """The unit takes reports when at least one recipient holds a key."""
    return bool(public_keys(_holders(unit, Role.WBS_RECIPIENT)))


def identity_accepted(unit: Unit) -> bool:
    """A reporter may leave their identity only when a custodian can guard it."""
    return bool(identity_holders(unit))


def _wrapped(key: RecipientKey) -> crypto.WrappedKey:
    return crypto.WrappedKey(
        bytes(key.public), bytes(key.wrapped), bytes(key.salt), crypto.KdfCost(key.ops, key.mem)
    )


def check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise WbsError(_("The passphrase needs at least %(n)s characters.") % {"n": MIN_PASSPHRASE})


def _key_new(user, passphrase: str) -> RecipientKey:
    """A new key pair for the user; the private half is stored encrypted under the passphrase."""
    wrapped, _private = crypto.keypair_new(passphrase, passphrase_cost())
    return RecipientKey.objects.create(
        user=user,
        public=wrapped.public,
        wrapped=wrapped.wrapped,
        salt=wrapped.salt,
        ops=wrapped.cost.ops,
        mem=wrapped.cost.mem,
    )


@transaction.atomic
def key_create(*, user, passphrase: str) -> RecipientKey:
    """A recipient's or custodian's key pair; the private half is encrypted under the passphrase."""
    check_passphrase(passphrase)
    if RecipientKey.objects.filter(user=user).exists():
        raise WbsError(_("You already have a key. Change its passphrase, or reset it if it is lost."))
    key = _key_new(user, passphrase)
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
    check_passphrase(new)
    wrapped = crypto.wrap_private(private, new, passphrase_cost())
    RecipientKey.objects.filter(user=user).update(
        wrapped=wrapped.wrapped, salt=wrapped.salt, ops=wrapped.cost.ops, mem=wrapped.cost.mem
    )
    audit_record(actor=user, action="wbs.passphrase_changed", obj=user)


@transaction.atomic
def key_reset(*, user, passphrase: str) -> RecipientKey:
    """A lost passphrase: a new key pair. The reports sealed to the old key wait until another
    recipient (or the escrow key) unlocks and seals them again for the new one."""
    check_passphrase(passphrase)
    ReportKey.objects.filter(holder=user).delete()
    RecipientKey.objects.filter(user=user).delete()
    key = _key_new(user, passphrase)
    audit_record(actor=user, action="wbs.key_reset", obj=user)
    return key


@transaction.atomic
def key_rotate(*, user, private, passphrase: str) -> RecipientKey:
    """A new key pair in place of one still known (unlocked now): every report key the holder
    has is opened with the old private key and sealed to the new public key, then the old key
    goes. For a key that may have been exposed."""
    check_passphrase(passphrase)
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
        escrow_public=bytes(private.public_key), escrow_set_on=rules.local_today()
    )
    return bytes(private)


def escrow_public() -> bytes | None:
    value = installation().escrow_public
    return bytes(value) if value else None


def seal_key(
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


def report_key(report: Report, user, private, kind: str = KeyKind.CONTENT) -> bytes | None:
    sealed = ReportKey.objects.filter(report=report, holder=user, kind=kind, escrow=False).first()
    if sealed is None or private is None:
        return None
    try:
        return crypto.unseal(private, bytes(sealed.sealed))
    except crypto.CryptoFailure:
        return None


def reseal_pending(*, user, private) -> int:
    """Seal the reports this holder can open for the holders who lack them (a recipient added,
    a key reset). Runs when a holder unlocks; returns how many keys were sealed."""
    sealed = 0
    for report in reports_visible_to(user).prefetch_related("keys"):
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
                seal_key(report, secret, kind, missing, None)
            sealed += len(missing)
            record_event(report, user, "resealed", kind=kind, holders=sorted(missing))
    return sealed


def escrow_reseal(private_raw: bytes) -> int:
    """With the escrow private key (kept offline): seal every report for the holders who lack it
    (a lost passphrase with no colleague left to help)."""
    private = crypto.private_from_bytes(private_raw)
    escrow = escrow_public()
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
            seal_key(report, crypto.unseal(private, bytes(escrowed.sealed)), escrowed.kind, missing, None)
            sealed += len(missing)
            record_event(report, None, "resealed_escrow", kind=escrowed.kind, holders=sorted(missing))
    return sealed
