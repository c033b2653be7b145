"""The score the LHE shows per question: the question's share of its sub-component's weight
(PermenPAN-RB 90/2021: a sub-component's weight split equally among its questions) times the
answer's value. Summed over any set of answers, it is the Pemenuhan score the LKE computes."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from zona.lke.instrument import CHOICE_TYPES, LIBRARIES, load
from zona.lke.scoring import parse_answer, score
from zona.proposal.sources import question_points

INSTRUMENT = load(next(LIBRARIES.glob("*.yaml")))
OPTIONS = INSTRUMENT.option_defaults()
CHOICES = {
    ref: sorted(q.options) if q.type != "yn" else ["Ya", "Tidak"]
    for ref, q in INSTRUMENT.questions.items()
    if q.type in CHOICE_TYPES and ref.startswith("A.I.")
}
answers = st.fixed_dictionaries({}, optional={ref: st.sampled_from(keys) for ref, keys in CHOICES.items()})


def test_a_full_yes_to_the_team_decree_is_its_share_of_the_sub_component():
    # A.I.1.i Penyusunan Tim Kerja weighs 0.50 and holds two questions (PermenPAN-RB 90/2021
    # LKE, 1. Manajemen Perubahan): 0.25 each
    assert question_points(INSTRUMENT, "A.I.1.i.a", "Ya", OPTIONS) == 0.25
    assert question_points(INSTRUMENT, "A.I.1.i.a", "Tidak", OPTIONS) == 0.0
    assert question_points(INSTRUMENT, "A.I.1.i.a", "mungkin", OPTIONS) is None


@given(answers)
def test_the_questions_points_add_up_to_the_pemenuhan_score(chosen):
    points = sum(question_points(INSTRUMENT, ref, raw, OPTIONS) for ref, raw in chosen.items())
    parsed = {ref: parse_answer(INSTRUMENT.questions[ref], raw) for ref, raw in chosen.items()}
    expected = score(INSTRUMENT, parsed, options=OPTIONS).nodes["A.I"]
    assert abs(Fraction(points).limit_denominator(10**6) - expected) <= Fraction(1, 200) * max(1, len(chosen))


def test_the_tiers_notes_become_rows_per_question_then_tier():
    """The shape the TPI's tiers give (per ref, (tier, answer, value 0–1, note) in tier order)."""
    from decimal import Decimal

    from zona.proposal.sources import rows_of

    notes = {
        "A.I.1.i.b": [
            ("Anggota tim", "A", Decimal("1.0000"), "lengkap"),
            ("Ketua tim", "B", Decimal("0.5000"), ""),
        ],
        "A.I.1.i.a": [("Anggota tim", "Ya", Decimal("1.0000"), "ada SK")],
        "X.9": [("Anggota tim", "Ya", Decimal("1"), "")],  # not a question of the LKE: left out
    }
    rows = rows_of(INSTRUMENT, notes)
    assert [(r.ref, r.tier, r.score) for r in rows] == [
        ("A.I.1.i.a", "Anggota tim", 0.25),
        ("A.I.1.i.b", "Anggota tim", 0.25),
        ("A.I.1.i.b", "Ketua tim", 0.13),
    ]
