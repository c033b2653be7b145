"""The bounded readers: the same rows from CSV, XLSX, XLS and ODS; every bound refused with the
file's figure and the limit; the parse's memory and time budget in its child process."""

from __future__ import annotations

import csv
import io
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import reads_inline
from zona.lib import readers
from zona.lib.readers import ReadError, isolate
from zona.lib.readers.limits import XML_MAX_DEPTH, Limits
from zona.lib.readers.sheets import _depth_change, check_depth, depths
from zona.lib.readers.sniff import check_archive, member_count
from zona.lib.tests import hostile


def as_xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Rencana"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def trimmed(rows: list[list[str]]) -> list[list[str]]:
    """Rows without trailing empty cells and without trailing empty rows."""
    out = [list(row) for row in rows]
    for row in out:
        while row and not row[-1]:
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


cells = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzAÉ -", min_size=1, max_size=12).filter(str.strip),
    st.just(""),
)
grids = st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=6)


@reads_inline
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids)
def test_every_spreadsheet_format_gives_the_same_rows(grid):
    grid = [["" if v == "" else v for v in row] for row in grid]
    if not any(str(v).strip() for row in grid for v in row):
        grid[0][0] = "x"
    want = trimmed([[str(v) for v in row] for row in grid])
    xlsx_grid = [[None if v == "" else v for v in row] for row in grid]
    files = {
        "a.csv": as_csv(grid),
        "a.xlsx": as_xlsx(xlsx_grid),
        "a.xls": hostile.xls(xlsx_grid),
        "a.ods": hostile.ods(grid),
    }
    for name, data in files.items():
        kind, sheets = readers.read_tables(data, name)
        assert kind == name[2:]
        assert trimmed(sheets[0].rows) == want, name


def test_dates_numbers_and_spaces_read_as_people_wrote_them():
    xlsx = as_xlsx([["Tanggal", "Nilai"], [date(2026, 3, 31), 4.0], [None, 2.5]])
    assert readers.read_tables(xlsx, "a.xlsx")[1][0].rows == [
        ["Tanggal", "Nilai"],
        ["2026-03-31", "4"],
        ["", "2.5"],
    ]
    xls = hostile.xls([["Nilai"], [4.0], [2.5]])
    assert readers.read_tables(xls, "a.xls")[1][0].rows == [["Nilai"], ["4"], ["2.5"]]
    spaced = hostile.ods_package(
        hostile._ods_content(
            '<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string">'
            '<text:p>a<text:s text:c="3"/>b</text:p><text:p>c</text:p></table:table-cell>'
            '<table:table-cell office:value-type="date" office:date-value="2026-03-31T00:00:00"/>'
            "</table:table-row></table:table>"
        )
    )
    assert readers.read_tables(spaced, "a.ods")[1][0].rows == [["a   b\nc", "2026-03-31"]]


def test_a_declared_grid_is_read_by_its_data():
    name, data = hostile.xlsx_declared_grid()
    started = time.monotonic()
    table = readers.read(data, readers.kind_of(data, name)).tables[0]
    assert table.rows == [list(hostile.HEADER)]  # one row of 7, not 1,048,576 × 16,384
    assert time.monotonic() - started < 20
    name, data = hostile.xls_declared_rows()
    assert readers.read(data, "xls").tables[0].rows == [list(hostile.HEADER)]


@pytest.mark.parametrize(
    ("setting", "value", "data", "message"),
    [
        ("ZONA_READ_MAX_ROWS", 3, as_csv([["a"]] * 5), "berkas berisi data di baris 4; batasnya 3 baris"),
        ("ZONA_READ_MAX_ROWS", 3, as_xlsx([["a"]] * 5), "“Rencana” berisi data di baris 4; batasnya 3 baris"),
        (
            "ZONA_READ_MAX_COLUMNS",
            3,
            as_xlsx([["a", "", "", "", "b"]]),
            "berisi data di kolom ke-5; batasnya 3 kolom",
        ),
        (
            "ZONA_READ_MAX_CELLS",
            10,
            as_xlsx([["a", "b", "c"]] * 4),
            "berkas memuat sedikitnya 12 sel; batasnya 10 sel",
        ),
        (
            "ZONA_READ_MAX_CELL_CHARS",
            5,
            as_xlsx([["abcdefgh"]]),
            "Rencana!baris 1: satu sel memuat 8 karakter",
        ),
        (
            "ZONA_READ_MAX_CELL_CHARS",
            5,
            hostile.ods([["abcdefgh"]]),
            "satu sel memuat 8 karakter; batasnya 5",
        ),
        ("ZONA_MAX_UPLOAD_MB", 1, b"a,b\n" * 300_000, "berkas berukuran 1,1 MB; batasnya 1 MB"),
    ],
)
def test_each_bound_names_the_files_figure_and_the_limit(settings, setting, value, data, message):
    setattr(settings, setting, value)
    with pytest.raises(ReadError, match=message):
        readers.read_tables(data, "x.xlsx" if data[:2] == b"PK" else "x.csv")


