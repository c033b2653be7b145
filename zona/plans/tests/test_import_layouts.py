"""Plans as units really write them, each read to the figures worked out by hand from the file.

The fixtures (see fixtures/README.md): the seed decree (SK 34/2023 KPU Sumsel), BPS Provinsi
Aceh's 2025 plan (one or more rows per LKE question, by code) as published and in an earlier
dirty revision, the same plan as XLSX and DOCX, a Lampiran II PDF exported by Zona from the seed,
two spelled-out plans written from the LKE's questions, a narrative DOCX and a scanned PDF.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED, reads_inline
from zona.plans.exporters import plan_xlsx
from zona.plans.importers import PlanFileError, read_plan
from zona.plans.importers.scan import ScanNeedsOcr
from zona.plans.importers.template import template_xlsx
from zona.plans.services import plan_import

FIXTURES = Path(__file__).parent / "fixtures"
ACEH = FIXTURES / "rencana_kerja_zi_bps_prov_aceh_2025.csv"
DIRTY = FIXTURES / "rencana_kerja_zi_bps_prov_aceh_2025_revisi_awal_kotor.csv"
SPELLED = FIXTURES / "rencana_kerja_lke_terurai_2026.csv"
LABEL_COLUMNS = FIXTURES / "rencana_kerja_lke_kolom_label_2026.csv"


def read(path: Path, **kwargs):
    return read_plan(path.read_bytes(), path.name, **kwargs)


def flat(plan) -> list[tuple]:
    """Everything a plan holds, in order: what "the same plan" means in a round trip."""
    return [
        (
            area.code,
            component.number,
            component.name,
            indicator.text,
            tuple(indicator.actions),
            indicator.evidence,
            indicator.target.text,
            indicator.pic,
            indicator.lke_ref,
            tuple(indicator.measures),
        )
        for area in plan.areas
        for component in area.components
        for indicator in component.indicators
    ]


# -- the seed and its PDF ------------------------------------------------------------------------

# The seed's 43 indicators whose text is (nearly) the LKE question of their own area: read off
# the decree beside the LKE (e.g. "Pimpinan memantau pencapaian kinerja secara berkala" is A.I.4.i.c
# word for word). The others are paraphrases ("Agen perubahan sudah ditetapkan") and stay unlinked
# for the coordinator to confirm in the LKE.
SEED_LINKED = {
    "A.I.1.iv.a", "A.I.2.ii.b", "A.I.2.ii.c", "A.I.3.iii.b", "A.I.3.iii.d", "A.I.3.iv.c", "A.I.3.v.a",
    "A.I.3.vi.a", "A.I.4.i.c", "A.I.4.ii.a", "A.I.4.ii.e", "A.I.4.ii.f", "A.I.5.i.b", "A.I.5.ii.b",
    "A.I.5.iii.a", "A.I.5.iv.a", "A.I.5.v.b", "A.I.6.i.a", "A.I.6.i.b", "A.I.6.i.c", "A.I.6.ii.b",
    "A.I.6.ii.e", "A.I.6.iv.a", "A.I.6.iv.b", "A.I.6.iv.c",
}  # fmt: skip


def test_seed_indicators_are_linked_to_the_lke_when_their_text_is_the_question():
    plan = read(SEED)
    linked = [i.lke_ref for i in plan.indicators() if i.lke_ref]
    assert set(linked) == SEED_LINKED and len(linked) == 25
    assert plan.lke_links()["linked"] == 25
    assert "Agen perubahan sudah ditetapkan" in plan.lke_links()["unlinked"]
    # the decree has no PENANGGUNG JAWAB column: nobody is read as in charge
    assert {i.pic for i in plan.indicators()} == {""}


def test_the_lampiran_ii_pdf_reads_as_the_seed():
    """Exported by Zona from the seed: 5 landscape pages, the table running over the page breaks,
    the same 6 areas, 22 components, 43 indicators and 50 steps, word for word (a PDF keeps no
    difference between "Saluran/ Tata" and "Saluran/Tata" at a line end)."""
    pdf = read(FIXTURES / "sk_34_2023_lampiran_ii.pdf")
    seed = read(SEED)
    assert pdf.layout == "decree" and pdf.counts() == seed.counts()
    assert pdf.counts() == {"areas": 6, "components": 22, "indicators": 43, "actions": 50}
    assert (pdf.year, pdf.decree.number, str(pdf.decree.date)) == (2023, "34 TAHUN 2023", "2023-05-11")

    def same(rows):
        return [tuple(re.sub(r"/ ", "/", str(v)) for v in row) for row in rows]

    assert same(flat(pdf)) == same(flat(seed))
    assert pdf.lke_links()["linked"] == 25


# -- BPS Provinsi Aceh, by LKE code ---------------------------------------------------------------

ACEH_COUNTS = {"areas": 6, "components": 42, "indicators": 110, "actions": 137}


@pytest.mark.parametrize(
    "name",
    [
        "rencana_kerja_zi_bps_prov_aceh_2025.csv",
        "rencana_kerja_zi_bps_prov_aceh_2025.xlsx",
        "rencana_kerja_zi_bps_prov_aceh_2025.docx",
    ],
)
def test_aceh_plan_by_lke_code(name):
    """Figures from the CSV (150 rows):
    - 110 distinct `kode_indikator` + `sub` pairs (trailing dots ignored) → 110 indicators, each
      linked to its LKE question: 87 under A.1 (Pemenuhan) and 23 under A.2 (Reform);
    - 42 distinct codes without the item → 42 components (sub-areas): 25 Pemenuhan + 17 Reform;
    - 109 rows carry an action: 17 of them hold a list (numbered or "-" lines) giving 45 steps,
      the other 92 one step each → 137 steps;
    - `pjk_penanggung_jawab` is filled on 72 rows, which belong to 59 of the 110 indicators."""
    plan = read(FIXTURES / name)
    assert plan.layout == "lke_code" and plan.year == 2025
    assert plan.counts() == ACEH_COUNTS
    indicators = plan.indicators()
    assert plan.lke_links() == {"linked": 110, "unlinked": []}
    assert sum(1 for i in indicators if i.lke_ref.startswith("A.I.")) == 87
    assert sum(1 for i in indicators if i.lke_ref.startswith("A.II.")) == 23
    components = [c for a in plan.areas for c in a.components]
    assert sum(1 for c in components if c.name.endswith("(Reform)")) == 17
    assert sum(1 for i in indicators if i.pic) == 59
    pics = {i.pic for i in indicators}
    assert {"TIm Diseminasi dan Pelayanan Statistik", "Perencanaan", "Sub Pilar PBK"} <= pics
    assert plan.columns["pic"] == "pjk_penanggung_jawab" and plan.columns["code"] == "kode_indikator"


def test_aceh_cells_as_people_write_them():
    plan = read(ACEH)
    by_ref = {i.lke_ref: i for i in plan.indicators()}
    team = by_ref["A.I.1.i.a"]
    # "1. Rapat …\nTopik: …" — the topic stays with its step; four numbered steps
    assert len(team.actions) == 4
    assert team.actions[0].startswith("Rapat Pembentukan Tim Kerja") and "Topik: Struktur" in team.actions[0]
    # "- SK …" bullet lines: one evidence item each
    assert team.evidence.splitlines()[0] == "SK Tim Kerja Pembangunan ZI BPS Provinsi Aceh Tahun 2025"
    # quantitative sub-rows ("- Jumlah Agen Perubahan") are kept as the indicator's measures
    assert by_ref["A.II.1.i.a"].measures == ["Jumlah Agen Perubahan", "Jumlah Perubahan yang dibuat"]
    # a cell exported with its quotes kept ("\"- a\n- b\"") still splits into its items
    assert by_ref["A.I.6.ii.b"].actions[0] == (
        "Mengidentifikasi jenis informasi pelayanan yang perlu dipublikasikan"
    )
    # "Pemahaman :" over a numbered list: the heading goes with each item
    assert any(a.startswith("Pemahaman: Peraturan BPS Nomor 7") for i in plan.indicators() for a in i.actions)


def test_aceh_timing_words_become_periods_or_the_indicator_is_flagged():
    plan = read(ACEH)
    targets = [i.target for i in plan.indicators()]
    quarterly = [t for t in targets if t.text == "Triwulanan 2025"]
    assert quarterly and all(
        (t.start.isoformat(), t.end.isoformat()) == ("2025-01-01", "2025-12-31") for t in quarterly
    )
    untimed = [t for t in targets if not t.text]
    assert len(untimed) == 97  # no month, no timing word: the coordinator sets the period
    notes = [f for f in plan.flagged if "tanpa target waktu" in f.problem]
    assert len(notes) == 97 and not any(f.skipped for f in notes)


def test_aceh_continuation_rows_join_the_indicator_above():
    """14 rows have an empty indicator: each joins the indicator above and is noted, none is lost."""
    plan = read(ACEH)
    joined = [f for f in plan.flagged if "digabungkan ke indikator di atasnya" in f.problem]
    assert len(joined) == 14
    assert joined[0].where == "baris 15" and "baris 14" in joined[0].problem


def test_aceh_dirty_revision_reports_every_quirk_with_its_row():
    """The earlier revision (155 data rows; the header is row 1, so data row n is file row n+1)."""
    plan = read(DIRTY)
    skipped = {f.where: f for f in plan.flagged if f.skipped}
    # `tahun` 2023 on the first data row while the rest are 2025
    assert (
        "tahun 2023" in skipped["baris 2"].problem
        and "2025" in skipped["baris 2"].problem
        and skipped["baris 2"].value == "2023"
    )
    # the typo code A.II.1.i. (data row 16): no such question; its text is that of A.I.2.i.c
    assert skipped["baris 17"].value == "A.II.1.i. c" and "A.I.2.i.c" in skipped["baris 17"].problem
    # a code whose item letter is wrong: the text is A.I.5.ii.d's
    assert "A.I.5.ii.d" in skipped["baris 66"].problem
    # Hasil (B) items are not areas of change
    for row in ("baris 152", "baris 153", "baris 154"):
        assert "Hasil (B)" in skipped[row].problem
    # the empty row (code '', tahun 0) and the test row from another unit
    assert "baris kosong" in skipped["baris 155"].problem
    assert (
        "baris uji coba" in skipped["baris 156"].problem
        and "Kabupaten Simeulue" in skipped["baris 156"].problem
    )
    assert len(skipped) == 8
    # codes written with and without a trailing dot are one code: noted once per code
    dots = [f for f in plan.flagged if "diakhiri titik" in f.problem]
    assert dots and len({f.value for f in dots}) == len(dots)
    assert all(not f.skipped for f in dots)
    # NULL indicators: continuation rows, joined and noted
    assert any(f.where == "baris 15" and "digabungkan" in f.problem for f in plan.flagged)
    # an indicator with no step is imported and noted
    assert any(f.where == "baris 10" and "tanpa langkah aksi" in f.problem for f in plan.flagged)
    # what is left: 110 questions less the 3 whose only rows were skipped (rows 2, 17, 66)
    assert plan.counts()["indicators"] == 107 and plan.lke_links()["unlinked"] == []


# -- spelled out, from the LKE's own questions -----------------------------------------------------


def test_spelled_out_plan_with_a_labelled_action_block():
    """11 rows, one LKE question each, the action a block "Uraian / Output / Dokumen / Tim Kerja
    Terkait / Pemeriksa". No row is about SDM: 5 areas. Sub-areas (components): Pemenuhan —
    Penyusunan Tim Kerja (2 rows), Pemantauan dan Evaluasi, SOP, Keterlibatan Pimpinan, Gratifikasi,
    Kepuasan; Reform — Komitmen dalam Perubahan, Pengaduan, Inovasi (2 rows) → 9. The last row is
    the unit's own indicator, not an LKE question → 10 of 11 linked. Steps: 2 cells hold a list of 2,
    the other 9 one step → 13. Area spellings vary (upper case, "penguatan akuntabilitas.")."""
    plan = read(SPELLED)
    assert plan.layout == "lke_text" and plan.year == 2026
    assert plan.counts() == {"areas": 5, "components": 9, "indicators": 11, "actions": 13}
    assert plan.lke_links() == {
        "linked": 10,
        "unlinked": ["Layanan informasi tahapan pemilihan melalui WhatsApp tersedia setiap hari kerja"],
    }
    by_ref = {i.lke_ref: i for i in plan.indicators()}
    team = by_ref["A.I.1.i.a"]
    assert team.actions == ["Rapat pembentukan Tim Kerja ZI dan penetapan SK pada Januari 2026"]
    assert team.evidence == "SK Tim Kerja ZI\nNotula dan daftar hadir rapat"
    assert team.pic == "Tim Manajemen Perubahan"
    assert (team.target.text, str(team.target.start)) == ("Januari 2026", "2026-01-01")
    # "penguatan akuntabilitas." is area IV; the question text written without its list links too
    assert by_ref["A.I.4.i.c"].target.text == "Triwulanan 2026"
    assert "A.II.6.i.b" in by_ref
    own = next(i for i in plan.indicators() if not i.lke_ref)
    area_vi = next(a for a in plan.areas if a.code == "VI")
    assert any(own in c.indicators and c.name.endswith("(Reform)") for c in area_vi.components)
    # the reviewer ("Pemeriksa") is read but is not the person in charge
    assert all("Inspektorat" not in i.pic for i in plan.indicators())


def test_spelled_out_plan_with_the_labels_as_columns():
    """5 rows with Uraian / Output / Dokumen / Tim Kerja Terkait / Pemeriksa as columns (';'
    separated): 4 areas, 4 sub-areas (two rows share "Dokumen Rencana Pembangunan"), steps 2+1+1+1+2."""
    plan = read(LABEL_COLUMNS)
    assert plan.layout == "lke_text"
    assert plan.counts() == {"areas": 4, "components": 4, "indicators": 5, "actions": 7}
    assert plan.columns["evidence"] == "Output + Dokumen"
    first = plan.indicators()[0]
    assert first.evidence.splitlines() == [
        "SK Rencana Kerja ZI 2026",
        "Notula rapat penyusunan",
        "Daftar hadir",
    ]
    assert [i.pic for i in plan.indicators()] == [
        "Tim Manajemen Perubahan",
        "Tim Manajemen Perubahan; Humas",
        "PPID",
        "Tim SDM",
        "Tim Pengaduan",
    ]
    assert plan.lke_links()["linked"] == 5


# -- what can't be imported, said plainly ----------------------------------------------------------


def test_prose_gets_a_clear_message():
    with pytest.raises(PlanFileError) as excinfo:
        read(FIXTURES / "rencana_kerja_naratif.docx")
    message = str(excinfo.value)
    assert "berisi teks tetapi tanpa tabel" in message and "unduh templat" in message.lower()


def test_a_scan_is_sent_to_ocr():
    with pytest.raises(ScanNeedsOcr) as excinfo:
        read(FIXTURES / "rencana_kerja_pindaian.pdf")
    assert "hasil pindaian" in str(excinfo.value) and "OCR" in str(excinfo.value)


@reads_inline
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(["csv", "xlsx", "docx", "pdf", "md", "txt"]))
def test_arbitrary_bytes_give_a_plan_or_a_clear_error(data, suffix):
    try:
        plan = read_plan(data, f"x.{suffix}")
    except PlanFileError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
    else:
        assert plan.counts()["indicators"] >= 1


_cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)


@reads_inline
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(
        st.sampled_from(["kode", "sub", "indikator", "langkah aksi", "uraian", "area", "tahun", "x", ""]),
        min_size=1,
        max_size=6,
    ),
    rows=st.lists(st.lists(_cell, max_size=6), max_size=8),
)
def test_arbitrary_csv_text_gives_a_plan_or_a_clear_error(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    try:
        plan = read_plan(buffer.getvalue().encode(), "x.csv")
    except PlanFileError as exc:
        assert exc.problems
    else:
        assert plan.counts()["indicators"] >= 1


# -- round trip: import → Lampiran II XLSX → import --------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        SEED,
        ACEH,
        FIXTURES / "rencana_kerja_zi_bps_prov_aceh_2025.docx",
        SPELLED,
        LABEL_COLUMNS,
        FIXTURES / "sk_34_2023_lampiran_ii.pdf",
    ],
    ids=lambda p: p.name,
)
def test_round_trip_gives_the_same_plan(units, cast, path):
    first = read(path)
    plan = plan_import(parsed=first, unit=units["SUMSEL"], by=cast["coordinator"], source_name=path.name)
    again = read_plan(plan_xlsx(plan), "lampiran-ii.xlsx")
    assert again.layout == "decree"  # the export is the decree's layout, with KODE LKE and UKURAN
    assert flat(again) == flat(first)
    assert again.year == plan.year


def test_the_blank_template_imports_once_filled():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == ["Rencana Kerja", "Lampiran I", "Petunjuk"]
    sheet = book["Rencana Kerja"]
    sheet.append(
        [
            "",
            "",
            "Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas",
            "Seleksi anggota",
            "Berita acara",
            "Maret 2026",
            "Sekretaris",
            "",
            "",
        ]
    )
    sheet.append(["II", "PENATAAN TATALAKSANA"])
    sheet.append(
        [
            "1",
            "SOP",
            "Prosedur operasional tetap (SOP) telah dievaluasi",
            "1. Evaluasi SOP\n2. Revisi SOP",
            "- Laporan evaluasi",
            "Triwulan II 2026",
            "Kasubbag",
            "A.I.2.i.c",
            "",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    plan = read_plan(buffer.getvalue(), "templat.xlsx")
    assert plan.flagged == [] and plan.year == 2026
    assert plan.counts() == {"areas": 2, "components": 2, "indicators": 3, "actions": 5}
    assert [i.lke_ref for i in plan.indicators()] == ["A.I.1.i.a", "A.I.1.i.b", "A.I.2.i.c"]
    assert plan.areas[0].priorities == ["Terbentuknya Tim Kerja ZI yang mewakili seluruh unsur"]
    sop = plan.indicators()[2]
    assert (str(sop.target.start), str(sop.target.end)) == ("2026-04-01", "2026-06-30")
