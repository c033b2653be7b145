"""Performance accountability: achievement of an indicator (higher or lower is better, latest or
summed quarters), of a target (the mean of its indicators), the sasaran met (LKE Reform
A.II.4.i.a: met ÷ all, the LKE's example 1 of 9 = 11.11%), Hasil B.1.b A–D as PermenPAN-RB
90/2021 describes the options, the cascade, last year's copy and the Laporan Kinerja table."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from zona.lke.figures import figures
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.performance import achievement as a
from zona.performance import exporters, services
from zona.performance.models import Agreement
from zona.performance.rules import rules_for
from zona.performance.services import PerformanceError

D = Decimal


DEFAULT = rules_for({})
PLAIN = rules_for({"cap": "none"})
INVERSE = rules_for({"lower_is_better": "inverse"})


@pytest.mark.parametrize(
    ("realisation", "target", "direction", "rules", "expected"),
    [
        (D(90), D(100), "naik", DEFAULT, D(90)),
        (D(120), D(100), "naik", DEFAULT, D(120)),
        (D(250), D(100), "naik", DEFAULT, D(120)),  # capped at 120% (PermenPAN-RB 6/2022)
        (D(250), D(100), "naik", PLAIN, D(250)),  # without the cap
        (D(8), D(10), "turun", DEFAULT, D(120)),  # (2T − R) ÷ T: fewer than the target
        (D(12), D(10), "turun", DEFAULT, D(80)),
        (D(25), D(10), "turun", DEFAULT, D(0)),  # (2T − R) ÷ T = −50%: never below 0
        (D(8), D(10), "turun", INVERSE, D(120)),  # T ÷ R = 125%, capped
        (D(16), D(10), "turun", INVERSE, D("62.5")),
        (D(0), D(10), "turun", INVERSE, D(120)),  # T ÷ 0 has no value: counted at the cap
        (D(3), D(0), "turun", DEFAULT, D(0)),  # a "0 temuan" target with 3 findings: missed
        (D(0), D(0), "turun", DEFAULT, D(100)),  # and with none: met
        (None, D(10), "naik", DEFAULT, None),
    ],
)
def test_indicator_achievement(realisation, target, direction, rules, expected):
    assert a.achievement(realisation, target, direction, rules) == expected


def test_the_inverse_formula_text_says_what_the_code_gives_for_zero():
    """Lower is better, target ÷ realisation: a realisation of 0 has no ratio. The data file's
    text and the code agree: counted at the cap in force (PermenPAN-RB 6/2022: 120), or 100%
    without a cap."""
    from zona.performance.rules import data

    text = " ".join(data()["options"]["lower_is_better"]["choices"]["inverse"]["source"].split())
    assert "at the cap in force" in text and "or 100% without a cap" in text
    assert a.achievement(D(0), D(10), "turun", INVERSE) == INVERSE.cap == D(120)
    uncapped = rules_for({"lower_is_better": "inverse", "cap": "none"})
    assert a.achievement(D(0), D(10), "turun", uncapped) == D(100)


def test_the_year_value_is_the_latest_or_the_sum():
    quarters = {1: D(20), 2: D(45), 4: D(90)}
    assert a.year_value(quarters, "terakhir") == D(90)
    assert a.year_value(quarters, "jumlah") == D(155)
    assert a.year_value({}, "terakhir") is None


POSITIVE = st.decimals(min_value=D("0.01"), max_value=10**6, places=2)


@given(st.decimals(min_value=0, max_value=10**6, places=2), POSITIVE)
def test_higher_and_lower_are_mirror_images(realisation, target):
    """(2T − R) ÷ T mirrors R ÷ T around 100% as long as neither is clamped at 0."""
    up = a.achievement(realisation, target, "naik", PLAIN)
    down = a.achievement(realisation, target, "turun", PLAIN)
    if realisation <= 2 * target:
        assert abs(up + down - 200) < D("1e-20")  # the same distance from 100%, on either side
    assert (up >= 100) == (realisation >= target) == a.meets(realisation, target, "naik")


@given(
    st.decimals(min_value=-1000, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=10**4, places=2),
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.sampled_from(["naik", "turun"]),
    st.sampled_from([DEFAULT, PLAIN, INVERSE, rules_for({"lower_is_better": "inverse", "cap": "none"})]),
)
def test_achievement_is_bounded_and_never_rewards_a_worse_figure(
    realisation, worse_by, target, direction, rules
):
    """Whatever the formula: never below 0, never above the cap, and a worse realisation (lower
    where higher is better, higher where lower is better) never gives a higher achievement."""
    value = a.achievement(realisation, target, direction, rules)
    assert value >= 0 and (rules.cap is None or value <= rules.cap)
    worse = realisation - worse_by if direction == "naik" else realisation + worse_by
    uncapped_zero = rules.cap is None and rules.lower_is_better == "inverse" and realisation <= 0
    if not uncapped_zero:  # T ÷ 0 without a cap is counted at 100%, documented
        assert a.achievement(worse, target, direction, rules) <= value


def _agreement(unit, year, rows, last_years=None, by=None, signed=True):
    """rows: [(target code, [(target value, realisation, direction), ...]), ...]; signed at the
    start of the year unless `signed` is False."""
    agreement = services.agreement_open(
        unit=unit, year=year, by=by, signed_on=date(year, 1, 31) if signed else None
    )
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


def test_a_target_is_the_mean_of_its_indicators_but_met_only_when_each_is(units):
    agreement = _agreement(
        units["SUMSEL"], 2026, [("SS1", [(D(100), D(110), "naik"), (D(10), D(11), "turun")])]
    )
    figure = services.summary(agreement).targets[0]
    assert figure.achievement == D(100)  # (110 + 90) ÷ 2
    assert not figure.met  # IKU SS1.2 missed its target: the mean cannot carry it


@pytest.mark.parametrize(
    ("indicators", "why"),
    [
        # {110%, not reported}: the unreported indicator is not dropped from the target
        ([(D(100), D(110), "naik"), (D(100), None, "naik")], "tidak dilaporkan"),
        # a "0 temuan" target with 3 findings is missed, not left out
        ([(D(100), D(110), "naik"), (D(0), D(3), "turun")], "di bawah target"),
        # 250% and 60%: the mean is capped (120 + 60) ÷ 2 = 90%, and 60% is below target anyway
        ([(D(100), D(250), "naik"), (D(100), D(60), "naik")], "di bawah target"),
        # lower is better, 25 against 10: 0%, not −50%
        ([(D(10), D(25), "turun")], "di bawah target"),
    ],
)
def test_a_sasaran_is_met_only_when_every_indicator_is_reported_and_met(units, indicators, why):
    """LKE Reform A.II.4.i.a counts the sasaran with capaian ≥ 100% of all sasaran: a sasaran
    with an unreported or missed indicator counts in the total and not as met."""
    _agreement(units["SUMSEL"], 2026, [("SS1", indicators), ("SS2", [(D(100), D(100), "naik")])])
    found = suggest(Assessment(unit=units["SUMSEL"], year=2026))
    assert found["A.II.4.i.a"].answer == "2;1"
    assert "SS1" in found["A.II.4.i.a"].source and why in found["A.II.4.i.a"].source
    assert found["B.1.b"].answer == "D" and why in found["B.1.b"].source
    figure = services.summary(Agreement.objects.get(unit=units["SUMSEL"])).targets[0]
    assert all(0 <= i.achievement <= 120 for i in figure.indicators if i.achievement is not None)


def test_the_cap_keeps_the_mean_honest(units):
    agreement = _agreement(
        units["SUMSEL"], 2026, [("SS1", [(D(100), D(250), "naik"), (D(100), D(60), "naik")])]
    )
    assert services.summary(agreement).targets[0].achievement == D(90)
    services.agreement_formulas_set(agreement=agreement, chosen={"cap": "none"}, by=None)
    assert services.summary(agreement).targets[0].achievement == D(155)  # shown, still not met
    assert not services.summary(agreement).targets[0].met


def test_a_quarter_is_provisional_until_the_year_is_reported(units):
    """The year's figure is complete once the fourth quarter is recorded: a running figure of a
    count where fewer is better would otherwise look like a success in March."""
    agreement = services.agreement_open(unit=units["SUMSEL"], year=2026, by=None, signed_on=date(2026, 1, 31))
    target = services.target_add(agreement=agreement, code="SS1", text="Temuan turun", by=None)
    values = {"name": "Jumlah temuan", "measure": "temuan", "annual_target": D(10), "direction": "turun",
              "aggregation": "jumlah"}  # fmt: skip
    indicator = services.indicator_add(target=target, values=values, by=None)
    services.realisation_record(indicator=indicator, quarter=1, value=D(2), note="", by=None)
    item = services.summary(agreement).targets[0].indicators[0]
    assert item.provisional and item.achievement == D(120) and not item.met
    assert suggest(Assessment(unit=units["SUMSEL"], year=2026))["A.II.4.i.a"].answer == "1;0"
    for quarter, value in ((2, 3), (3, 3), (4, 1)):
        services.realisation_record(indicator=indicator, quarter=quarter, value=D(value), note="", by=None)
    item = services.summary(agreement).targets[0].indicators[0]
    assert item.complete and item.met and item.realisation == D(9)
    assert suggest(Assessment(unit=units["SUMSEL"], year=2026))["A.II.4.i.a"].answer == "1;1"


def test_an_unsigned_agreement_gives_the_lowest_achievement_answers_and_says_why(units):
    """PermenPAN-RB 53/2014: the perjanjian kinerja is signed by the head of the unit and the
    superior; until then its targets are not the unit's agreed targets. A.II.4.i.a then counts no
    sasaran met and B.1.b (a WBK gate) is D, whatever the realisation, and the suggestion says
    the agreement is not signed; signing it gives the achievement back."""
    rows = [(f"SS{n}", [(D(100), v, "naik")]) for n, v in enumerate([D(110), D(105)], start=1)]
    last = {("SS1", 1): D(100), ("SS2", 1): D(100)}
    agreement = _agreement(units["PALEMBANG"], 2026, rows, last, signed=False)
    with translation.override("id"):
        found = suggest(Assessment(unit=units["PALEMBANG"], year=2026))
    assert found["A.II.4.i.a"].answer == "2;0" and found["B.1.b"].answer == "D"
    for ref in ("A.II.4.i.a", "B.1.b"):
        assert "perjanjian kinerja 2026 belum ditandatangani" in found[ref].source.lower()
        assert "PermenPAN-RB 53/2014" in found[ref].source
    services.agreement_open(unit=agreement.unit, year=2026, by=None, signed_on=date(2026, 2, 1))
    found = suggest(Assessment(unit=units["PALEMBANG"], year=2026))
    assert found["A.II.4.i.a"].answer == "2;2" and found["B.1.b"].answer in {"A", "B"}


def test_a_target_without_indicators_counts_and_is_not_met(units):
    agreement = _agreement(units["SUMSEL"], 2026, [("SS1", [(D(100), D(100), "naik")])])
    services.target_add(agreement=agreement, code="SS2", text="Belum ada IKU", by=None)
    found = suggest(Assessment(unit=units["SUMSEL"], year=2026))["A.II.4.i.a"]
    assert found.answer == "2;1" and "tanpa indikator" in found.source


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=1000, places=0),
            st.one_of(st.none(), st.decimals(min_value=0, max_value=2000, places=0)),
            st.sampled_from(["naik", "turun"]),
            st.booleans(),  # the full year reported, or only a quarter
        ),
        min_size=1,
        max_size=6,
    ),
    st.integers(min_value=0, max_value=5),
)
def test_a_bad_record_never_raises_the_count(rows, spoil):
    """Property over random agreements: hiding an indicator's report, or keeping only an early
    quarter, never raises the sasaran met or the B.1.b answer."""
    rules = DEFAULT

    def figures(items):
        out = []
        for n, (target, value, direction, full) in enumerate(items):
            quarters = {} if value is None else {4 if full else 2: value}
            indicator = type("I", (), {"code": f"I{n}", "aggregation": "terakhir", "annual_target": target,
                                       "direction": direction, "last_year": None})()  # fmt: skip
            out.append(a.indicator_figure(indicator, quarters, rules))
        return a.Summary([a.TargetFigure(type("T", (), {"code": "SS"})(), out)], rules)

    before = figures(rows)
    index = spoil % len(rows)
    spoiled = list(rows)
    spoiled[index] = (rows[index][0], None, rows[index][2], rows[index][3])
    after = figures(spoiled)
    assert after.met <= before.met
    order = "EDCBA"
    first, second = a.b1b_answer(before, None), a.b1b_answer(after, None)
    if first is not None and second is not None:
        assert order.index(second.answer) <= order.index(first.answer)


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


def test_a_peer_counts_in_b_1_b_only_with_its_whole_year_reported(units):
    """LKE Hasil B.1.b option A (PermenPAN-RB 90/2021) compares with the peers' mean: a peer's
    achievement counts only when it reported every indicator through the year's last quarter,
    the same "complete" test as the unit's own (data/formulas.yaml full_year_quarter). A peer
    with part of its year is left out, and the suggestion says how many and why."""
    rows = [(f"SS{n}", [(D(100), v, "naik")]) for n, v in enumerate([D(110), D(105)], start=1)]
    _agreement(units["PALEMBANG"], 2026, rows, {("SS1", 1): D(100), ("SS2", 1): D(100)})
    partial = services.agreement_open(unit=units["LAHAT"], year=2026, by=None, signed_on=date(2026, 1, 31))
    target = services.target_add(agreement=partial, code="SS1", text="Sasaran", by=None)
    values = {"name": "IKU", "measure": "%", "annual_target": D(100), "direction": "naik", "last_year": None}
    indicator = services.indicator_add(target=target, values=values, by=None)
    services.realisation_record(indicator=indicator, quarter=2, value=D(10), note="", by=None)
    with translation.override("en"):
        found = suggest(Assessment(unit=units["PALEMBANG"], year=2026))["B.1.b"]
    assert found.answer == "B"  # not A against a provisional 10%
    assert "counts 0 peers and leaves out 1 whose year is not reported in full" in found.source
    assert services.peers_figure(units["PALEMBANG"], 2026) == services.Peers(None, 0, 1, 0)
    services.realisation_record(indicator=indicator, quarter=4, value=D(10), note="", by=None)
    with translation.override("en"):
        found = suggest(Assessment(unit=units["PALEMBANG"], year=2026))["B.1.b"]
    assert found.answer == "A" and "leaves out" not in found.source  # its whole year: it counts
    assert services.peers_figure(units["PALEMBANG"], 2026) == services.Peers(D(10), 1, 0, 0)


def test_no_realisation_no_b_1_b(units):
    _agreement(units["SUMSEL"], 2026, [("SS1", [(D(100), None, "naik")])])
    assert "B.1.b" not in suggest(Assessment(unit=units["SUMSEL"], year=2026))


@pytest.mark.parametrize(
    ("choice", "lasts", "previous", "answer"),
    [
        ("every_indicator", [D(100), D(110)], None, "C"),  # SS2 is not better than last year
        ("every_indicator", [D(100), D(90)], None, "B"),
        ("most_indicators", [D(100), D(120), D(120)], None, "C"),  # 1 of 3 better: not most
        ("most_indicators", [D(100), D(90), D(120)], None, "B"),  # 2 of 3 better
        ("every_indicator", [D(100), None], None, "C"),  # no figure for SS2: never "better"
        ("mean_achievement", [None, None], D(100), "B"),  # 105% this year against 100% last year
        ("mean_achievement", [None, None], D(110), "C"),
        ("mean_achievement", [None, None], None, "C"),  # no agreement last year to compare with
    ],
)
def test_better_than_last_year_is_a_named_choice(units, choice, lasts, previous, answer):
    if previous is not None:
        _agreement(units["SUMSEL"], 2025, [("SS1", [(D(100), previous, "naik")])])
    values = [D(110), D(100), D(105)][: len(lasts)]
    rows = [(f"SS{n}", [(D(100), v, "naik")]) for n, v in enumerate(values, start=1)]
    last_years = {(f"SS{n}", 1): last for n, last in enumerate(lasts, start=1)}
    agreement = _agreement(units["SUMSEL"], 2026, rows, last_years)
    services.agreement_formulas_set(agreement=agreement, chosen={"better_than_last_year": choice}, by=None)
    found = suggest(Assessment(unit=units["SUMSEL"], year=2026))["B.1.b"]
    assert found.answer == answer
    assert "Lebih baik dari tahun lalu" in found.source  # the formula in force is named


def test_formula_choices_are_checked_audited_and_copied(units, cast):
    agreement = services.agreement_open(unit=units["SUMSEL"], year=2025, by=None)
    with pytest.raises(PerformanceError, match="rumus"):
        services.agreement_formulas_set(agreement=agreement, chosen={"cap": "150"}, by=None)
    with pytest.raises(PerformanceError):
        services.agreement_formulas_set(agreement=agreement, chosen={"rounding": "up"}, by=None)
    services.agreement_formulas_set(
        agreement=agreement, chosen={"lower_is_better": "inverse"}, by=cast["coordinator"]
    )
    agreement.refresh_from_db()
    assert agreement.formulas["lower_is_better"] == "inverse" and agreement.formulas["cap"] == "120"
    from zona.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="performance.formulas_set")
    assert event.changes == {"lower_is_better": ["mirror", "inverse"]}
    services.target_add(agreement=agreement, code="SS1", text="x", by=None)
    this_year = services.agreement_open(unit=units["SUMSEL"], year=2026, by=None)
    services.agreement_copy_previous(agreement=this_year, by=None)
    this_year.refresh_from_db()
    assert this_year.formulas["lower_is_better"] == "inverse"


def test_the_formulas_file_is_checked(monkeypatch):
    from zona.performance import rules

    good = rules.data()
    broken = {**good, "options": {**good["options"], "cap": {**good["options"]["cap"], "default": "150"}}}
    with pytest.raises(rules.FormulasError, match="default"):
        rules._check(broken)
    unknown = {**good, "options": {**good["options"], "lower_is_better": {
        "default": "log", "choices": {"log": {"source": "x"}}}}}  # fmt: skip
    with pytest.raises(rules.FormulasError, match="does not implement"):
        rules._check(unknown)
    unsourced = {**good, "options": {**good["options"], "cap": {
        "default": "none", "choices": {"none": {"percent": None, "source": " "}}}}}  # fmt: skip
    with pytest.raises(rules.FormulasError, match="source"):
        rules._check(unsourced)
    assert rules.met_at() == 100 and rules.full_year_quarter() == 4


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
    rows = exporters.lkj_rows(agreement)
    assert rows == [["1", "SS1 Sasaran SS1", "IKU SS1.1", "%", "100,00", "95,00", "95,00", "88,50", "95,00"]]
    sheet = load_workbook(io.BytesIO(exporters.lkj_xlsx(agreement))).active
    assert sheet["A3"].value == "No" and sheet["H4"].value == "88,50"
    assert exporters.lkj_pdf(agreement).startswith(b"%PDF")


@given(st.lists(st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=2)), max_size=6))
def test_a_mean_counts_only_when_every_value_is_there(values):
    result = a.mean_of_all(values)
    if not values or None in values:
        assert result is None
    else:
        assert result == sum(values, Decimal(0)) / len(values)
        assert min(values) <= result <= max(values)
