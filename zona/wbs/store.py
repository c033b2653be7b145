"""What every WBS page stores sealed: the zone's own trail (ReportEvent), uploads checked before
anything is kept, files and texts encrypted under a report's data key."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from zona.lib.files import FileRejected, inspect_file

from . import crypto, rules
from .errors import WbsError
from .models import (
    Attachment,
    Message,
    Report,
    ReportEvent,
)
from .rules import setting


def record_event(report: Report, actor, action: str, **detail) -> None:
    ReportEvent.objects.create(
        report=report,
        number=report.number,
        unit=report.unit,
        actor=actor,
        action=action,
        detail=detail,
        on=rules.local_today(),
    )


def as_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def from_json(raw: bytes):
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
    if len(uploads) > setting("max_files"):
        raise WbsError(_("At most %(n)s files.") % {"n": setting("max_files")})
    checked = []
    for upload in uploads:
        try:
            facts = inspect_file(upload, max_bytes=settings.ZONA_MAX_UPLOAD_MB * 1024 * 1024)
        except FileRejected as exc:
            raise WbsError(f"{upload.name}: {exc}") from exc
        upload.seek(0)
        checked.append(Upload((upload.name or "berkas")[-200:], upload.read(), facts.mime, facts.sha256))
    return checked


def store_files(
    report: Report, key: bytes, files: list[Upload], sender: str, message: Message | None
) -> None:
    for item in files:
        attachment = Attachment(
            report=report,
            message=message,
            sender=sender,
            meta=crypto.encrypt(
                key,
                as_json(
                    {"name": item.name, "mime": item.mime, "size": len(item.data), "sha256": item.sha256}
                ),
            ),
            added_on=rules.local_today(),
        )
        attachment.blob.save(secrets.token_hex(16), ContentFile(crypto.encrypt(key, item.data)), save=False)
        attachment.save()


def check_text(text: str, required: bool, label: str) -> str:
    text = (text or "").strip()
    if required and not text:
        raise WbsError(_("Say %(what)s.") % {"what": label})
    if len(text) > setting("max_text_chars"):
        raise WbsError(
            _("%(what)s is too long: at most %(n)s characters.")
            % {"what": label.capitalize(), "n": setting("max_text_chars")}
        )
    return text
