"""The rules no regulation settles, as the unit's named choices: what 0 of 0 scores in the LKE's
Reform formulas (PermenPAN-RB 90/2021 divides by the count and is silent on a year with nothing
to count), the check that diproses + selesai never exceed harus ditindaklanjuti, and who may
change a choice."""

from fractions import Fraction

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from zona.lib.yamlfile import load_yaml
from zona.lke.instrument import LIBRARIES, InstrumentError, parse, resolve
from zona.lke.models import Assessment, Level
from zona.lke.options import OptionError, assessment_options_set, in_force, in_force_text, options_shown
from zona.lke.review import assessment_submit
from zona.lke.scoring import AnswerError, answer_value, parse_answer
from zona.lke.services import AssessmentError, answer_save, assessment_create

INSTRUMENT = resolve(None)
COMPLAINTS = INSTRUMENT.questions["A.II.5.ii.a"]
DISCIPLINE = INSTRUMENT.questions["A.II.3.iii.a"]


def value(question, raw: str, **options) -> Fraction:
    return answer_value(question, parse_answer(question, raw), {**INSTRUMENT.option_defaults(), **options})


def test_zero_complaints_scores_the_units_choice_and_zero_by_default():
    """A.II.5.ii.a = selesai ÷ harus ditindaklanjuti (PermenPAN-RB 90/2021); 0 of 0 is not settled:
    the default scores 0, the choice "full" full marks."""
    assert INSTRUMENT.options["zero_complaints"]["default"] == "zero"
    assert value(COMPLAINTS, "0;0;0") == 0
    assert value(COMPLAINTS, "0;0;0", zero_complaints="full") == 1
    assert value(COMPLAINTS, "170;13;157", zero_complaints="full") == Fraction(157, 170)  # the LKE's example


def test_no_violations_in_either_year_scores_the_units_choice():
    """A.II.3.iii.a, the decrease (last − this) ÷ last (PermenPAN-RB 90/2021): 0 and 0 is the
    unit's choice; 0 last year and 2 this year is worse, 0 whatever the choice."""
    assert value(DISCIPLINE, "0;0;0") == 0
    assert value(DISCIPLINE, "0;0;0", zero_violations="full") == 1
    assert value(DISCIPLINE, "0;2;1", zero_violations="full") == 0
    assert value(DISCIPLINE, "1;0;0", zero_violations="zero") == 1  # the LKE's example: 1 → 0 is 100%


@given(harus=st.integers(0, 500), selesai=st.integers(0, 500), choice=st.sampled_from(["zero", "full"]))
def test_the_zero_choice_only_touches_zero_of_zero(harus, selesai, choice):
    selesai = min(selesai, harus)
    got = value(COMPLAINTS, f"{harus};0;{selesai}", zero_complaints=choice)
    if harus:
        assert got == Fraction(selesai, harus)  # the LKE's formula, whatever the choice
    else:
        assert got == (1 if choice == "full" else 0)


@given(harus=st.integers(0, 300), diproses=st.integers(0, 300), selesai=st.integers(0, 300))
def test_in_process_and_completed_never_exceed_the_complaints_to_follow_up(harus, diproses, selesai):
    """A.II.5.ii.a: diproses + selesai ≤ harus ditindaklanjuti (the LKE's example 13 + 157 of 170)."""
    raw = f"{harus};{diproses};{selesai}"
    if diproses + selesai <= harus:
        assert 0 <= value(COMPLAINTS, raw) <= 1
    else:
        with pytest.raises(AnswerError):
            parse_answer(COMPLAINTS, raw)


def test_the_lkes_example_passes_and_one_more_in_process_is_refused():
    parse_answer(COMPLAINTS, "170;13;157")
    with pytest.raises(AnswerError, match="sedang diproses \\+ "):
        parse_answer(COMPLAINTS, "170;14;157")


def test_a_zero_option_must_choose_zero_or_full():
    raw = load_yaml(LIBRARIES / "lke-zi-permenpanrb-90-2021.yaml")
    raw["options"]["zero_complaints"]["choices"] = ["zero", "half"]
    with pytest.raises(InstrumentError, match="zero_option"):
        parse(raw)


@pytest.fixture
def assessment(units, cast):
    return assessment_create(unit=units["SUMSEL"], year=2026, by=cast["coordinator"])


def test_the_unit_chooses_and_both_levels_rescore(assessment, cast):
    by = cast["coordinator"]
    answer_save(assessment=assessment, level=Level.SELF, ref="A.II.5.ii.a", raw="0;0;0", by=by)
    assessment.refresh_from_db()
    before = assessment.scores["mandiri"]["total"]
    assert "the default" in in_force_text(assessment, "zero_complaints") or "bawaan" in in_force_text(
        assessment, "zero_complaints"
    )
    assessment_options_set(assessment=assessment, chosen={"zero_complaints": "full"}, by=by)
    assessment.refresh_from_db()
    assert in_force(assessment)["zero_complaints"] == "full"
    assert assessment.scores["mandiri"]["total"] == before + 3.0  # A.II.5.ii.a weighs 3.00
    shown = {o.name: o for o in options_shown(assessment)}["zero_complaints"]
    assert [(c.code, c.default, c.in_force) for c in shown.choices] == [
        ("zero", True, False),
        ("full", False, True),
    ]
    assert "PermenPAN-RB 90/2021" in shown.source


def test_an_unknown_choice_changes_nothing(assessment, cast):
    with pytest.raises(OptionError):
        assessment_options_set(
            assessment=assessment, chosen={"zero_complaints": "full", "nope": "x"}, by=cast["coordinator"]
        )
    with pytest.raises(OptionError):
        assessment_options_set(
            assessment=assessment, chosen={"zero_complaints": "half"}, by=cast["coordinator"]
        )
    assessment.refresh_from_db()
    assert assessment.options == {}


def test_the_choice_freezes_with_the_self_assessment(assessment, cast):
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.a", raw="Ya", by=cast["coordinator"])
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    with pytest.raises(AssessmentError):
        assessment_options_set(
            assessment=assessment, chosen={"zero_complaints": "full"}, by=cast["coordinator"]
        )


@pytest.mark.parametrize(
    "role",
    [
        "coordinator",
        "admin",
        "area_coordinator",
        "reviewer",
        "viewer",
        "national",
        "outsider",
        "no_role",
        None,
    ],
)
def test_who_may_choose(client, cast, assessment, role):
    """The unit's managers change the choice; readers see it and can't; others don't see the
    assessment at all. The effect is checked: the choice in force, and the page's content."""
    if role:
        client.force_login(cast[role])
    page = client.get(reverse("lke:detail", args=[assessment.pk]))
    response = client.post(reverse("lke:options", args=[assessment.pk]), {"opt-zero_complaints": "full"})
    chosen = in_force(Assessment.objects.get(pk=assessment.pk))["zero_complaints"]
    if role in {"coordinator", "admin"}:
        assert response.status_code == 302 and chosen == "full"
        assert b'name="opt-zero_complaints"' in page.content
    elif role in {"area_coordinator", "reviewer", "viewer", "national"}:
        assert response.status_code == 403 and chosen == "zero"
        assert page.status_code == 200 and b'id="option-zero_complaints"' in page.content
        assert b'name="opt-zero_complaints"' not in page.content
    elif role is None:
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"] and chosen == "zero"
    else:
        assert response.status_code == 404 and page.status_code == 404 and chosen == "zero"
