"""What the surveys offer the LKE, case by case with the rule each applies: the SKM frequency
counts only surveys that reached their sample (A.I.6.iv.a, Krejcie & Morgan as PermenPAN-RB
14/2017 refers to it); "published" is every period's result (A.I.6.iv.b); the maklumat needs the
portal and other media (A.I.6.i.b); the unit's own IPAK/IPKP survey is a stand-in for the external
index, on the LKE's 1–4 scale, and never becomes the answer unless the unit confirms it (Hasil
B.1.a/B.2.a, PermenPAN-RB 90/2021)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zona.lke.instrument import resolve
from zona.lke.models import Answer, Level
from zona.lke.services import AssessmentError, answer_save, assessment_create
from zona.lke.suggestions import suggest
from zona.surveys import rules, services
from zona.surveys.figures import figures
from zona.surveys.ikm import mutu
from zona.surveys.service_standards import standard_publish, standard_save
from zona.surveys.services import definition_save, survey_close
from zona.surveys.standards import COMPONENTS
from zona.surveys.tests.factories import DURING_Q1, ServiceFactory, answer, make_survey


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The surveys' period is running (as the survey rules see "today")."""
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)


@pytest.fixture
def unit_by(units, cast):
    return units["SUMSEL"], cast["coordinator"]


@pytest.fixture
def assessment(unit_by):
    unit, by = unit_by
    return assessment_create(unit=unit, year=2026, by=by)


def closed_skm(unit, by, respondents: int, population: int):
    survey = make_survey(unit, by, population=population)
    for _n in range(respondents):
        answer(survey, [3] * 9)
    return survey_close(survey=survey, by=by)


@pytest.mark.parametrize(("periods", "letter"), [(0, "E"), (1, "D"), (2, "C"), (3, "B"), (4, "A"), (6, "A")])
def test_skm_frequency_answers_are_the_lkes(periods, letter):
    """LKE A.I.6.iv.a: A 4 or more a year, B 3, C 2, D 1, E none (from data/rules.yaml)."""
    assert rules.frequency_answer(periods) == letter


@given(st.integers(0, 20))
def test_more_periods_never_give_a_worse_answer(periods):
    assert rules.frequency_answer(periods + 1) <= rules.frequency_answer(periods)


def test_a_survey_closed_below_its_sample_does_not_count_and_is_named(assessment, unit_by):
    """Krejcie & Morgan: a population of 100 needs 80 respondents; 2 is not a survey of them."""
    unit, by = unit_by
    closed_skm(unit, by, respondents=2, population=100)
    offered = suggest(assessment)["A.I.6.iv.a"]
    assert offered.answer == "E"
    assert "2" in offered.source and "80" in offered.source
    assert [n for _label, n in offered.figures] == [0, 1]  # periods counted, surveys closed


def test_a_survey_without_its_population_cannot_show_its_sample(assessment, unit_by):
    unit, by = unit_by
    closed_skm(unit, by, respondents=5, population=0)
    assert suggest(assessment)["A.I.6.iv.a"].answer == "E"


def test_a_survey_that_reached_its_sample_counts(assessment, unit_by):
    unit, by = unit_by
    closed_skm(unit, by, respondents=10, population=10)  # 10 of a population of 10 (table: 10)
    assert suggest(assessment)["A.I.6.iv.a"].answer == "D"


def components():
    return {key: f"Isi {label}" for key, label in COMPONENTS.items()}


def test_the_maklumat_needs_the_portal_and_other_media(assessment, unit_by):
    """LKE A.I.6.i.b, A: "dipublikasikan di website dan media lainnya" for every service."""
    unit, by = unit_by
    services_ = [ServiceFactory(unit=unit), ServiceFactory(unit=unit)]
    made = [
        standard_save(service=s, components=components(), maklumat="Janji", effective_on=DURING_Q1, by=by)
        for s in services_
    ]
    assert suggest(assessment)["A.I.6.i.b"].answer == "C"  # made, not published
    for standard in made:
        standard_publish(standard=standard, by=by)
    assert suggest(assessment)["A.I.6.i.b"].answer == "B"  # the portal only
    boards = [
        standard_save(
            service=s, components=components(), maklumat="Janji", effective_on=DURING_Q1, by=by,
            other_media="Papan pengumuman, Instagram",
        )
        for s in services_
    ]  # fmt: skip
    for standard in boards:
        standard_publish(standard=standard, by=by)
    assert suggest(assessment)["A.I.6.i.b"].answer == "A"