def test_a_zip_is_judged_by_its_directory_before_any_member_is_read():
    members = [(f"m{i}.xml", "<a/>") for i in range(30)]
    package = hostile.zip_package(members)
    assert member_count(package) == 30
    with pytest.raises(ReadError, match="30 bagian terkemas; batasnya 20"):
        check_archive(package, Limits(members=20))
    _name, bomb = hostile.ods_zip_bomb(megabytes=150)
    with pytest.raises(ReadError, match="150 MB; batasnya 100 MB"):
        check_archive(bomb, Limits())
    _name, bomb = hostile.ods_zip_bomb(megabytes=50)
    with pytest.raises(ReadError, match=r"“content.xml” dari berkas mengembang [\d.]+ kali"):
        check_archive(bomb, Limits())


def _sleeps(data, limits):
    time.sleep(30)


def _hoards(data, limits):
    return bytearray(400 * 1024 * 1024)


def _breaks(data, limits):
    raise KeyError("xl/worksheets/sheet1.xml")


def test_the_parse_is_stopped_past_its_time_and_memory_in_the_child():
    started = time.monotonic()
    with pytest.raises(ReadError, match="lebih dari batas 1 detik"):
        isolate.bounded(_sleeps, b"", "xlsx", Limits(seconds=1))
    assert time.monotonic() - started < 10
    with pytest.raises(ReadError, match="memori lebih dari batas 64 MB"):
        isolate.bounded(_hoards, b"", "xlsx", Limits(memory_mb=64))
    assert isolate.last.run.isolated and isolate.last.run.peak_mb < 100
    with pytest.raises(ReadError, match="berkas XLSX tidak dapat dibuka: KeyError"):
        isolate.bounded(_breaks, b"", "xlsx", Limits())


def test_inline_reading_gives_the_same_content(settings):
    data = as_xlsx([["a", 1], ["b", 2]])
    forked = readers.read(data, "xlsx")
    settings.ZONA_READ_ISOLATION = "inline"
    assert readers.read(data, "xlsx") == forked
    assert not isolate.last.run.isolated


def test_a_command_line_file_is_refused_by_its_size_before_it_is_read(settings, tmp_path):
    settings.ZONA_MAX_UPLOAD_MB = 1
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    with pytest.raises(ReadError, match="3,0 MB; batasnya 1 MB"):
        readers.file_bytes(path)


# Well-formed XML with everything the depth count reads: elements with attributes, empty
# elements, text holding "/" and ">", processing instructions, comments, CDATA.
_leaves = st.sampled_from(
    ["<v/>", '<c r="A1" t="n"/>', "x/y", "a > b", "<?pi data?>", "<!-- note -->", "<![CDATA[1 & 2]]>", "7"]
)
_xml = st.recursive(
    _leaves,
    lambda kids: st.lists(kids, max_size=4).map(lambda inner: '<row r="2">' + "".join(inner) + "</row>"),
    max_leaves=30,
).map(lambda body: f'<?xml version="1.0"?><sheetData>{body}</sheetData>'.encode())


def _parsed_depth(xml: bytes) -> int:
    """The deepest nesting of `xml` by a parser's events (expat)."""
    from xml.parsers import expat

    parser, depth, deepest = expat.ParserCreate(), [0], [0]

    def start(*_args):
        depth[0] += 1
        deepest[0] = max(deepest[0], depth[0])

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda *_args: depth.__setitem__(0, depth[0] - 1)
    parser.Parse(xml, True)
    return deepest[0]


@settings(max_examples=300, deadline=None)
@given(_xml, st.integers(min_value=1, max_value=40))
def test_the_depth_is_the_same_whatever_the_chunk_size(xml, step):
    whole = list(depths(io.BytesIO(xml), len(xml)))
    assert whole == [(len(xml), 0)]
    counted = list(depths(io.BytesIO(xml), step))
    assert counted[-1] == whole[-1]
    for position, depth in counted:  # at every cut, the depth of the bytes up to it read at once
        assert depth == _depth_change(xml[:position])
    # and never deeper than the parser finds, so no ordinary file is refused
    assert max(depth for _p, depth in counted) <= _parsed_depth(xml)


def test_an_ordinary_40000_row_sheet_is_read_and_a_nested_one_refused():
    name, data = hostile.xlsx_ordinary_rows(40_000)
    assert len(data) > 900_000  # the size that was refused as nested past 256 levels
    table = readers.read_tables(data, name)[1][0]
    assert len(table.rows) == 40_001
    assert table.rows[-1][:5] == ["40000", "Komponen", "Indikator 40000", "Rapat", "3.5"]
    name, data = hostile.xlsx_nested_xml()
    with pytest.raises(ReadError, match="bersarang lebih dari 256 tingkat"):
        readers.read_tables(data, name)
    bomb = b"<a>" * 8 * XML_MAX_DEPTH + b"</a>" * 8 * XML_MAX_DEPTH  # deeper than 4 KB of tags
    for step in (1, 2, 3, 7, 4096):  # however the nest falls across chunks
        with pytest.raises(ReadError, match="256 tingkat"):
            check_depth(io.BytesIO(bomb), "x.xml", step)
    check_depth(io.BytesIO(b"<a>" * XML_MAX_DEPTH + b"</a>" * XML_MAX_DEPTH), "x.xml", 1)  # the limit is read
