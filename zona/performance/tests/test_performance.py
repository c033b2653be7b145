"""Performance accountability: achievement of an indicator (higher or lower is better, latest or
summed quarters), of a target (the mean of its indicators), the sasaran met (LKE Reform
A.II.4.i.a: met ÷ all, the LKE's example 1 of 9 = 11.11%), Hasil B.1.b A–D as PermenPAN-RB
90/2021 describes the options, the cascade, last year's copy and the Laporan Kinerja table."""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from zona.lke.figures import figures
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.performance import achievement as a
from zona.performance import services
from zona.performance.services import PerformanceError

D = Decimal


@pytest.mark.parametrize(
    ("realisation", "target", "direction", "expected"),
    [
        (D(90), D(100), "naik", D(90)),
        (D(120), D(100), "naik", D(120)),
        (D(8), D(10), "turun", D(120)),  # fewer than the target where fewer is better
        (D(12), D(10), "turun", D(80)),
        (D(5), D(0), "naik", None),  # a zero target has no achievement
        (None, D(10), "naik", None),
    ],
)
def test_indicator_achievement(realisation, target, direction, expected):
    assert a.achievement(realisation, target, direction) == expected


def test_the_year_value_is_the_latest_or_the_sum():
    quarters = {1: D(20), 2: D(45), 4: D(90)}
    assert a.year_value(quarters, "terakhir") == D(90)
    assert a.year_value(quarters, "jumlah") == D(155)
    assert a.year_value({}, "terakhir") is None


@given(
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.decimals(min_value=D("0.01"), max_value=10**6, places=2),
)
def test_higher_and_lower_are_mirror_images(realisation, target):
    up = a.achievement(realisation, target, "naik")
    down = a.achievement(realisation, target, "turun")
    assert abs(up + down - 200) < D("1e-20")  # the same distance from 100%, on either side (28 digits)
    assert (up >= 100) == (realisation >= target)


def _agreement(unit, year, rows, last_years=None, by=None):
    """rows: [(target code, [(target value, realisation, direction), ...]), ...]"""
    agreement = services.agreement_open(unit=unit, year=year, by=by)
    for code, indicators in rows:
        target = services.target_add(agreement=agreement, code=code, text=f"Sasaran {code}", by=by)
        for n, (annual, value, direction) in enumerate(indicators, start=1):
            last = (last_years or {}).get((code, n))
            indicator = services.indicator_add(
                target=target,
                values={
                    "name": f"IKU {code}.{n}",
                    "measure": "%",
                    "annual_target": annual,
                    "direction": direction,
                    "last_year": last,
                },  # fmt: skip
                by=by,
            )
            if value is not None:
                services.realisation_record(indicator=indicator, quarter=4, value=value, note="", by=by)
    return agreement


def test_targets_met_feed_reform_a_ii_4_i_a(units):
    rows = [("SS1", [(D(100), D(100), "naik")])] + [
        (f"SS{n}", [(D(100), D(80), "naik")]) for n in range(2, 10)
    ]
    _agreement(units["SUMSEL"], 2026, rows)
    found = {f.ref: f for f in figures(units["SUMSEL"], 2026)}
    assert [n for *_x, n in found["A.II.4.i.a"].inputs] == [9, 1]
    assert found["A.II.4.i.a"].value == Fraction(1, 9)  # the LKE's example: 11.11%
    assert found["A.II.4.i.a"].as_json()["percent"] == 11.11


def test_a_target_is_the_mean_of_its_indicators(units):
    agreement = _agreement(
        units["SUMSEL"], 2026, [("SS1", [(D(100), D(110), "naik"), (D(10), D(11), "turun")])]
    )
    figure = services.summary(agreement).targets[0]
    assert figure.achievement == D(100) and figure.met  # (110 + 90) ÷ 2


