"""One table written straight as a workbook's XML, for registers of 100,000 rows and more.

XlsxWriter spends some 100 µs of Python per cell; a register of 100,000 complaints has 1.4 million
cells. Here a row is one joined string: every value is written as an inline string (`t="inlineStr"`),
so nothing a person typed can become a formula, a number or a link (the guarantee of `workbook()`
in zona/lib/xlsx.py); characters XML cannot hold are dropped and `& < >` escaped. The sheet goes
through the ZIP in chunks of rows, so memory stays flat however many rows come.

Styles: a bold, shaded, bordered and wrapped header (as the registers' XlsxWriter headers) and
bordered, wrapped, top-aligned cells."""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from xlsxwriter.utility import xl_col_to_name

CHUNK = 2000  # rows joined before each write to the compressed sheet
# what XML 1.0 cannot hold (the controls other than tab, line feed and carriage return)
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL = 32_767  # the most characters a cell holds

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFD9E2F3"/><bgColor indexed="64"/></patternFill></fill>\
</fills>\
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>\
<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>\
</borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" \
applyAlignment="1"><alignment wrapText="1"/></xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""
SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""


def text(value) -> str:
    """A value as the XML of an inline string: `& < >` escaped, what XML cannot hold dropped, cut
    to what a cell holds."""
    value = value if isinstance(value, str) else str(value)
    if len(value) > MAX_CELL:
        value = value[:MAX_CELL]
    if _SPECIAL.search(value) is None:
        return value
    return escape(_UNWRITABLE.sub("", value))


def _row(number: int, values: Sequence, letters: list[str], style: int) -> str:
    cells = []
    for letter, value in zip(letters, values, strict=False):
        shown = text(value) if value is not None else ""
        if shown:
            cells.append(f'<c r="{letter}{number}" s="{style}" t="inlineStr"><is><t xml:space="preserve">')
            cells.append(f"{shown}</t></is></c>")
        else:
            cells.append(f'<c r="{letter}{number}" s="{style}"/>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def xlsx_table_bytes(*, sheet: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence]) -> bytes:
    """The workbook of one sheet: a header of `columns` (title, width) and `rows` (values in the
    columns' order, written as text), built in a temporary file; its bytes."""
    letters = [xl_col_to_name(i) for i in range(len(columns))]
    with tempfile.TemporaryFile() as handle:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            package.writestr("[Content_Types].xml", CONTENT_TYPES)
            package.writestr("_rels/.rels", RELS)
            package.writestr("xl/workbook.xml", WORKBOOK.format(name=escape(sheet[:31], {'"': "&quot;"})))
            package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
            package.writestr("xl/styles.xml", STYLES)
            with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
                widths = "".join(
                    f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
                    for i, (_title, width) in enumerate(columns, start=1)
                )
                out.write(f"{SHEET_HEAD}<cols>{widths}</cols><sheetData>".encode())
                out.write(_row(1, [title for title, _w in columns], letters, 1).encode())
                chunk: list[str] = []
                for number, values in enumerate(rows, start=2):
                    chunk.append(_row(number, values, letters, 2))
                    if len(chunk) >= CHUNK:
                        out.write("".join(chunk).encode())
                        chunk = []
                out.write(("".join(chunk) + "</sheetData></worksheet>").encode())
        handle.seek(0)
        return handle.read()
