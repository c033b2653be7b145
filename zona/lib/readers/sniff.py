"""What a file is, from its content (its name only breaks ties), and the checks a ZIP package
(XLSX, DOCX, ODS) passes before any member is read: the number of members from the end record,
then the unpacked size of the whole and the packing ratio of each member from the central
directory. Python's zipfile never unpacks a member beyond the size the directory declares, so
these figures bound what any reader can unpack."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from . import limits as bounds

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
ODT_MIME = b"application/vnd.oasis.opendocument.text"
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"


def member_count(data: bytes) -> int | None:
    """Entries the ZIP's end record declares (ZIP64 too), read before the directory is parsed."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        return None
    count = struct.unpack_from("<H", data, at + 10)[0]
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and data[locator : locator + 4] == _EOCD64_LOCATOR:
        offset = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[offset : offset + 4] == b"PK\x06\x06" and len(data) >= offset + 40:
            count = struct.unpack_from("<Q", data, offset + 32)[0]
    return count


def check_archive(data: bytes, limits: bounds.Limits, kind: str = "") -> list[str]:
    """The member names of a ZIP package within the limits; ReadError otherwise (naming `kind`,
    the type its name says, when it can't be opened at all)."""
    declared = member_count(data)
    if declared is not None and declared > limits.members:
        raise bounds.too_many_members(declared, limits.members)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError) as exc:
        damaged = _("the file is a damaged ZIP/Office file")
        if kind:
            damaged = _("the %(kind)s file can't be opened: %(error)s") % {"kind": kind, "error": damaged}
        raise bounds.ReadError(damaged) from exc
    if len(members) > limits.members:
        raise bounds.too_many_members(len(members), limits.members)
    total = 0
    for member in members:
        total += member.file_size
        if total > limits.unpacked_mb * bounds.MB:
            raise bounds.unpacks_too_large(total, limits.unpacked_mb)
        if member.file_size > bounds.RATIO_GRACE_BYTES:
            ratio = member.file_size // max(member.compress_size, 1)
            if ratio > limits.ratio:
                raise bounds.packed_too_tightly(member.filename, ratio, limits.ratio)
    return [m.filename for m in members]


def kind_of(data: bytes, filename: str, limits: bounds.Limits) -> str:
    """xlsx, docx, ods, odt or zip (another package); pdf; xls or doc (legacy Office); csv or
    text; binary (anything else with NUL bytes). A ZIP package is checked here."""
    if data[:2] == b"PK":
        suffix = Path(filename).suffix.lower()
        names = check_archive(
            data, limits, suffix[1:].upper() if suffix in {".xlsx", ".docx", ".ods"} else ""
        )
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if "mimetype" in names and "content.xml" in names:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                small = archive.getinfo("mimetype").file_size < 200
                mime = archive.read("mimetype").strip() if small else b""
            if mime == ODS_MIME:
                return "ods"
            if mime == ODT_MIME:
                return "odt"
        return "zip"
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:8] == OLE2:
        if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
            return "xls"
        return "doc"
    if b"\x00" in data[:4096]:
        return "binary"
    if Path(filename).suffix.lower() in {".csv", ".tsv"}:
        return "csv"
    return "text"
