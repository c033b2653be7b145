"""One report exported for the Inspektorat as a ZIP encrypted under a passphrase, and opened again."""

from __future__ import annotations

import io
import json
import secrets
import struct
import zipfile

from django.utils.translation import gettext as _

from . import crypto
from .errors import WbsError
from .keys import check_passphrase, passphrase_cost
from .models import (
    Report,
    Sender,
)
from .reports import attachment_open, report_read
from .rules import ARCHIVE_MAGIC
from .store import record_event


def export_archive(*, report: Report, key: bytes, passphrase: str, by) -> bytes:
    """One report (answers, messages, files) as a ZIP encrypted under a passphrase to be given to
    the Inspektorat by another way; `zona wbs open-archive` opens it."""
    check_passphrase(passphrase)
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
    record_event(report, by, "exported")
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
