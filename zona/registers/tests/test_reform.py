"""The Reform figures from the recap registers, each with golden cases, a zero denominator and
clamping, as the LKE's own "Kriteria Nilai" (PermenPAN-RB 90/2021) states them: penurunan
pelanggaran disiplin = (last year − this year) ÷ last year (1 → 0 gives 100%; no violation last
year gives 0), LHKPN/LHKASN = reported ÷ obliged, services simplified = simplified ÷ listed, and
the share of employees with at least 20 hours of training (PP 17/2020 Pasal 203)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.lke.figures import figures
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.registers import reform, services
from zona.registers.models import Entry

from .test_registers import training


def violation(unit, day: str, sanction: str = ""):
    raw = {"tanggal": day, "pelanggaran": "Tidak masuk kerja", "tingkat": "Ringan", "sanksi": sanction}
    return services.entry_save(unit=unit, kind="disiplin", raw=raw, by=None)


def report(unit, who: str, kind: str, year: int, sent: str = ""):
    raw = {"pegawai": who, "jenis": kind, "tahun": str(year), "tanggal_lapor": sent}
    return services.entry_save(unit=unit, kind="lhkpn", raw=raw, by=None)


def service(unit, name: str, year: int, simplified: bool):
    raw = {"layanan": name, "tahun": str(year), "dipermudah": "Ya" if simplified else "Tidak"}
    return services.entry_save(unit=unit, kind="layanan_dipermudah", raw=raw, by=None)


def by_ref(unit, year):
    return {f.ref: f for f in figures(unit, year)}


@pytest.mark.parametrize(
    ("last", "this", "percent"),
    [(4, 1, 75), (2, 1, 50), (2, 5, 0), (3, 3, 0)],  # golden, half, clamped, no decrease
)
def test_disciplinary_decrease(units, last, this, percent):
    unit = units["SUMSEL"]
    for n in range(last):
        violation(unit, f"2025-0{n % 9 + 1}-10")
    for n in range(this):
        violation(unit, f"2026-0{n % 9 + 1}-10", sanction="Teguran lisan" if n == 0 else "")
    figure = by_ref(unit, 2026)["A.II.3.iii.a"]
    assert [n for _k, _l, n in figure.inputs] == [last, this, min(this, 1)]
    assert figure.value == Fraction(percent, 100)
    assert figure.link.endswith("/disiplin/?tahun=2026")


@pytest.mark.parametrize(("last", "this"), [(1, 0), (0, 2), (0, 0)])
def test_a_year_without_entries_is_no_data_not_zero_violations(units, last, this):
    """LKE A.II.3.iii.a (PermenPAN-RB 90/2021) compares the violations of two years: a year the
    register holds nothing for is not "0 violations" (1 → 0 would score 100%), so nothing is
    suggested and the unit answers with its own evidence."""
    unit = units["SUMSEL"]
    for n in range(last):
        violation(unit, f"2025-0{n + 1}-10")
    for n in range(this):
        violation(unit, f"2026-0{n + 1}-10")
    assert reform.discipline(unit, 2026) is None
    assert "A.II.3.iii.a" not in suggest(Assessment(unit=unit, year=2026))


def test_no_disciplinary_record_suggests_nothing(units):
    assert reform.discipline(units["SUMSEL"], 2026) is None
    assert "A.II.3.iii.a" not in suggest(Assessment(unit=units["SUMSEL"], year=2026))
    assert by_ref(units["SUMSEL"], 2026)["A.II.3.iii.a"].value is None  # listed, to be answered by hand


def test_lhkpn_and_lhkasn(units):
    unit = units["SUMSEL"]
    report(unit, "Ketua", "LHKPN", 2026, sent="2026-03-02")
    report(unit, "Sekretaris", "LHKPN", 2026)
    report(unit, "ketua ", "LHKPN", 2026)  # listed twice: one person, reported
    report(unit, "Kasubbag", "LHKPN", 2025, sent="2025-03-01")  # another year
    found = by_ref(unit, 2026)
    assert [n for *_x, n in found["A.II.5.iii.a"].inputs] == [2, 1]
    assert found["A.II.5.iii.a"].value == Fraction(1, 2)
    assert found["A.II.5.iii.b"].value is None  # nobody listed for LHKASN: no suggestion
    for n in range(3):
        report(unit, f"Staf {n}", "LHKASN", 2026, sent="2026-04-01")
    assert by_ref(unit, 2026)["A.II.5.iii.b"].value == 1


@pytest.mark.parametrize(("listed", "simplified", "value"), [(4, 3, Fraction(3, 4)), (2, 0, 0), (1, 1, 1)])
def test_services_simplified(units, listed, simplified, value):
    for n in range(listed):
        service(units["SUMSEL"], f"Layanan {n}", 2026, simplified=n < simplified)
    figure = by_ref(units["SUMSEL"], 2026)["A.II.6.i.b"]
    assert [n for *_x, n in figure.inputs] == [listed, simplified] and figure.value == value


def test_training_share_needs_the_headcount(units):
    unit = units["SUMSEL"]
    training(unit, "Andi", "2026-01-10", 12)
    training(unit, "andi", "2026-06-10", 8)  # 20 hours exactly: counts
    training(unit, "Budi", "2026-02-10", "19.5")  # short of 20
    training(unit, "Citra", "2025-12-31", 40)  # last year
    assert reform.trained(unit, 2026) is None
    assert "A.I.3.iii.d" not in suggest(Assessment(unit=unit, year=2026))
    services.headcount_set(unit=unit, year=2026, employees=4, by=None)
    assert reform.trained(unit, 2026) == (1, 4)
    assert suggest(Assessment(unit=unit, year=2026))["A.I.3.iii.d"].answer == "C"  # some
    services.headcount_set(unit=unit, year=2026, employees=1, by=None)
    assert reform.trained(unit, 2026) == (1, 1)  # never more than the employees
    assert suggest(Assessment(unit=unit, year=2026))["A.I.3.iii.d"].answer == "A"
    services.headcount_set(unit=unit, year=2026, employees=0, by=None)
    assert reform.trained(unit, 2026) is None  # no denominator: nothing suggested


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.sampled_from([2025, 2026]), st.booleans()), max_size=12),
    st.lists(st.booleans(), max_size=8),
)
def test_the_figures_are_counts_of_the_register_and_stay_within_0_and_1(units, violations, services_listed):
    unit = units["LAHAT"]
    Entry.objects.filter(unit=unit).delete()
    for year, sanctioned in violations:
        violation(unit, f"{year}-05-05", sanction="Teguran" if sanctioned else "")
    for n, simplified in enumerate(services_listed):
        service(unit, f"L{n}", 2026, simplified)
    found = by_ref(unit, 2026)
    last = sum(1 for y, _s in violations if y == 2025)
    this = sum(1 for y, _s in violations if y == 2026)
    if not last or not this:  # a year without entries is no data
        assert found["A.II.3.iii.a"].value is None
    else:
        assert [n for *_x, n in found["A.II.3.iii.a"].inputs] == [
            last, this, sum(1 for y, s in violations if y == 2026 and s)
        ]  # fmt: skip
        assert found["A.II.3.iii.a"].value == Fraction(max(0, last - this), last)
    if services_listed:
        assert found["A.II.6.i.b"].value == Fraction(sum(services_listed), len(services_listed))
    assert all(0 <= f.value <= 1 for f in found.values() if f.value is not None)


def test_cli_prints_each_figure_with_its_inputs(units, capsys):
    unit = units["SUMSEL"]
    violation(unit, "2025-02-02")
    violation(unit, "2025-03-02")
    violation(unit, "2026-02-02", sanction="Teguran tertulis")
    call_command("reform_figures", "--unit", "SUMSEL", "--year", "2026", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    found = {f["ref"]: f for f in data["figures"]}
    assert found["A.II.3.iii.a"]["inputs"]["tahun_lalu"] == {
        "label": "Jumlah pelanggaran tahun sebelumnya",
        "value": 2,
    }
    assert found["A.II.3.iii.a"]["percent"] == 50.0
    assert found["A.II.5.iii.a"]["percent"] is None  # no records: to be answered in the LKE
    assert {"A.II.1.i.a", "A.II.4.i.a", "A.II.5.ii.a", "A.II.6.i.b"} <= set(found)
    call_command("reform_figures", "--unit", "SUMSEL", "--year", "2026")
    text = capsys.readouterr().out
    assert "A.II.3.iii.a" in text and "= 50.00%" in text and "Jumlah pelanggaran tahun ini: 1" in text
    with pytest.raises(CommandError):
        call_command("reform_figures", "--unit", "NOPE", "--year", "2026")
