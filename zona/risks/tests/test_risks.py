"""The risk register's rules: levels from the chosen matrix, the Inspektorat's change of matrix
recomputing with the old levels kept, control actions reported in the plan's monev cycles with
the residual reassessed (the heat map follows), the import all or nothing, the exports, the LKE
suggestions (A.I.5.ii.b/c) and the roll-up in a fixed number of queries."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override
from openpyxl import Workbook, load_workbook

from zona.coi.services import function_add
from zona.lib.records import ambiguous
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.monev.services import cycle_close
from zona.orgs.services import unit_create
from zona.risks import exporters, services
from zona.risks.fields import risk_fields
from zona.risks.models import LevelChange, MatrixChoice, Progress, Realisation, Risk
from zona.risks.services import RiskError

from .factories import RISK, make_register, open_cycle


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_levels_are_read_from_the_unit_matrix(units, cast):
    register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"])
    assert register.matrix == "apip"
    assert risk.inherent_level == 16  # apip: likelihood 4, impact 3
    saved = services.risk_save(
        register=register,
        values={**RISK, "code": "R09", "residual_likelihood": 2, "residual_impact": 2},
        by=cast["coordinator"],
    )
    assert (saved.inherent_level, saved.residual_level) == (16, 7)
    with pytest.raises(RiskError, match="sekaligus"):
        services.risk_save(
            register=register, values={**RISK, "code": "R10", "residual_likelihood": 2}, by=None
        )
    with pytest.raises(RiskError, match="sudah memiliki"):
        services.risk_save(register=register, values={**RISK, "code": "R09"}, by=None)


def test_changing_the_matrix_recomputes_and_keeps_the_old_levels(units, cast):
    unit, by = units["SUMSEL"], cast["reviewer"]
    old, _ = make_register(unit, cast["coordinator"], year=2022, risks=1)
    register, (risk, _other) = make_register(unit, cast["coordinator"], year=2023)
    services.risk_save(
        register=register, risk=risk, values={"residual_likelihood": 3, "residual_impact": 2}, by=by
    )
    risk.refresh_from_db()
    assert (risk.inherent_level, risk.residual_level) == (16, 10)

    changed = services.matrix_choose(
        unit=unit, matrix="bumn", chosen_on=date(2023, 2, 1), by=by, note="ND 12"
    )
    risk.refresh_from_db()
    assert changed == 2
    assert (risk.inherent_level, risk.residual_level) == (14, 8)  # bumn: (4,3) → 14, (3,2) → 8
    kept = risk.level_history.first()
    assert (kept.matrix, kept.inherent_level, kept.residual_level) == ("apip", 16, 10)
    assert "apip → bumn" in kept.reason
    assert MatrixChoice.objects.get(unit=unit).chosen_on == date(2023, 2, 1)
    old.refresh_from_db()
    assert old.matrix == "apip"  # an earlier year keeps the matrix it was assessed with
    assert services.register_open(unit=unit, year=2024, by=by).matrix == "bumn"
    assert services.matrix_choose(unit=unit, matrix="bumn", chosen_on=date(2023, 3, 1), by=by) == 0
    with pytest.raises(RiskError):
        services.matrix_choose(unit=unit, matrix="iso31000", chosen_on=date(2023, 3, 1), by=by)


def test_revising_an_assessment_keeps_the_former_one(units, cast):
    register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"])
    services.risk_save(
        register=register, risk=risk, values={"likelihood": 2, "impact": 2}, by=cast["coordinator"]
    )
    risk.refresh_from_db()
    assert risk.inherent_level == 7
    assert LevelChange.objects.get(risk=risk).inherent_level == 16


def test_a_target_period_is_read_as_dates(units, cast):
    _register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"])
    action = services.action_add(
        risk=risk,
        values={"response": "hindari", "activity": "Bimtek", "target_text": "Maret - Juni 2023"},
        by=None,
    )
    assert (action.target_start, action.target_end) == (date(2023, 3, 1), date(2023, 6, 30))
    with pytest.raises(RiskError, match="respons"):
        services.action_add(risk=risk, values={"response": "abaikan", "activity": "x"}, by=None)


def test_realisation_in_a_cycle_updates_the_heat_map(units, cast, seed_plan):
    register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"], year=seed_plan.year)
    action = risk.actions.get()
    cycle = open_cycle(seed_plan, 1, cast["coordinator"])
    before = services.heat_map(register)
    assert before[1][2].inherent == 2 and before[1][2].level == 16  # row likelihood 4, impact 3
    assert sum(c.residual for row in before for c in row) == 0

    upload = SimpleUploadedFile("absensi.pdf", b"%PDF-1.4 piket", content_type="application/pdf")
    services.realisation_record(
        action=action, cycle=cycle, status=Progress.DONE, progress=40, note="Jadwal piket berjalan",
        by=cast["pic"], upload=upload, residual=(2, 3),
    )  # fmt: skip
    realisation = Realisation.objects.get(action=action, cycle=cycle)
    assert realisation.progress == 100 and realisation.evidence.unit == units["SUMSEL"]
    risk.refresh_from_db()
    assert (risk.residual_likelihood, risk.residual_impact, risk.residual_level) == (2, 3, 11)
    after = services.heat_map(register)
    assert after[3][2].residual == 1  # likelihood 2, impact 3

    # reported again in the same quarter: one realisation, updated
    services.realisation_record(action=action, cycle=cycle, status="berjalan", progress=60, note="", by=None)
    assert Realisation.objects.filter(action=action).count() == 1

    cycle_close(cycle=cycle, by=cast["coordinator"])
    with pytest.raises(RiskError, match="ditutup"):
        services.realisation_record(
            action=action, cycle=cycle, status="berjalan", progress=70, note="", by=None
        )


def test_a_cycle_of_another_unit_or_year_is_refused(units, cast, seed_plan):
    register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"], year=seed_plan.year + 1)
    cycle = open_cycle(seed_plan, 1, cast["coordinator"])
    with pytest.raises(RiskError, match="unit atau tahun lain"):
        services.realisation_record(
            action=risk.actions.get(), cycle=cycle, status="berjalan", progress=5, note="", by=None
        )


def test_overdue_actions(units, cast):
    register, (risk, other) = make_register(units["SUMSEL"], cast["coordinator"])
    assert len(services.overdue_actions(register, today=date(2023, 3, 31))) == 0
    assert len(services.overdue_actions(register, today=date(2023, 4, 1))) == 2


def test_priority_follows_the_level_after_controls(units, cast):
    register, (first, second) = make_register(units["SUMSEL"], cast["coordinator"])
    services.risk_save(
        register=register, risk=first, values={"residual_likelihood": 1, "residual_impact": 1}, by=None
    )
    order = services.priorities(register)
    assert order[second.pk] == 1 and order[first.pk] == 2


HEADER = ["No", "Kode Risiko", "Tujuan/Sasaran", "Pernyataan Risiko", "Penyebab", "Sumber", "Kemungkinan",
          "Dampak (1-5)", "Pengendalian yang Ada", "Memadai", "Respons", "Kegiatan Pengendalian",
          "Target Waktu"]  # fmt: skip


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_column_name_answers_to_two_fields(language):
    with override(language):
        assert ambiguous(risk_fields()) == set()


def test_import_reads_rows_sharing_a_code_as_one_risk(units, cast):
    register = services.register_open(unit=units["SUMSEL"], year=2023, by=None)
    data = _xlsx(
        [
            ["DAFTAR RISIKO KPU PROVINSI SUMATERA SELATAN 2023"],
            HEADER,
            [1, "R1", "Tahapan pemilu tepat waktu", "Logistik terlambat", "Vendor", "eksternal", 3, 4,
             "Kontrak", "Belum memadai", "kurangi", "Monitoring vendor mingguan", "Januari - Juni 2023"],
            [2, "R1", "", "", "", "", 3, 4, "", "", "transfer", "Asuransi pengiriman", "Triwulan II 2023"],
            [3, "R2", "Data pemilih akurat", "Pemilih ganda", "", "internal", 2, 5, "", "Ya", "", "", ""],
        ]
    )  # fmt: skip
    assert services.register_import(register=register, data=data, by=cast["coordinator"]) == (2, 2)
    r1 = Risk.objects.get(register=register, code="R1")
    assert r1.source == "external" and r1.inherent_level == 17 and not r1.controls_adequate
    assert sorted(r1.actions.values_list("response", flat=True)) == ["kurangi", "transfer"]
    assert Risk.objects.get(register=register, code="R2").controls_adequate


def test_a_broken_register_is_refused_row_by_row_and_nothing_is_saved(units, cast):
    register = services.register_open(unit=units["SUMSEL"], year=2023, by=None)
    data = _xlsx(
        [
            [*HEADER, "Warna"],
            [1, "R1", "Sasaran", "Risiko", "", "internal", "tinggi", 4, "", "", "", "", "", ""],
        ]
    )
    with pytest.raises(RiskError) as refused:
        services.register_import(register=register, data=data, by=None)
    assert "Warna" in str(refused.value)
    data = _xlsx(
        [
            HEADER,
            [1, "R1", "Sasaran", "Risiko", "", "internal", 6, 4, "", "", "kurangi", "Piket", ""],
            [2, "R2", "", "Risiko", "", "luar", 3, 3, "", "mungkin", "", "", ""],
            [3, "R3", "Sasaran", "Risiko", "", "internal", 3, 3, "", "", "", "Tanpa respons", ""],
        ]
    )
    with pytest.raises(RiskError) as refused, override("en"):
        services.register_import(register=register, data=data, by=None)
    text = str(refused.value)
    for expected in ("row 2, column Likelihood (1–5)", "row 3, column Objective", "row 3, column Source",
                     "row 3, column Controls adequate"):  # fmt: skip
        assert expected in text, text
    assert not register.risks.exists()
    broken = _xlsx([HEADER[:4]])
    with pytest.raises(RiskError):
        services.register_import(register=register, data=broken, by=None)
    with pytest.raises(RiskError):
        services.register_import(register=register, data=b"\x00\x01 not a sheet", by=None)
    assert not register.risks.exists()


def test_the_export_reads_back_and_carries_user_text_as_text(units, cast, seed_plan):
    register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"], year=seed_plan.year)
    services.risk_save(register=register, risk=risk, values={"cause": '=HYPERLINK("http://x")'}, by=None)
    data = exporters.register_xlsx(register)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.cell(4, 1).value == "No" and sheet.cell(4, 4).value == "Kode Risiko"
    assert sheet.cell(5, 6).value == '=HYPERLINK("http://x")' and sheet.cell(5, 6).data_type == "s"
    again = services.register_open(unit=units["PALEMBANG"], year=seed_plan.year, by=None)
    assert services.register_import(register=again, data=data, by=None) == (2, 2)
    assert exporters.register_pdf(register).startswith(b"%PDF")


def test_lke_suggestions_from_the_register(units, cast, seed_plan):
    """A.I.5.ii.b (LKE, PermenPAN-RB 90/2021: "penilaian risiko atas seluruh pelaksanaan
    kebijakan") is measured over the unit's processes, its main functions and the targets of its
    performance agreement, not over the register's own rows; A.I.5.ii.c ("melakukan kegiatan
    pengendalian ... sesuai dengan yang ditetapkan organisasi") is B once some risk has a
    realisation of its control actions; C, "belum melakukan kegiatan pengendalian untuk
    meminimalisir resiko", only while none has (its words say no control activity at all)."""
    unit, year, by = units["SUMSEL"], seed_plan.year, cast["coordinator"]
    assessment = Assessment(unit=unit, year=year)
    assert "A.I.5.ii.b" not in suggest(assessment)
    register, risks = make_register(unit, by, year=year, risks=3)
    services.risk_save(register=register, risk=risks[1], values={"cause": ""}, by=None)
    assert "A.I.5.ii.b" not in suggest(assessment)  # no processes recorded: nothing to measure against
    function_add(unit=unit, name="Layanan PPID", by=by)
    function_add(unit=unit, name="Pengadaan barang/jasa", by=by)
    found = suggest(assessment)
    assert found["A.I.5.ii.b"].answer == "D"  # 1 of 2 processes (A needs an innovation): some
    assert "1 dari 2" in found["A.I.5.ii.b"].source and "Pengadaan barang/jasa" in found["A.I.5.ii.b"].source
    assert found["A.I.5.ii.c"].answer == "C"  # planned, none carried out yet
    services.risk_save(
        register=register, values={**RISK, "code": "R09", "process": "pengadaan  barang/jasa"}, by=by
    )
    assert suggest(assessment)["A.I.5.ii.b"].answer == "B"  # every process has an analysed risk
    cycle = open_cycle(seed_plan, 1, by)
    services.realisation_record(
        action=risks[0].actions.get(), cycle=cycle, status="berjalan", progress=50, note="", by=None
    )
    found = suggest(assessment)["A.I.5.ii.c"]
    assert found.answer == "B"  # 1 of 4 (the demo's case): control activities carried out, not C
    assert [n for _label, n in found.figures] == [1, 4]  # the share stated, as it is
    services.realisation_record(
        action=risks[1].actions.get(), cycle=cycle, status="berjalan", progress=10, note="", by=None
    )
    assert suggest(assessment)["A.I.5.ii.c"].answer == "B"  # 2 of 4


def test_rollup_counts_in_a_fixed_number_of_queries(units, cast):
    make_register(units["PALEMBANG"], cast["child"], year=2023)
    today = date(2023, 5, 1)
    with CaptureQueriesContext(connection) as few:
        rows = services.rollup(units["RI"], 2023, today=today)
    by_code = {row.unit.code: row for row in rows}
    assert by_code["SUMSEL-PALEMBANG"].risks == 2 and by_code["SUMSEL-PALEMBANG"].overdue == 2
    assert by_code["SUMSEL-PALEMBANG"].bands["high"] == 2
    for n in range(20):
        unit = unit_create(code=f"X{n}", name=f"KPU X{n}", level="regency", parent=units["JAMBI"])
        make_register(unit, None, year=2023, risks=1)
    with CaptureQueriesContext(connection) as many:
        rows = services.rollup(units["RI"], 2023, today=today)
    assert len(rows) == 25 and len(many) == len(few)