@pytest.mark.parametrize(
    ("values", "lasts", "peer", "answer"),
    [
        ([D(110), D(105)], [D(100), D(100)], D(100), "A"),  # above 100, better, above the peers
        ([D(110), D(105)], [D(100), D(100)], D(120), "B"),  # not above the peers
        ([D(110), D(105)], [D(100), D(100)], None, "B"),  # no peers to compare with
        ([D(100), D(100)], [D(90), D(95)], D(50), "B"),  # exactly 100: B at most
        ([D(110), D(105)], [D(120), D(120)], D(50), "C"),  # met but not better than last year
        ([D(110), D(95)], [D(100), D(90)], D(50), "D"),  # a target not met
    ],
)
def test_b_1_b(units, values, lasts, peer, answer):
    rows = [(f"SS{n}", [(D(100), v, "naik")]) for n, v in enumerate(values, start=1)]
    last_years = {(f"SS{n}", 1): last for n, last in enumerate(lasts, start=1)}
    _agreement(units["PALEMBANG"], 2026, rows, last_years)
    if peer is not None:
        _agreement(units["LAHAT"], 2026, [("SS1", [(D(100), peer, "naik")])])
    assert suggest(Assessment(unit=units["PALEMBANG"], year=2026))["B.1.b"].answer == answer


def test_no_realisation_no_b_1_b(units):
    _agreement(units["SUMSEL"], 2026, [("SS1", [(D(100), None, "naik")])])
    assert "B.1.b" not in suggest(Assessment(unit=units["SUMSEL"], year=2026))


def test_cascade_rules(units):
    agreement = services.agreement_open(unit=units["SUMSEL"], year=2026, by=None)
    unit_target = services.target_add(agreement=agreement, code="SS1", text="Pemilu berintegritas", by=None)
    team = services.target_add(
        agreement=agreement, code="SS1.1", text="Logistik tepat waktu", parent=unit_target, level="tim",
        holder="Tim Logistik", by=None,
    )  # fmt: skip
    services.target_add(
        agreement=agreement, code="SS1.1.a", text="Distribusi", parent=team, level="individu",
        holder="Kasubbag Logistik", by=None,
    )  # fmt: skip
    with pytest.raises(PerformanceError):
        services.target_add(
            agreement=agreement, code="X", text="Tanpa induk", level="tim", holder="Tim", by=None
        )
    other = services.agreement_open(unit=units["JAMBI"], year=2026, by=None)
    foreign = services.target_add(agreement=other, code="J1", text="Jambi", by=None)
    with pytest.raises(PerformanceError, match="perjanjian lain"):
        services.target_add(
            agreement=agreement, code="Y", text="Y", parent=foreign, level="tim", holder="Tim", by=None
        )
    assert len(services.summary(agreement).targets) == 1  # only the unit's targets count


def test_copy_last_year_with_its_realisation(units):
    _agreement(units["SUMSEL"], 2025, [("SS1", [(D(100), D(93.5), "naik")])])
    agreement = services.agreement_open(unit=units["SUMSEL"], year=2026, by=None)
    assert services.agreement_copy_previous(agreement=agreement, by=None) == 1
    indicator = agreement.targets.get().indicators.get()
    assert indicator.last_year == D("93.50") and not indicator.realisations.exists()
    with pytest.raises(PerformanceError):
        services.agreement_copy_previous(agreement=agreement, by=None)


def test_lkj_table(units):
    agreement = _agreement(
        units["SUMSEL"], 2026, [("SS1", [(D(100), D(95), "naik")])], last_years={("SS1", 1): D("88.5")}
    )
    rows = services.lkj_rows(agreement)
    assert rows == [["1", "SS1 Sasaran SS1", "IKU SS1.1", "%", "100,00", "95,00", "95,00", "88,50", "95,00"]]
    sheet = load_workbook(io.BytesIO(services.lkj_xlsx(agreement))).active
    assert sheet["A3"].value == "No" and sheet["H4"].value == "88,50"
    assert services.lkj_pdf(agreement).startswith(b"%PDF")
