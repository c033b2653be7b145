"""Hostile files, generated (nothing large is committed): the bombs and malformed files found
probing Zona, and more. Each builder returns (filename, bytes). Used by the corpus test and by
bench/hostile.py.

Compression bombs are built in a second from one compressed megabyte repeated: after a full
flush deflate restarts with an empty dictionary, so the same input compresses to the same bytes."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

CHUNK = b" " * (1024 * 1024)


def _deflated(prefix: bytes, megabytes: int, suffix: bytes, *, wbits: int) -> tuple[bytes, int, int]:
    """(compressed, size, checksum) of prefix + megabytes × 1 MB of spaces + suffix: CRC-32 for a
    raw stream (ZIP), Adler-32 for a zlib stream (PDF)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(CHUNK) + packer.flush(zlib.Z_FULL_FLUSH)
    assert block == packer.compress(CHUNK) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.compress(suffix) + packer.flush()
    check = zlib.crc32 if wbits < 0 else zlib.adler32
    value = check(prefix, 0 if wbits < 0 else 1)
    for _ in range(megabytes):
        value = check(CHUNK, value)
    value = check(suffix, value)
    if wbits > 0:  # the zlib trailer holds the Adler-32 of the data; ours is of the real data
        head, tail = head, tail[:-4] + struct.pack(">I", value)
    return head + block * megabytes + tail, len(prefix) + megabytes * len(CHUNK) + len(suffix), value


def zip_package(members: list[tuple[str, bytes]], bomb: tuple[str, bytes, int, bytes] | None = None) -> bytes:
    """A ZIP of `members` (deflated) and, when given, a bomb member (name, prefix, megabytes of
    spaces, suffix) written by hand with its true sizes and CRC."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    if bomb is None:
        return buffer.getvalue()
    name, prefix, megabytes, suffix = bomb
    packed, size, crc = _deflated(prefix, megabytes, suffix, wbits=-15)
    return _append_member(buffer.getvalue(), name.encode(), packed, size, crc)


def _append_member(original: bytes, name: bytes, packed: bytes, size: int, crc: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        start, count = archive.start_dir, len(archive.infolist()) + 1
    body, directory = original[:start], original[start : original.rfind(b"PK\x05\x06")]
    offset = len(body)
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), size, len(name), 0)
    central = struct.pack(
        "<4s6H3I5H2I",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(packed),
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    body += local + name + packed
    directory += central + name
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    return body + directory + end


# -- XLSX ------------------------------------------------------------------------------------
_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_XLSX_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Rencana" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_XLSX_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
HEADER = ("NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU", "PENANGGUNG JAWAB")


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(sheet_data: str, dimension: str = "A1:G1") -> bytes:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData>'
        "</worksheet>"
    )
    return zip_package(
        [
            ("[Content_Types].xml", _XLSX_TYPES),
            ("_rels/.rels", _XLSX_RELS),
            ("xl/workbook.xml", _XLSX_BOOK),
            ("xl/_rels/workbook.xml.rels", _XLSX_BOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    )


def _header_row() -> str:
    return '<row r="1">' + "".join(_inline(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)) + "</row>"


def xlsx_declared_grid() -> tuple[str, bytes]:
    """1.5 KB that declares A1:XFD1048576 (17 billion cells) and holds a header row."""
    return "grid.xlsx", xlsx(_header_row(), "A1:XFD1048576")


def xlsx_declared_200_columns() -> tuple[str, bytes]:
    return "grid200.xlsx", xlsx(_header_row(), "A1:GR1048576")


def xlsx_far_corner() -> tuple[str, bytes]:
    """A value in the last cell a sheet can hold: the data itself reaches row 1,048,576."""
    return "corner.xlsx", xlsx(_header_row() + '<row r="1048576">' + _inline("XFD1048576", "x") + "</row>")


def _openpyxl_string(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_ordinary_rows(count: int = 40_000) -> tuple[str, bytes]:
    """An ordinary sheet of `count` data rows under the header, written as openpyxl writes one
    (numbers, inline strings): about 1 MB packed, nothing hostile in it."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="n"><v>{n - 1}</v></c>{_openpyxl_string(f"B{n}", "Komponen")}'
        f"{_openpyxl_string(f'C{n}', f'Indikator {n - 1}')}{_openpyxl_string(f'D{n}', 'Rapat')}"
        f'<c r="E{n}" t="n"><v>3.5</v></c></row>'
        for n in range(2, count + 2)
    )
    return "rows.xlsx", xlsx(_header_row() + rows, f"A1:G{count + 1}")