# -- IPAK / IPKP: a stand-in -------------------------------------------------------------------

FIVE_POINT = """
code: ipak-lima
version: "1"
name: IPAK skala 1-5
kind: ipak
lke_ref: B.1.a
scale: {min: 1, max: 5}
items:
  - {key: P1, name: Tanpa pungutan liar, question: Tidak ada pungutan di luar biaya yang ditetapkan.}
"""


def test_the_hasil_weight_is_read_from_the_instrument():
    """PermenPAN-RB 90/2021: IPAK and IPKP weigh 17.5 each, as the instrument says."""
    instrument = resolve(None)
    assert instrument.weight_of("B.1.a") == instrument.weight_of("B.2.a") == Fraction(35, 2)


def test_the_units_own_ipak_is_a_stand_in_the_unit_confirms(assessment, unit_by):
    unit, by = unit_by
    survey = make_survey(unit, by, definition="ipak@1", population=5)  # Krejcie & Morgan: 5 of 5
    for row in ([4] * 6, [4] * 6, [3] * 6, [3] * 6, [4] * 6):
        answer(survey, row)
    survey_close(survey=survey, by=by)
    offered = suggest(assessment)["B.1.a"]
    assert offered.answer == "3.60" and "15.75" in offered.source and offered.confirm
    with pytest.raises(AssessmentError):
        answer_save(assessment=assessment, level=Level.SELF, ref="B.1.a", raw="3.6", by=by)
    assert not Answer.objects.filter(assessment=assessment, ref="B.1.a").exists()
    answer_save(assessment=assessment, level=Level.SELF, ref="B.1.a", raw="3.6", by=by, confirmed=True)
    assert Answer.objects.get(assessment=assessment, ref="B.1.a").value == "3.6"
    # the external survey's own index, typed by the unit, needs only a reason
    answer_save(
        assessment=assessment, level=Level.SELF, ref="B.1.a", raw="3.71", by=by, justification="Survei TPN"
    )


def test_a_five_point_survey_is_converted_and_the_conversion_shown(assessment, unit_by):
    """A 1–5 survey averaging 3.9 is not 3.90 of 4: 1 + (3.90 − 1) × 3 ÷ 4 = 3.175, suggested 3.17
    on the 1–4 scale (rounded down: never above the survey)."""
    unit, by = unit_by
    definition_save(unit=unit, text=FIVE_POINT, by=by)
    survey = make_survey(unit, by, definition="ipak-lima@1", population=10)
    for value in [4] * 9 + [3]:
        answer(survey, [value])
    survey_close(survey=survey, by=by)
    found = figures(survey)
    assert found.result.index == Decimal("3.90")
    assert found.lke_index.value == Decimal("3.17")
    assert found.lke_score == Decimal("13.87")  # 3.17 ÷ 4 × 17.5
    offered = suggest(assessment)["B.1.a"]
    assert offered.answer == "3.17" and "1 + (3.90 − 1) × 3 ÷ 4 = 3.17" in offered.source


def test_another_scale_is_refused_when_the_data_says_so(assessment, unit_by, monkeypatch):
    unit, by = unit_by
    definition_save(unit=unit, text=FIVE_POINT, by=by)
    survey = make_survey(unit, by, definition="ipak-lima@1", population=1)  # 1 of 1: its sample
    answer(survey, [5])
    survey_close(survey=survey, by=by)
    data = {**rules.data(), "index": {**rules.data()["index"], "other_scales": "refuse"}}
    monkeypatch.setattr(rules, "data", lambda: data)
    assert "B.1.a" not in suggest(assessment)


