"""The recap registers: types as data (checked on load), entries by form and by import with the
same conversions (a broken file refused row by row, nothing saved), recaps by quarter and year
with their exports, a recap attached to a plan indicator as evidence, and the roll-up of the
units below in a fixed number of queries."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override
from openpyxl import Workbook, load_workbook

from zona.lib.records import ambiguous
from zona.lib.yamlfile import load_yaml
from zona.orgs.services import unit_create
from zona.registers import exporters, services
from zona.registers.models import Entry
from zona.registers.services import Period, RegisterError
from zona.registers.types import DATA, TypeDefinitionError, parse, register_types


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def training(unit, who: str, day: str, hours, by=None, kind="Pelatihan klasikal"):
    raw = {"pegawai": who, "kegiatan": "Pelatihan SAKIP", "jenis": kind, "tanggal": day, "jp": str(hours)}
    return services.entry_save(unit=unit, kind="pelatihan", raw=raw, by=by)


def test_the_shipped_types_cover_the_recurring_recaps():
    assert set(register_types()) == {
        "pelatihan", "disiplin", "mutasi", "skp", "pemutakhiran", "lhkpn", "buku_tamu", "layanan_dipermudah",
    }  # fmt: skip
    assert register_types()["lhkpn"].year_field == "tahun"
    assert register_types()["pelatihan"].by_quarter


def test_no_column_name_answers_to_two_fields():
    for t in register_types().values():
        assert ambiguous(list(t.fields)) == set(), t.key


def _broken(change):
    raw = load_yaml(DATA)
    change(raw["types"])
    with pytest.raises(TypeDefinitionError):
        parse(raw)


def test_a_broken_type_file_is_refused():
    _broken(lambda types: types[0].pop("date"))  # no period field
    _broken(lambda types: types[0].__setitem__("year", "tahun"))  # both
    _broken(lambda types: types[0]["recap"].__setitem__("sum", ["pegawai"]))  # adds up text
    _broken(lambda types: types[0]["recap"].__setitem__("group", "nothing"))
    _broken(lambda types: types[1]["fields"][4].pop("choices"))  # a choice without choices
    _broken(lambda types: types.append(dict(types[0])))  # two with one key


def test_an_entry_is_converted_and_placed(units, cast):
    entry = training(units["SUMSEL"], "1980 01 01", "15/03/2026", "12,5", by=cast["coordinator"])
    assert (entry.year, entry.day) == (2026, date(2026, 3, 15))
    assert entry.values["jp"] == "12.5" and entry.values["tanggal"] == "2026-03-15"
    with pytest.raises(RegisterError) as refused, override("en"):
        raw = {"pegawai": "x" * 101, "tanggal": "31/02/2026", "jp": "dua"}
        services.entry_save(unit=units["SUMSEL"], kind="pelatihan", raw=raw, by=None)
    assert len(refused.value.problems) == 4  # too long, no activity, no such date, not a number
    with pytest.raises(RegisterError):
        services.entry_save(unit=units["SUMSEL"], kind="nothing", raw={}, by=None)
    lhkpn = services.entry_save(
        unit=units["SUMSEL"],
        kind="lhkpn",
        raw={"pegawai": "Ketua", "jenis": "lhkpn", "tahun": "2025"},
        by=None,
    )
    assert (lhkpn.year, lhkpn.day, lhkpn.values["jenis"]) == (2025, None, "LHKPN")
    with pytest.raises(RegisterError):
        services.entry_save(
            unit=units["SUMSEL"],
            kind="lhkpn",
            raw={"pegawai": "K", "jenis": "LHKPN", "tahun": "1890"},
            by=None,
        )


HEADER = ["No", "NIP/Nama", "Nama Diklat", "Jenis", "Tanggal", "JP"]


def test_import_saves_every_row_or_none(units, cast):
    good = xlsx([
        ["REKAP PELATIHAN PEGAWAI 2026"], HEADER,
        [1, "Andi", "Pelatihan SAKIP", "E-learning", "05/02/2026", 8],
        [2, "Budi", "Bimtek PPID", "in-house training", date(2026, 5, 7), "20"],
    ])  # fmt: skip
    assert (
        services.entries_import(unit=units["SUMSEL"], kind="pelatihan", data=good, by=cast["coordinator"])
        == 2
    )
    assert Entry.objects.get(values__pegawai="Budi").values["jenis"] == "In-house training"

    broken = xlsx([
        [*HEADER, "Golongan"],
        [1, "Citra", "Pelatihan", "Kursus", "2026-13-01", "delapan", "III/a"],
        [2, "", "Pelatihan", "", "01/03/2026", 4, ""],
    ])  # fmt: skip
    with pytest.raises(RegisterError) as refused, override("en"):
        services.entries_import(unit=units["SUMSEL"], kind="pelatihan", data=broken, by=None)
    assert any("Golongan" in p for p in refused.value.problems)  # an unknown column: refused first
    broken = xlsx([
        HEADER,
        [1, "Citra", "Pelatihan", "Kursus", "2026-13-01", "delapan"],
        [2, "", "Pelatihan", "", "01/03/2026", 4],
    ])  # fmt: skip
    with pytest.raises(RegisterError) as refused, override("en"):
        services.entries_import(unit=units["SUMSEL"], kind="pelatihan", data=broken, by=None)
    problems = " | ".join(refused.value.problems)
    for expected in ("row 2, column Jenis", "row 2, column Tanggal", "row 2, column Jam pelajaran (JP)",
                     "row 3, column Pegawai (NIP atau nama): required"):  # fmt: skip
        assert expected in problems, problems
    missing = xlsx([["No", "Nama Diklat", "Tanggal"], [1, "Pelatihan", "01/03/2026"]])
    with pytest.raises(RegisterError) as refused, override("en"):
        services.entries_import(unit=units["SUMSEL"], kind="pelatihan", data=missing, by=None)
    assert "required columns" in str(refused.value)
    with pytest.raises(RegisterError):
        services.entries_import(unit=units["SUMSEL"], kind="pelatihan", data=b"PK\x03\x04broken", by=None)
    assert Entry.objects.count() == 2


def test_recap_by_quarter_and_year(units):
    unit = units["SUMSEL"]
    training(unit, "Andi", "2026-01-10", 8)
    training(unit, "andi ", "2026-03-31", 12, kind="E-learning")
    training(unit, "Budi", "2026-04-01", 4)
    t = register_types()["pelatihan"]
    q1 = services.recap(unit, "pelatihan", services.period_of("2026-1", t, 2020))
    assert (q1.count, q1.sums, q1.people) == (2, [Decimal(20)], 1)
    assert q1.groups == [("Pelatihan klasikal", 1, [Decimal(8)]), ("E-learning", 1, [Decimal(12)])]
    year = services.recap(unit, "pelatihan", services.period_of("2026", t, 2020))
    assert (year.count, year.sums, year.people) == (3, [Decimal(24)], 2)
    assert services.period_of("junk", t, 2025) == Period(2025)
    assert services.period_of("2026-3", register_types()["lhkpn"], 2025) == Period(2026)  # by year only
    assert (Period(2024, 1).start, Period(2024, 1).end, Period(2024, 4).end) == (
        date(2024, 1, 1), date(2024, 3, 31), date(2024, 12, 31),
    )  # fmt: skip


def test_exports_keep_typed_text_as_text(units):
    unit = units["SUMSEL"]
    training(unit, '=HYPERLINK("http://x")', "2026-01-10", 8)
    result = services.recap(unit, "pelatihan", Period(2026))
    book = load_workbook(io.BytesIO(exporters.recap_xlsx(result)))
    assert book["Rekap"]["A1"].value.startswith("REKAP PELATIHAN")
    assert book["Data"]["B2"].value == '=HYPERLINK("http://x")' and book["Data"]["B2"].data_type == "s"
    assert exporters.recap_pdf(result).startswith(b"%PDF")


def test_a_recap_is_attached_to_an_indicator_as_evidence(units, cast, seed_plan):
    unit = units["SUMSEL"]
    training(unit, "Andi", f"{seed_plan.year}-02-01", 8)
    indicator = seed_plan.areas.first().components.first().indicators.first()
    item = services.recap_attach(
        unit=unit,
        kind="pelatihan",
        period=Period(seed_plan.year, 1),
        indicator=indicator,
        by=cast["coordinator"],
    )
    assert item in indicator.evidence.all() and item.current.mime == "application/pdf"
    assert item.title.startswith("Rekap Pelatihan")
    from zona.plans.models import Plan

    other = Plan.objects.create(unit=units["JAMBI"], year=seed_plan.year, title="Jambi")
    area = other.areas.create(code="I", name="Manajemen Perubahan")
    foreign = area.components.create(number=1, name="K").indicators.create(text="Indikator Jambi")
    with pytest.raises(RegisterError):
        services.recap_attach(
            unit=unit, kind="pelatihan", period=Period(seed_plan.year), indicator=foreign, by=None
        )


def test_rollup_in_a_fixed_number_of_queries(units, cast):
    training(units["PALEMBANG"], "Andi", "2026-01-10", 8)
    services.headcount_set(unit=units["PALEMBANG"], year=2026, employees=30, by=None)
    with CaptureQueriesContext(connection) as few:
        rows = {r.unit.code: r for r in services.rollup(units["RI"], 2026)}
    assert rows["SUMSEL-PALEMBANG"].counts == {"pelatihan": 1} and rows["SUMSEL-PALEMBANG"].employees == 30
    for n in range(15):
        unit = unit_create(code=f"X{n}", name=f"KPU X{n}", level="regency", parent=units["JAMBI"])
        training(unit, "Andi", "2026-01-10", 8)
    with CaptureQueriesContext(connection) as many:
        assert len(services.rollup(units["RI"], 2026)) == 20
    assert len(many) == len(few)
