"""The decree importer against the seed (SK 34/2023 KPU Sumsel) and each table quirk it shows."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zona.plans.importers import PlanFileError, read_plan
from zona.plans.importers.table import column_of, split_steps
from zona.plans.models import Plan

HEADER = (
    "| NO | KOMPONEN | INDIKATOR | LANGKAH AKSI | BUKTI FISIK | TARGET WAKTU |\n|---|---|---|---|---|---|\n"
)


def md(body: str, header: str = HEADER) -> bytes:
    return (header + body).encode()


def indicators(plan):
    return [i for a in plan.areas for c in a.components for i in c.indicators]


def test_seed_reads_to_6_areas_22_components_43_indicators(seed_bytes):
    plan = read_plan(seed_bytes, "seed.md")
    assert plan.counts()["areas"] == 6
    assert plan.counts()["components"] == 22
    assert plan.counts()["indicators"] == 43
    assert [a.code for a in plan.areas] == ["I", "II", "III", "IV", "V", "VI"]
    assert [len(a.components) for a in plan.areas] == [4, 3, 5, 2, 5, 3]
    assert [sum(len(c.indicators) for c in a.components) for a in plan.areas] == [5, 4, 7, 8, 9, 10]


def test_seed_decree_metadata(seed_bytes):
    plan = read_plan(seed_bytes, "seed.md")
    assert plan.decree.number == "34 TAHUN 2023"
    assert plan.decree.date == date(2023, 5, 11)
    assert plan.decree.unit == "KOMISI PEMILIHAN UMUM PROVINSI SUMATERA SELATAN"
    assert plan.decree.signatory == "AMRAH MUSLIMIN"
    assert plan.year == 2023


def test_seed_continuation_row_after_page_break_is_merged(seed_bytes):
    plan = read_plan(seed_bytes, "seed.md")
    component = plan.areas[0].components[1]
    assert component.name == "Dokumen Rencana Pembangunan ZI"
    (indicator,) = component.indicators
    assert (
        indicator.actions[-1]
        == "Mensosialisasikan kepada seluruh pegawai, sosialisasi melalui banner dan website"
    )
    assert indicator.evidence.endswith("website KPU Sumsel")
    # the continuation row did not become a component of its own
    assert [c.number for c in plan.areas[0].components] == [1, 2, 3, 4]


def test_seed_numbered_steps_in_one_cell_are_split(seed_bytes):
    plan = read_plan(seed_bytes, "seed.md")
    first = plan.areas[0].components[0].indicators[0]
    assert first.actions == [
        "Buat Flochart pemilihan tim kerja ZI",
        "Pemilihan calon anggota Tim Kerja ZI sesuai prosedur pembentukan Tim ZI",
        "Terbentuknya Tim ZI",
    ]
    sop = plan.areas[1].components[0].indicators[0]
    assert sop.actions == [
        "Seluruh pegawai telah mengetahui SOP yang telah ditetapkan",
        "SOP tersedia di ruang pelayanan",
        "Melaksanakan evaluasi dokumen SOP",
    ]


def test_seed_area_headings_in_their_varied_forms(seed_bytes):
    plan = read_plan(seed_bytes, "seed.md")
    # "I | MANAJEMEN ..." / "II PENATAAN TATA LAKSANA" / "IV. PENGUATAN ..." / "VI ..." before the header
    assert [a.name for a in plan.areas] == [
        "Manajemen Perubahan",
        "Penataan Tatalaksana",
        "Penataan Sistem Manajemen SDM Aparatur",
        "Penguatan Akuntabilitas",
        "Penguatan Pengawasan",
        "Peningkatan Kualitas Pelayanan Publik",
    ]
    assert plan.areas[5].components[0].name == "Standar Pelayanan"


def test_seed_target_periods_and_non_periods(seed_bytes):
    plan = read_plan(seed_bytes, "seed.md")
    items = indicators(plan)
    by_text = {i.target.text: i.target for i in items}
    assert by_text["10 hari kerja"].start is None
    assert (by_text["Des-22"].start, by_text["Des-22"].end) == (date(2022, 12, 1), date(2022, 12, 31))
    assert by_text["Januari s.d. Desember 2023"].end == date(2023, 12, 31)
    undated = [i.target.text for i in items if i.target.start is None]
    assert undated == ["10 hari kerja"]


def test_seed_priorities_from_lampiran_i(seed_bytes):
    plan = read_plan(seed_bytes, "seed.md")
    counts = [len(a.priorities) for a in plan.areas]
    assert counts == [3, 3, 5, 2, 4, 4]
    assert plan.areas[0].priorities[0] == "Menetapkan dokumen rencana kerja pembangunan Zona Integritas;"
    assert "WA Operator e-PPID" in plan.areas[4].priorities[2]  # the channel list stays with its item


def test_header_repeated_and_column_number_rows_are_skipped():
    data = md(
        "| 1 | 2 | 3 | 4 | 5 | 6 |\n| I | MANAJEMEN PERUBAHAN | | | | |\n"
        "| 1 | Tim | Ind A | Aksi A | Bukti A | Mei 2023 |\n\n"
        + HEADER
        + "| 1 | 2 | 3 | 4 | 5 | 6 |\n| 2 | Dokumen | Ind B | Aksi B | Bukti B | Juni 2023 |\n"
    )
    plan = read_plan(data, "x.md")
    assert [i.text for i in indicators(plan)] == ["Ind A", "Ind B"]


def test_rows_of_the_same_indicator_in_a_spreadsheet_add_steps():
    data = (
        b"NO;KOMPONEN;INDIKATOR;RENCANA AKSI;OUTPUT;WAKTU;PIC\n"
        b"I;Manajemen Perubahan;;;;;\n"
        b"1;Tim Kerja;Tim ZI dibentuk;Rapat pembentukan;SK Tim;Jan 2024;Kasubbag Umum\n"
        b";;;Penetapan SK;Notulen;;\n"
    )
    plan = read_plan(data, "plan.csv")
    (indicator,) = indicators(plan)
    assert indicator.actions == ["Rapat pembentukan", "Penetapan SK"]
    assert indicator.evidence == "SK Tim; Notulen"
    assert indicator.pic == "Kasubbag Umum"


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("LANGKAH AKSI", "actions"),
        ("RENCANA AKSI", "actions"),
        ("KEGIATAN", "actions"),
        ("BUKTI FISIK", "evidence"),
        ("OUTPUT", "evidence"),
        ("BUKTI DUKUNG", "evidence"),
        ("TARGET WAKTU", "target"),
        ("WAKTU", "target"),
        ("PENANGGUNG JAWAB", "pic"),
        ("PIC", "pic"),
        ("Indikator", "indicator"),
        ("No.", "no"),
        ("Komponen", "component"),
        ("Keterangan", "note"),  # read, never imported
        ("kode_indikator", "code"),
        ("rencana_kinerja_indikator", "indicator"),
        ("rencana_output_bukti", "evidence"),
        ("pjk_penanggung_jawab", "pic"),
        ("Tim Kerja Terkait", "pic"),
        ("Pertanyaan", "indicator"),
        ("Sub Pilar", "subarea"),
        ("ada_link_bukti", None),
        ("Lokasi", None),
    ],
)
def test_column_synonyms(header, column):
    assert column_of(header) == column


def test_columns_are_matched_by_name_not_position():
    data = b"WAKTU,PIC,INDIKATOR,KEGIATAN,BUKTI DUKUNG,KOMPONEN,NO\n,,,,,,\nII PENATAAN TATA LAKSANA,,,,,,\n"
    # an area heading that is not in the first columns is still found by its numeral
    data += b"Maret 2024,Tim TI,SOP dievaluasi,Reviu SOP,Laporan reviu,SOP,1\n"
    with pytest.raises(PlanFileError):
        read_plan(data, "plan.csv")  # the heading sits in the target column: rejected, not guessed
    data = (
        b"WAKTU,PIC,INDIKATOR,KEGIATAN,BUKTI DUKUNG,KOMPONEN,NO,AREA\n"
        b"Maret 2024,Tim TI,SOP dievaluasi,Reviu SOP,Laporan reviu,SOP,1,II\n"
    )
    plan = read_plan(data, "plan.csv")
    (indicator,) = indicators(plan)
    assert plan.areas[0].code == "II"
    assert (indicator.text, indicator.actions, indicator.evidence, indicator.pic) == (
        "SOP dievaluasi",
        ["Reviu SOP"],
        "Laporan reviu",
        "Tim TI",
    )
    assert indicator.target.start == date(2024, 3, 1)


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("1) a 2) b 3) c", ["a", "b", "c"]),
        ("1) Penyusunan, tahun 2023, 2) Sosialisasi", ["Penyusunan, tahun 2023", "Sosialisasi"]),
        ("- satu\n- dua", ["satu", "dua"]),
        ("1. Rapat\nTopik: ZI\n2. Pembinaan", ["Rapat Topik: ZI", "Pembinaan"]),
        ("Menyusun Renstra 2020-2024 dan 2) revisi", ["Menyusun Renstra 2020-2024 dan 2) revisi"]),
        ("Satu langkah;", ["Satu langkah"]),
        ("", []),
    ],
)
def test_split_steps(text, steps):
    assert split_steps(text) == steps


@pytest.mark.parametrize(
    ("data", "name", "needle"),
    [
        (b"hello world, no table here", "x.md", "tabel rencana kerja tidak ditemukan"),
        (md("| VII | AREA BARU | | | | |\n| 1 | K | I | A | B | 2023 |\n"), "x.md", "baris 3"),
        (md("| 1 | Tim | Ind | Aksi | Bukti | 2023 |\n"), "x.md", "sebelum judul area"),
        (
            md("| I | MANAJEMEN PERUBAHAN | | | | |\n| x1 | Tim | Ind | Aksi | Bukti | 2023 |\n"),
            "x.md",
            "bukan angka",
        ),
        (b"PK\x03\x04broken", "plan.xlsx", "rusak"),
        (b"%PDF-1.7 ...", "sk.pdf", "rusak"),
        (b"not really a spreadsheet", "plan.xlsx", "bukan .xlsx"),
        (b"", "x.md", "kosong"),
    ],
)
def test_unreadable_files_name_the_place_and_reason(data, name, needle):
    with pytest.raises(PlanFileError) as excinfo:
        read_plan(data, name)
    assert needle in str(excinfo.value)


def test_dry_run_json_prints_the_parsed_plan_and_saves_nothing(db, capsys):
    from conftest import SEED

    call_command("import_plan", str(SEED), "--unit", "SUMSEL", "--dry-run", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert set(data["decree"]) == {"number", "date", "unit", "signatory"}
    assert data["decree"]["date"] == "2023-05-11"
    assert len(data["areas"]) == 6
    component = data["areas"][0]["components"][0]
    assert set(component) == {"number", "name", "indicators"}
    indicator = component["indicators"][0]
    # the documented shape, plus the LKE question and the quantitative sub-rows
    assert set(indicator) == {"text", "actions", "evidence", "target", "pic", "lke_ref", "measures"}
    assert data["layout"] == "decree" and data["flagged"] == [] and data["lke_links"]["linked"] == 25
    assert indicator["target"] == {"text": "Maret- April 2023", "start": "2023-03-01", "end": "2023-04-30"}
    assert data["areas"][5]["components"][0]["indicators"][0]["target"]["start"] is None
    assert Plan.objects.count() == 0


def test_command_imports_and_reports_errors(units, capsys, tmp_path):
    from conftest import SEED

    call_command("import_plan", str(SEED), "--unit", "SUMSEL")
    plan = Plan.objects.get()
    assert (plan.unit.code, plan.year, plan.decree_number) == ("SUMSEL", 2023, "34 TAHUN 2023")
    with pytest.raises(CommandError, match="sudah memiliki rencana"):
        call_command("import_plan", str(SEED), "--unit", "SUMSEL")
    with pytest.raises(CommandError, match="kode unit tidak dikenal"):
        call_command("import_plan", str(SEED), "--unit", "NOPE")
    bad = tmp_path / "bad.md"
    bad.write_bytes(
        md(
            "| I | MANAJEMEN PERUBAHAN | | | | |\n| 1 | Tim | Ind | Aksi | Bukti | 2023 |\n"
            "| VII | X | | | | |\n"
        )
    )
    with pytest.raises(CommandError, match="baris 5"):
        call_command("import_plan", str(bad), "--unit", "JAMBI", "--year", "2024")
    assert Plan.objects.count() == 1  # all or nothing


def test_docx_tables_import_like_the_decree(seed_bytes):
    import docx

    from zona.plans.importers.read import _markdown_rows

    document = docx.Document()
    document.add_paragraph("KEPUTUSAN KETUA KOMISI PEMILIHAN UMUM PROVINSI SUMATERA SELATAN")
    document.add_paragraph("NOMOR : 34 TAHUN 2023")
    document.add_paragraph("Ditetapkan di Palembang pada tanggal 11 Mei 2023")
    document.add_paragraph("Ttd")
    document.add_paragraph("AMRAH MUSLIMIN")
    # one Word table per page of the seed, as a converter would produce
    blocks: list[list[list[str]]] = []
    for row in _markdown_rows(seed_bytes.decode()):
        if row.fragment_start or not blocks:
            blocks.append([])
        blocks[-1].append(row.cells)
    for block in blocks:
        width = max(len(r) for r in block)
        table = document.add_table(rows=0, cols=width)
        for cells in block:
            row_cells = table.add_row().cells
            for index, value in enumerate(cells):
                row_cells[index].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    plan = read_plan(buffer.getvalue(), "sk.docx")
    assert plan.counts()["indicators"] == 43 and plan.counts()["components"] == 22
    assert plan.decree.number == "34 TAHUN 2023" and plan.decree.signatory == "AMRAH MUSLIMIN"
    assert plan.areas[0].components[1].indicators[0].actions[-1].endswith("banner dan website")


def test_docx_merged_cells_count_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=6)
    for index, title in enumerate(
        ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]
    ):
        table.rows[0].cells[index].text = title
    merged = table.rows[1].cells[1].merge(table.rows[1].cells[5])
    table.rows[1].cells[0].text = "V"
    merged.text = "PENGUATAN PENGAWASAN"
    for index, value in enumerate(["1", "WBS", "WBS diterapkan", "Sosialisasi WBS", "Banner", "Juni 2024"]):
        table.rows[2].cells[index].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    plan = read_plan(buffer.getvalue(), "x.docx")
    assert [a.code for a in plan.areas] == ["V"]
    assert indicators(plan)[0].target.end == date(2024, 6, 30)


def test_xlsx_reports_the_sheet_and_row():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Rencana"
    sheet.append(["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"])
    sheet.append(["1", "Tim", "Ind", "Aksi", "Bukti", "2023"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(PlanFileError, match="Rencana!baris 2"):
        read_plan(buffer.getvalue(), "plan.xlsx")
