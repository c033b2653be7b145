"""No silent change on import: a header row is recognised by the row as a whole, and every data
row of the file is counted as imported, merged or left out (each left-out row listed with its
reason)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.lib.readers import read_tables
from zona.plans.importers import read_plan
from zona.plans.importers.fields import header_columns, repeats_header
from zona.plans.importers.layout import detect

HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU", "PENANGGUNG JAWAB"]
IKU = "Indikator Kinerja Utama (IKU) telah ditetapkan"


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def texts(plan) -> list[str]:
    return [i.text for a in plan.areas for c in a.components for i in c.indicators]


# The plan row of the defect: its indicator begins with a column's name, and so do most of its
# other cells ("Kegiatan …", "Dokumen …", "Tim Kerja …"): read cell by cell, it looked like a header.
IKU_PLAN = [
    ["RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026"],
    HEADER,
    ["I", "MANAJEMEN PERUBAHAN", "", "", "", "", ""],
    ["1", "Penyusunan Tim Kerja", "Tim kerja telah dibentuk", "Rapat pembentukan tim", "SK Tim",
     "Januari 2026", "Sekretariat"],
    ["2", "Penetapan Kinerja", IKU, "Kegiatan penyusunan IKU", "Dokumen IKU", "Triwulan II 2026",
     "Tim Kerja Perencanaan"],
    ["", "", "", "Kegiatan reviu IKU", "Berita acara reviu", "", ""],
    ["3", "Monitoring", "Monev dilaksanakan", "Rapat monev triwulanan", "Notulen", "Maret - Desember 2026",
     "Tim ZI"],
]  # fmt: skip


def test_a_row_whose_indicator_names_the_iku_is_data_not_a_header():
    plan = read_plan(as_csv(IKU_PLAN), "rencana.csv")
    assert texts(plan) == ["Tim kerja telah dibentuk", IKU, "Monev dilaksanakan"]
    components = plan.areas[0].components
    assert [c.name for c in components] == ["Penyusunan Tim Kerja", "Penetapan Kinerja", "Monitoring"]
    iku = components[1].indicators[0]
    assert iku.actions == ["Kegiatan penyusunan IKU", "Kegiatan reviu IKU"]
    assert iku.target.start is not None and iku.target.start.month == 4  # Triwulan II kept
    # the rows after it are read with the file's own columns, not that row's
    last = components[2].indicators[0]
    assert (last.target.start.month, last.target.end.month) == (3, 12)
    assert plan.dropped() == []
    assert (plan.rows.total, plan.rows.imported, plan.rows.merged, plan.rows.dropped) == (5, 4, 1, 0)


def test_the_header_is_judged_by_the_whole_row():
    assert header_columns(HEADER)  # every cell names a column
    row = ["2", "Penetapan Kinerja", IKU, "Kegiatan penyusunan IKU", "Dokumen IKU", "", "Lihat lampiran"]
    assert header_columns(row) == {}  # 3 of 6 cells begin with a column's name: not most
    assert header_columns(["", IKU, "", ""]) == {}  # one cell is never a header
    assert repeats_header([h.lower() for h in HEADER], HEADER)
    assert not repeats_header(IKU_PLAN[4], HEADER)


def test_a_header_repeated_after_a_page_break_is_counted_apart():
    rows = [*IKU_PLAN[:4], HEADER, ["1", "2", "3", "4", "5", "6", "7"], *IKU_PLAN[4:]]
    plan = read_plan(as_csv(rows), "rencana.csv")
    assert len(texts(plan)) == 3 and plan.dropped() == []
    assert (plan.rows.total, plan.rows.dropped, plan.rows.repeats) == (5, 0, 2)
    assert "2 baris judul kolom berulang atau penomoran kolom dilewati" in plan.row_summary()
    # each is listed with its row and why, as a row left out is, and survives the JSON
    assert [(f.where, f.problem) for f in plan.rows.repeated] == [
        ("baris 5", "judul kolom berulang, bukan data"),
        ("baris 6", "baris penomoran kolom (1, 2, 3, …), bukan data"),
    ]
    assert plan.rows.repeated[0].value.startswith("NO | KOMPONEN | INDIKATOR")
    again = type(plan).from_dict(plan.to_dict())
    assert again.rows == plan.rows and again.rows.repeated[1].where == "baris 6"


def test_every_left_out_row_is_listed_with_its_reason():
    rows = [
        HEADER,
        ["", "", "", "", "", "", ""],
        ["", "", "Indikator tanpa komponen", "", "", "", ""],  # before any area and component
        ["I", "MANAJEMEN PERUBAHAN", "", "", "", "", ""],
        ["1", "Tim", "Tim dibentuk", "Rapat", "SK", "Januari 2026", "PIC"],
        ["", "", "", "", "", "", "", "catatan di luar tabel"],  # in no column the plan keeps
    ]
    plan = read_plan(as_csv(rows), "rencana.csv")
    reasons = {f.where: f.problem for f in plan.dropped()}
    assert set(reasons) == {"baris 3", "baris 6"}
    assert "sebelum komponen" in reasons["baris 3"] and "tidak ada isi" in reasons["baris 6"]
    assert plan.dropped()[1].value == "catatan di luar tabel"
    assert (plan.rows.total, plan.rows.imported, plan.rows.dropped) == (4, 2, 2)  # the empty row is no data


def test_the_command_prints_the_row_accounting(db, tmp_path, capsys):
    path = tmp_path / "rencana.csv"
    path.write_bytes(as_csv([*IKU_PLAN[:4], HEADER, *IKU_PLAN[4:]]))
    call_command("import_plan", str(path), "--unit", "SUMSEL", "--dry-run")
    out = capsys.readouterr()
    assert (
        "5 baris data: 4 diimpor, 1 digabung ke baris di atasnya, 0 tidak diimpor "
        "(dan 1 baris judul kolom berulang atau penomoran kolom dilewati)"
    ) in out.out
    assert "dilewati: baris 5: judul kolom berulang, bukan data (“NO | KOMPONEN | INDIKATOR" in out.err


# -- a property over generated plans ---------------------------------------------------------
HEADERISH = ["IKU", "Indikator", "Komponen", "No", "Area", "Kegiatan", "Target", "Dokumen", "Tim", "Aksi"]
PLAIN = ["laporan", "pegawai", "layanan", "survei", "disusun", "rapat", "kinerja", "publik", "unit", "data"]
word = st.sampled_from(HEADERISH + PLAIN)
# Phrases of two words or more, at least one of them plain: text as people write it, with the
# columns' names inside ("Indikator kinerja layanan", "Dokumen IKU disusun").
phrase = st.lists(word, min_size=1, max_size=5).flatmap(
    lambda words: st.sampled_from(PLAIN).map(lambda plain: " ".join([*words, plain]))
)
AREAS = [
    ("I", "MANAJEMEN PERUBAHAN"),
    ("II", "PENATAAN TATA LAKSANA"),
    ("III", "PENATAAN SISTEM MANAJEMEN SDM"),
]


@st.composite
def plans(draw):
    rows, indicators, extra = [HEADER], [], 0
    for code, name in AREAS[: draw(st.integers(1, 3))]:
        rows.append([code, name, "", "", "", "", ""])
        for number in range(1, draw(st.integers(1, 3)) + 1):
            component = draw(phrase)
            for index in range(draw(st.integers(1, 3))):
                text = f"{draw(phrase)} {len(indicators) + 1}"
                indicators.append(text)
                cells = [str(number), component] if index == 0 else ["", ""]
                rows.append([*cells, text, draw(phrase), draw(phrase), draw(phrase), draw(phrase)])
                for _more in range(draw(st.integers(0, 2))):  # more steps of the same indicator
                    rows.append(
                        ["", "", "", draw(phrase), draw(st.sampled_from(["", "Dokumen IKU"])), "", ""]
                    )
                    extra += 1
    return rows, indicators, extra


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_with_header_words_lose_no_row(generated):
    rows, indicators, extra = generated
    plan = read_plan(as_csv(rows), "rencana.csv", default_year=2026)
    assert texts(plan) == indicators  # no row taken for a header, none lost
    data_rows = len(rows) - 1
    assert plan.rows.total == data_rows
    assert plan.rows.imported + plan.rows.merged + plan.rows.dropped == data_rows
    assert plan.rows.merged == extra and plan.rows.dropped == len(plan.dropped()) == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plans(),
    st.lists(st.tuples(st.integers(1, 10_000), st.sampled_from(["header", "note", "numbers"])), max_size=4),
)
def test_rows_left_out_are_counted_and_listed(generated, inserts):
    rows, indicators, _extra = generated
    rows = [list(r) for r in rows]
    for position, kind in inserts:
        at = 2 + position % (len(rows) - 1)  # below the first area heading
        row = {
            "header": list(HEADER),
            "note": ["", "", "", "", "", "", "", "catatan"],  # a cell in no column the plan reads
            "numbers": [str(n) for n in range(1, 8)],
        }[kind]
        rows.insert(at, row)
    plan = read_plan(as_csv(rows), "rencana.csv", default_year=2026)
    assert texts(plan) == indicators
    notes = sum(1 for _at, kind in inserts if kind == "note")
    assert plan.rows.total + plan.rows.repeats == len(rows) - 1
    assert plan.rows.repeats == len(inserts) - notes
    assert plan.rows.adds_up()
    assert plan.rows.dropped == len(plan.dropped()) == notes
    assert all(f.where and f.problem and f.value == "catatan" for f in plan.dropped())


@pytest.mark.parametrize("name", ["rencana.xlsx"])
def test_xlsx_rows_are_counted_as_the_sheet_shows_them(name):
    from openpyxl import Workbook

    book = Workbook()
    for row in IKU_PLAN:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    plan = read_plan(out.getvalue(), name)
    assert IKU in texts(plan) and plan.rows.total == 5 and plan.rows.adds_up()


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "name",
    [
        "rencana_kerja_zi_bps_prov_aceh_2025.csv",
        "rencana_kerja_zi_bps_prov_aceh_2025_revisi_awal_kotor.csv",
        "rencana_kerja_lke_terurai_2026.csv",
        "rencana_kerja_lke_kolom_label_2026.csv",
        "rencana_kerja_zi_bps_prov_aceh_2025.xlsx",
    ],
)
def test_the_real_plans_account_for_every_row_under_their_header(name):
    """Per LKE question too: the rows under the header, counted apart from the builders."""
    data = (FIXTURES / name).read_bytes()
    _kind, sheets = read_tables(data, name)
    rows = sheets[0].rows
    header = detect(rows).header
    under = sum(1 for cells in rows[header + 1 :] if any(c.strip() for c in cells))
    plan = read_plan(data, name, default_year=2025)
    assert plan.rows.total + plan.rows.repeats == under
    assert plan.rows.adds_up() and plan.rows.dropped == len(plan.dropped())
    assert plan.rows.imported == len(texts(plan))


def test_a_data_row_that_reads_like_a_header_never_takes_the_table_from_the_real_one():
    """A plan row whose cells begin with columns' names ("Indikator …", "Dokumen …", "Target …",
    "Komponen …") reads as a header on its own; with a note beside the table (one row left out),
    the few rows under it once scored better than the whole table under the real header and the
    plan collapsed to one indicator. The rows above it that it does not read count against it."""
    rows = [
        HEADER,
        ["I", "MANAJEMEN PERUBAHAN", "", "", "", "", ""],
        ["1", "Tim kerja", "Tim kerja dibentuk 1", "Rapat", "SK", "Januari", "Sekretariat"],
        ["", "", "", "", "", "", "", "catatan"],
        ["", "", "Rencana kerja disusun 2", "Rapat", "Dokumen", "Februari", "Tim ZI"],
        ["2", "Kinerja", "Laporan kinerja 3", "Indikator kinerja laporan", "Dokumen kinerja laporan",
         "Target kinerja laporan", "Komponen laporan"],
        ["", "", "Survei layanan 4", "Survei", "Laporan", "Maret", "Tim ZI"],
    ]  # fmt: skip
    plan = read_plan(as_csv(rows), "rencana.csv", default_year=2026)
    assert texts(plan) == [
        "Tim kerja dibentuk 1",
        "Rencana kerja disusun 2",
        "Laporan kinerja 3",
        "Survei layanan 4",
    ]
    assert plan.rows.dropped == 1 and plan.rows.adds_up()