def test_an_index_survey_closed_below_its_sample_gives_no_index_and_is_named(assessment, unit_by):
    """PermenPAN-RB 14/2017 (Krejcie & Morgan): a population of 100 needs 80 respondents. The unit's
    own IPAK survey closed with 2 gives no index; one that reached its sample does, and the one
    below it is named in its suggestion."""
    unit, by = unit_by
    short = make_survey(unit, by, definition="ipak@1", population=100)
    for _n in range(2):
        answer(short, [4] * 6)
    survey_close(survey=short, by=by)
    none = suggest(assessment)["B.1.a"]  # no index; the survey named, respondents vs its sample
    assert none.answer == "0" and none.confirm and short.title in none.source
    assert "80" in none.source and [n for _label, n in none.figures] == [2, 80]
    reached = make_survey(unit, by, definition="ipak@1", population=1)
    answer(reached, [2] * 6)
    survey_close(survey=reached, by=by)
    offered = suggest(assessment)["B.1.a"]
    assert offered.answer == "2.00" and offered.confirm
    assert short.title in offered.source and "80" in offered.source


@given(st.fractions(min_value=1, max_value=5))
def test_the_conversion_keeps_the_ends_and_the_order(index):
    converted = rules.index_on_lke_scale(index, 1, 5).value
    assert Decimal(1) <= converted <= Decimal(4)
    assert rules.index_on_lke_scale(Fraction(1), 1, 5).value == 1
    assert rules.index_on_lke_scale(Fraction(5), 1, 5).value == 4
    assert rules.index_on_lke_scale(min(index + Fraction(1, 10), Fraction(5)), 1, 5).value >= converted


@given(st.fractions(min_value=1, max_value=5), st.sampled_from([(1, 4), (1, 5)]))
def test_the_suggested_index_is_never_above_the_exact_one(index, scale):
    """Issue 19: a suggestion never claims more than the records. The IPAK/IPKP minimum for
    WBK/WBBM is 3.60 (PermenPAN-RB 90/2021); an exact 3.595 must not be offered as 3.60."""
    low, high = scale
    index = min(index, Fraction(high))
    exact = Fraction(1) + (index - low) * 3 / (high - low)
    suggested = rules.index_on_lke_scale(index, low, high).value
    assert Fraction(suggested) <= exact < Fraction(suggested) + Fraction(1, 100)


def test_an_index_just_below_the_minimum_is_not_rounded_up_to_it():
    """index_on_lke_scale(4.46, 1, 5) is exactly 3.595: suggested 3.59, below the 3.60 minimum."""
    converted = rules.index_on_lke_scale(Fraction("4.46"), 1, 5)
    assert converted.value == Decimal("3.59") and converted.how.endswith("= 3.59")
    assert rules.index_on_lke_scale(Fraction("3.599"), 1, 4).value == Decimal("3.59")


@pytest.mark.parametrize(
    ("value", "letter"),
    [("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"), ("65.00", "C"), ("64.99", "D")],
)
def test_the_mutu_bands_are_the_regulations(value, letter):
    """PermenPAN-RB 14/2017, Lampiran: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D (data/rules.yaml)."""
    assert mutu(Decimal(value)) == letter


def test_a_broken_rules_file_is_refused():
    raw = rules.load_yaml(rules.DATA)
    raw["mutu"]["bands"].reverse()
    with pytest.raises(rules.RulesError, match="descending"):
        rules._check(raw)
    assert rules.data()["index"]["max"] == 4


def test_an_index_a_hair_under_the_top_is_not_rounded_up_to_it():
    """Found by the property above: 5 − 3·10⁻²⁸ on a 1–5 scale is 3.99…9 on the LKE's, which a
    28-digit Decimal division rounded to 4 before flooring; floored exactly, it is 3.99."""
    index = Fraction(372998374933125352247397365165467, 74599674986625070449479473038942)
    assert rules.index_on_lke_scale(index, 1, 5).value == Decimal("3.99")
    assert rules.index_on_lke_scale(Fraction(5), 1, 5).value == Decimal("4.00")
    assert str(rules.index_on_lke_scale(Fraction(359, 100), 1, 4).value) == "3.59"