def xlsx_nested_xml() -> tuple[str, bytes]:
    """A sheet whose XML nests 100,000 elements deep inside a cell."""
    depth = 100_000
    nest = "<x>" * depth + "</x>" * depth
    return "nested.xlsx", xlsx(
        _header_row() + f'<row r="2"><c r="A2" t="inlineStr"><is>{nest}</is></c></row>'
    )


# -- DOCX ------------------------------------------------------------------------------------
_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
    'document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str) -> bytes:
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    return zip_package(
        [("[Content_Types].xml", _DOCX_TYPES), ("_rels/.rels", _DOCX_RELS), ("word/document.xml", document)]
    )


def _cell(content: str) -> str:
    return f"<w:tc><w:p>{content}</w:p></w:tc>"


def _run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def docx_table(rows: list[list[str]]) -> bytes:
    body = "".join("<w:tr>" + "".join(_cell(_run(c)) for c in row) + "</w:tr>" for row in rows)
    return _docx(f"<w:tbl>{body}</w:tbl>")


def docx_zip_bomb(megabytes: int = 1024) -> tuple[str, bytes]:
    """A DOCX whose document.xml unpacks to a gigabyte (a thousand times its packed size)."""
    package = zip_package(
        [("[Content_Types].xml", _DOCX_TYPES), ("_rels/.rels", _DOCX_RELS)],
        bomb=(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body><w:p><w:r><w:t>'.encode(),
            megabytes,
            b"</w:t></w:r></w:p></w:body></w:document>",
        ),
    )
    return "bomb.docx", package


def docx_tiny_runs(runs: int = 100_000) -> tuple[str, bytes]:
    """A plan table whose indicator cell is 100,000 runs of one character each (of varied letters,
    so that it packs like a real document and is parsed, not refused by its packing ratio)."""
    header = "<w:tr>" + "".join(_cell(_run(h)) for h in HEADER) + "</w:tr>"
    letters = "".join(_run(chr(97 + (i * 7919) % 26)) + f"<w:bookmarkStart w:id='{i}'/>" for i in range(runs))
    row = (
        "<w:tr>"
        + _cell(_run("1"))
        + _cell(letters)
        + "".join(_cell(_run("y")) for _ in HEADER[2:])
        + "</w:tr>"
    )
    return "runs.docx", _docx(f"<w:tbl>{header}{row}</w:tbl>")


def docx_nested_xml(depth: int = 20_000) -> tuple[str, bytes]:
    """Content controls nested 20,000 deep (under a megabyte, so the parser itself meets it)."""
    nest = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    return "nested.docx", _docx(nest)


# -- CSV -------------------------------------------------------------------------------------
def csv_long_line(megabytes: int = 50) -> tuple[str, bytes]:
    """One line of 50 MB: a header, then commas and text without a line break."""
    return "line.csv", b"NO,KOMPONEN,INDIKATOR," + b"x" * (megabytes * 1024 * 1024)


def csv_long_cell(megabytes: int = 5) -> tuple[str, bytes]:
    return "cell.csv", b"KODE,PERTANYAAN\n1," + b"x" * (megabytes * 1024 * 1024) + b"\n"


def csv_wide_line(megabytes: int = 5) -> tuple[str, bytes]:
    return "wide.csv", b"KODE,PERTANYAAN\n" + b"1," * (megabytes * 512 * 1024) + b"\n"


# -- PDF -------------------------------------------------------------------------------------
def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of numbered objects (1…n) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_TEXT = b"BT /F1 12 Tf 72 720 Td (Rencana kerja) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
    b"/Resources << /Font << /F1 4 0 R >> >> >>"
)


