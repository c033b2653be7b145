"""Every spreadsheet Zona writes goes through `workbook()`: whatever a person typed is written as
text, never as a formula or a link (a finding titled "=HYPERLINK(…)" or "+1+2" stays that text).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Any

# XlsxWriter turns strings starting with "=" into formulas and "http…" into links unless told
# not to; numbers are written with write_number by the callers that mean them.
SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def workbook(target: str | IO[bytes], **options: Any):
    import xlsxwriter

    extra = {"in_memory": True} if isinstance(target, io.BytesIO) else {}
    return xlsxwriter.Workbook(target, {**extra, **options, **SAFE_OPTIONS})


def xlsx_bytes(build: Callable[[Any], None], **options: Any) -> bytes:
    """Build a workbook in memory with `build(book)` and return its bytes."""
    buffer = io.BytesIO()
    book = workbook(buffer, **options)
    build(book)
    book.close()
    return buffer.getvalue()


def xlsx_large_bytes(build: Callable[[Any], None]) -> bytes:
    """A large workbook built on disk in XlsxWriter's constant-memory mode: each row goes to disk
    as it comes (rows must be written in order), so memory stays flat however many rows; the
    finished file's bytes (megabytes, not the rows' objects)."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        book = workbook(handle.name, constant_memory=True, tmpdir=tempfile.gettempdir())
        build(book)
        book.close()
        handle.seek(0)
        return handle.read()
