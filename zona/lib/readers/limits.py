"""The bounds every read of an uploaded or imported file keeps, and the refusal past each one.

The numbers are settings (`ZONA_READ_*`, `ZONA_MAX_UPLOAD_MB`; docs/configuration.md); a refusal
names the limit and the file's own figure, in words the user can act on."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from zona.lib.errors import RuleError

MB = 1024 * 1024
# A member of an archive is checked for its packing ratio once it unpacks to more than this
# (small members of a normal file, such as an empty sheet, pack very tightly).
RATIO_GRACE_BYTES = MB
# XML nested deeper than this is refused (libxml2, which reads DOCX, stops at the same depth).
XML_MAX_DEPTH = 256


class ReadError(RuleError, ValueError):
    """A file that can't be read, or that Zona refuses to read; the message is for the user."""


class TimedOut(ReadError):
    """A read stopped at its wall-clock limit."""


@dataclass(frozen=True)
class Limits:
    file_mb: int = 20
    unpacked_mb: int = 100
    ratio: int = 100
    members: int = 1_000
    rows: int = 100_000
    columns: int = 500
    cells: int = 2_000_000
    cell_chars: int = 32_767
    pages: int = 300
    seconds: int = 60
    memory_mb: int = 512
    isolation: str = "process"
    ocr_pages: int = 30
    ocr_page_seconds: int = 180
    ocr_confidence: int = 75
    ocr_workers: int = 2

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            file_mb=settings.ZONA_MAX_UPLOAD_MB,
            unpacked_mb=settings.ZONA_READ_MAX_UNPACKED_MB,
            ratio=settings.ZONA_READ_MAX_RATIO,
            members=settings.ZONA_READ_MAX_MEMBERS,
            rows=settings.ZONA_READ_MAX_ROWS,
            columns=settings.ZONA_READ_MAX_COLUMNS,
            cells=settings.ZONA_READ_MAX_CELLS,
            cell_chars=settings.ZONA_READ_MAX_CELL_CHARS,
            pages=settings.ZONA_READ_MAX_PAGES,
            seconds=settings.ZONA_READ_TIMEOUT,
            memory_mb=settings.ZONA_READ_MEMORY_MB,
            isolation=settings.ZONA_READ_ISOLATION,
            ocr_pages=settings.ZONA_OCR_MAX_PAGES,
            ocr_page_seconds=settings.ZONA_OCR_PAGE_TIMEOUT,
            ocr_confidence=settings.ZONA_OCR_MIN_CONFIDENCE,
            ocr_workers=settings.ZONA_OCR_WORKERS,
        )


def n(value: int | float) -> str:
    """A figure as the user's language writes it (1.048.576 in Indonesian)."""
    return number_format(value, force_grouping=True)


def megabytes(size: int) -> str:
    return n(round(size / MB, 1)) if size < 10 * MB else n(size // MB)


def too_large(size: int, limit_mb: int) -> ReadError:
    return ReadError(
        _("the file is %(found)s MB; the limit is %(limit)s MB")
        % {"found": megabytes(size), "limit": n(limit_mb)}
    )


def too_many_members(found: int, limit: int) -> ReadError:
    return ReadError(
        _("the file packs %(found)s parts; the limit is %(limit)s: it is not an ordinary office file")
        % {"found": n(found), "limit": n(limit)}
    )


def unpacks_too_large(size: int, limit_mb: int) -> ReadError:
    return ReadError(
        _("the file unpacks to %(found)s MB; the limit is %(limit)s MB: split it or remove pictures")
        % {"found": megabytes(size), "limit": n(limit_mb)}
    )


def packed_too_tightly(name: str, ratio: int, limit: int) -> ReadError:
    return ReadError(
        _(
            "the part “%(name)s” of the file unpacks to %(found)s times its packed size; the limit is "
            "%(limit)s times (a ZIP bomb): the file is not read"
        )
        % {"name": name[:80], "found": n(ratio), "limit": n(limit)}
    )


def too_many_rows(sheet: str, found: int, limit: int) -> ReadError:
    if not sheet:
        return ReadError(
            _("the file has data in row %(found)s; the limit is %(limit)s rows: split the file")
            % {"found": n(found), "limit": n(limit)}
        )
    return ReadError(
        _("“%(sheet)s” has data in row %(found)s; the limit is %(limit)s rows: split the file")
        % {"sheet": sheet[:80], "found": n(found), "limit": n(limit)}
    )


def too_many_columns(sheet: str, found: int, limit: int) -> ReadError:
    if not sheet:
        return ReadError(
            _(
                "the file has data in column %(found)s; the limit is %(limit)s columns: "
                "remove the unused columns"
            )
            % {"found": n(found), "limit": n(limit)}
        )
    return ReadError(
        _(
            "“%(sheet)s” has data in column %(found)s; the limit is %(limit)s columns: "
            "remove the unused columns"
        )
        % {"sheet": sheet[:80], "found": n(found), "limit": n(limit)}
    )


def too_many_cells(found: int, limit: int) -> ReadError:
    return ReadError(
        _("the file has at least %(found)s cells; the limit is %(limit)s cells: split the file")
        % {"found": n(found), "limit": n(limit)}
    )


def cell_too_long(where: str, found: int | None, limit: int) -> ReadError:
    if found is None:  # the CSV reader stops at the limit without counting on
        return ReadError(
            _("%(where)s: a cell holds more characters than the limit of %(limit)s")
            % {"where": where, "limit": n(limit)}
        )
    return ReadError(
        _("%(where)s: a cell holds %(found)s characters; the limit is %(limit)s characters")
        % {"where": where, "found": n(found), "limit": n(limit)}
    )


def too_many_pages(found: int, limit: int) -> ReadError:
    return ReadError(
        _("the PDF has %(found)s pages; the limit is %(limit)s pages: upload only the pages with the table")
        % {"found": n(found), "limit": n(limit)}
    )


def too_many_scanned_pages(found: int, limit: int) -> ReadError:
    return ReadError(
        _(
            "the scanned PDF has %(found)s pages; the limit for a scan read by OCR is %(limit)s pages: "
            "upload only the pages with the table"
        )
        % {"found": n(found), "limit": n(limit)}
    )


def ocr_took_too_long(page: int, seconds: int) -> ReadError:
    return ReadError(
        _(
            "reading page %(page)s of the scan took longer than the limit of %(limit)s seconds: "
            "scan it again at 300 dpi, or upload the original DOCX or XLSX"
        )
        % {"page": n(page), "limit": n(seconds)}
    )


def stream_too_large(limit_mb: int) -> ReadError:
    return ReadError(
        _("a part of the PDF unpacks to more than %(limit)s MB (a compression bomb): the file is not read")
        % {"limit": n(limit_mb)}
    )


def nested_too_deep(limit: int) -> ReadError:
    return ReadError(
        _("the file's XML is nested more than %(limit)s levels deep: the file is not read")
        % {"limit": n(limit)}
    )


def took_too_long(seconds: int) -> ReadError:
    return TimedOut(
        _(
            "reading the file took longer than the limit of %(limit)s seconds: the file is not read. "
            "Save it again as XLSX or CSV, or split it"
        )
        % {"limit": n(seconds)}
    )


def needs_too_much_memory(limit_mb: int) -> ReadError:
    return ReadError(
        _(
            "reading the file needs more than the limit of %(limit)s MB of memory: the file is not read. "
            "Save it again as XLSX or CSV, or split it"
        )
        % {"limit": n(limit_mb)}
    )


def damaged(kind: str) -> ReadError:
    return ReadError(_("the %(kind)s file is damaged and can't be read") % {"kind": kind.upper()})