def pdf_pages(count: int = 2000) -> tuple[str, bytes]:
    """2,000 pages sharing one content stream: a few hundred KB."""
    first = 5
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        _stream(_TEXT),
        _FONT,
    ]
    objects += [_PAGE] * count
    return "pages.pdf", pdf(objects)


def pdf_flate_bomb(megabytes: int = 1024) -> tuple[str, bytes]:
    """One page whose content stream inflates to a gigabyte."""
    packed, _size, _adler = _deflated(b"BT /F1 12 Tf 72 720 Td (", megabytes, b") Tj ET", wbits=15)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        _stream(packed, b"/Filter /FlateDecode"),
        _FONT,
        _PAGE,
    ]
    return "flate.pdf", pdf(objects)


def pdf_without_mediabox() -> tuple[str, bytes]:
    """A page with no MediaBox, on itself or its parents: malformed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        _stream(_TEXT),
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
    ]
    return "nomediabox.pdf", pdf(objects)


# -- XLS -------------------------------------------------------------------------------------
def xls(rows: list[list[object]], sheet: str = "Rencana") -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    page = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            page.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_declared_rows() -> tuple[str, bytes]:
    """An XLS whose DIMENSIONS record declares 4,294,967,295 rows × 256 columns over one header row."""
    data = bytearray(xls([list(HEADER)]))
    at = data.find(b"\x00\x02\x0e\x00")
    assert at > 0
    struct.pack_into("<IIHH", data, at + 4, 0, 0xFFFFFFFF, 0, 256)
    return "declared.xls", bytes(data)


# -- ODS -------------------------------------------------------------------------------------
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
    'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods_content(tables: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )


def ods_package(content: str | None, bomb: tuple[str, bytes, int, bytes] | None = None) -> bytes:
    members = [("mimetype", _ODS_MIME), ("META-INF/manifest.xml", _MANIFEST)]
    if content is not None:
        members.append(("content.xml", content))
    return zip_package(members, bomb=bomb)


def ods_cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value}"'
        return f"<table:table-cell {kind}><text:p>{value}</text:p></table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def ods(rows: list[list[object]], name: str = "Rencana") -> bytes:
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    # what LibreOffice writes after the data: the rest of the sheet as repeated empty rows and cells
    tail = (
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    return ods_package(_ods_content(f'<table:table table:name="{name}">{body}{tail}</table:table>'))


def ods_repeated() -> tuple[str, bytes]:
    """A value repeated over 16,384 columns and 1,048,576 rows by two attributes: 330 bytes."""
    cell = (
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell>"
    )
    row = f'<table:table-row table:number-rows-repeated="1048576">{cell}</table:table-row>'
    return "repeated.ods", ods_package(_ods_content(f'<table:table table:name="Rencana">{row}</table:table>'))


def ods_zip_bomb(megabytes: int = 1024) -> tuple[str, bytes]:
    prefix = _ods_content('<table:table table:name="R"><table:table-row><table:table-cell><text:p>').encode()
    prefix = prefix[: prefix.index(b"</office:spreadsheet>")]
    suffix = (
        b"</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
        b"</office:body></office:document-content>"
    )
    return "bomb.ods", ods_package(None, bomb=("content.xml", prefix, megabytes, suffix))


CORPUS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "xlsx-declared-grid": xlsx_declared_grid,
    "xlsx-declared-200-columns": xlsx_declared_200_columns,
    "xlsx-far-corner": xlsx_far_corner,
    "xlsx-nested-xml": xlsx_nested_xml,
    "docx-zip-bomb": docx_zip_bomb,
    "docx-100000-runs": docx_tiny_runs,
    "docx-nested-xml": docx_nested_xml,
    "pdf-2000-pages": pdf_pages,
    "pdf-flate-bomb": pdf_flate_bomb,
    "pdf-without-mediabox": pdf_without_mediabox,
    "csv-50mb-line": csv_long_line,
    "csv-5mb-cell": csv_long_cell,
    "csv-5mb-wide-line": csv_wide_line,
    "xls-declared-rows": xls_declared_rows,
    "ods-zip-bomb": ods_zip_bomb,
    "ods-repeated": ods_repeated,
}
