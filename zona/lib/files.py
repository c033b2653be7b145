"""Uploaded files: hashing, MIME sniffing, size and type checks (no models here)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import IO

import magic
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import RuleError

# What may be uploaded as evidence or imported: documents, spreadsheets, images, archives.
ALLOWED_MIME_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "text/plain": ".txt",
    "text/csv": ".csv",
    "text/markdown": ".md",
    "application/zip": ".zip",
    "video/mp4": ".mp4",
}
CHUNK = 64 * 1024

# What a refused file is, in words a person recognises (by the sniffed type, not the name).
REFUSED_KINDS = {
    "application/octet-stream": gettext_lazy("of a kind Zona does not recognise"),
    "text/plain": gettext_lazy("plain text"),
    "application/x-dosexec": gettext_lazy("a program"),
    "application/x-executable": gettext_lazy("a program"),
    "application/x-sharedlib": gettext_lazy("a program"),
    "application/x-mach-binary": gettext_lazy("a program"),
    "text/html": gettext_lazy("a web page (HTML)"),
    "application/xhtml+xml": gettext_lazy("a web page (HTML)"),
    "image/svg+xml": gettext_lazy("an SVG drawing"),
    "application/x-rar": gettext_lazy("a RAR archive"),
    "application/x-7z-compressed": gettext_lazy("a 7z archive"),
    "text/x-shellscript": gettext_lazy("a script"),
    "text/javascript": gettext_lazy("a script"),
    "application/javascript": gettext_lazy("a script"),
}


class FileRejected(RuleError, ValueError):
    """An upload that may not be stored; the message is for the user (Indonesian UI). A
    `RuleError`, so a view catching its module's errors with the shared base shows it too; still a
    ValueError for the callers that catch one."""


@dataclass(frozen=True)
class FileFacts:
    sha256: str
    size: int
    mime: str
    extension: str


def sniff_mime(head: bytes) -> str:
    mime = magic.from_buffer(head, mime=True)
    # libmagic calls OOXML files zip or octet-stream when their first entry is unusual.
    if mime in {"application/zip", "application/octet-stream"} and b"[Content_Types].xml" in head:
        if b"word/" in head:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if b"xl/" in head:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if b"ppt/" in head:
            return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    return mime


def inspect_file(fileobj: IO[bytes], *, max_bytes: int, allowed: dict[str, str] | None = None) -> FileFacts:
    """Hash, measure and sniff `fileobj` (rewound afterwards); raise FileRejected if not allowed."""
    allowed = ALLOWED_MIME_TYPES if allowed is None else allowed
    fileobj.seek(0)
    digest = hashlib.sha256()
    size = 0
    head = b""
    while chunk := fileobj.read(CHUNK):
        if len(head) < 8192:
            head += chunk[: 8192 - len(head)]
        digest.update(chunk)
        size += len(chunk)
        if size > max_bytes:
            fileobj.seek(0)
            raise FileRejected(
                _("The file is larger than the limit of %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}
            )
    fileobj.seek(0)
    if size == 0:
        raise FileRejected(_("The file is empty."))
    mime = sniff_mime(head)
    if mime not in allowed:
        raise FileRejected(refusal(mime, allowed, getattr(fileobj, "name", "") or ""))
    return FileFacts(sha256=digest.hexdigest(), size=size, mime=mime, extension=allowed[mime])


def refusal(mime: str, allowed: dict[str, str], name: str = "") -> str:
    """Why a file of type `mime` is refused and what is accepted, in words; the file named (a
    form may take several)."""
    what = REFUSED_KINDS.get(mime) or (
        _("an image in another format (%(mime)s)") % {"mime": mime}
        if mime.startswith("image/")
        else _("of type %(mime)s") % {"mime": mime}
    )
    accepted = ", ".join(dict.fromkeys(extension.lstrip(".").upper() for extension in allowed.values()))
    message = _(
        "This file is %(what)s, which is not accepted: it is not a PDF, document, spreadsheet, "
        "image or archive. Accepted: %(accepted)s."
    ) % {"what": what, "accepted": accepted}
    name = re.split(r"[\\/]", str(name))[-1][:120]  # the name only (a Windows path too)
    return _("“%(name)s”: %(reason)s") % {"name": name, "reason": message} if name else message
