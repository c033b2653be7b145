"""Golden answers for every question of the LKE instrument (PermenPAN-RB 90/2021), not a sample:
each of the 113 questions is parsed and scored for every answer its type allows, with the values
of the LKE's answer scale (Ya/Tidak 1/0; A–C 1/0.5/0; A–D 1/0.67/0.33/0; A–E 1/0.75/0.5/0.25/0),
the Reform input formulas with the LKE's worked examples, and the Hasil survey indices (0–4,
index ÷ 4 × the weight). A question added to the instrument without a golden case fails here."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.utils.translation import override

from zona.lke.instrument import resolve
from zona.lke.scoring import Answer, AnswerError, answer_value, parse_answer, score

LKE = resolve(None)
DEFAULTS = LKE.option_defaults()
F = Fraction

# The LKE's answer values (PermenPAN-RB 90/2021, Lampiran: the LKE's scale, as scored by the
# KemenPAN-RB evaluation sheet): one table, every choice type.
SCALE = {
    "yn": {"Ya": F(1), "Tidak": F(0)},
    "abc": {"A": F(1), "B": F(1, 2), "C": F(0)},
    "abcd": {"A": F(1), "B": F(67, 100), "C": F(33, 100), "D": F(0)},
    "abcde": {"A": F(1), "B": F(3, 4), "C": F(1, 2), "D": F(1, 4), "E": F(0)},
}
# How many questions of each type the instrument holds (113 in all).
COUNTS = {"yn": 17, "abc": 36, "abcd": 33, "abcde": 17, "numeric": 8, "index": 2}
# What people type for Ya and Tidak (the LKE sheet's own words and their short forms).
YES, NO = ("Ya", "ya", "YA", "y", "1", "Ya."), ("Tidak", "tidak", "TIDAK", "t", "0", "Tidak.")

# Reform input questions: (typed answer, value) per question, from the LKE's "Kriteria Nilai":
# every ratio clamped to [0, 1]; a zero denominator gives 0.
NUMERIC = {
    # perubahan ÷ agen ("1 agen 1 perubahan")
    "A.II.1.i.a": [("10;5", F(1, 2)), ("4;4", F(1)), ("2;5", F(1)), ("0;0", F(0))],
    # terintegrasi ÷ dibuat
    "A.II.1.i.b": [("4;3", F(3, 4)), ("5;0", F(0)), ("0;0", F(0))],
    # (tahun lalu − tahun ini) ÷ tahun lalu: 1 → 0 is 100 %; more violations than last year is 0
    "A.II.3.iii.a": [("1;0;0", F(1)), ("4;1;1", F(3, 4)), ("2;3;1", F(0)), ("0;0;0", F(0))],
    # sasaran tercapai ≥ 100 % ÷ jumlah sasaran (the LKE's example: 1 of 9 = 11.11 %)
    "A.II.4.i.a": [("9;1", F(1, 9)), ("4;4", F(1)), ("0;0", F(0))],
    # selesai ÷ harus ditindaklanjuti (the LKE's example: 157 of 170, 13 in process = 92.35 %)
    "A.II.5.ii.a": [("170;13;157", F(157, 170)), ("3;3;0", F(0)), ("0;0;0", F(0))],
    # sudah ÷ wajib melapor
    "A.II.5.iii.a": [("10;7", F(7, 10)), ("10;10", F(1)), ("0;0", F(0))],
    "A.II.5.iii.b": [("8;2", F(1, 4)), ("0;0", F(0))],
    # dipermudah ÷ terdata
    "A.II.6.i.b": [("4;2", F(1, 2)), ("3,0;3", F(1)), ("0;0", F(0))],
}
# Counts the LKE refuses: more done than due, negative counts, the wrong number of inputs.
NUMERIC_REFUSED = {
    "A.II.5.ii.a": ["170;13;171", "170;171;0", "170;13"],
    "A.II.5.iii.a": ["10;11", "10"],
    "A.II.5.iii.b": ["8;9", "-1;0"],
}
# Hasil indices (0–4): index ÷ 4 × 17.5; 3.60 is the WBK/WBBM IPAK minimum 15.75, 3.20 the WBK
# IPKP minimum 14.00 (PermenPAN-RB 90/2021, the predicate thresholds).
INDEX = [("3,60", F(9, 10), F("15.75")), ("3.20", F(4, 5), F(14)), ("4", F(1), F("17.5")), ("0", F(0), F(0))]


def _group(ref: str):
    return next(node for node in LKE.groups() if any(q.ref == ref for q in node.questions))


def _scored_alone(ref: str, answer: Answer) -> Fraction:
    """The score of the question's group when only this question is answered: the group's
    weight × the mean of its questions' values (unanswered count 0)."""
    return score(LKE, {ref: answer}).nodes[_group(ref).ref]


def test_the_instrument_holds_113_questions_of_the_known_types():
    found: dict[str, int] = {}
    for question in LKE.questions.values():
        found[question.type] = found.get(question.type, 0) + 1
    assert found == COUNTS and sum(COUNTS.values()) == 113
    assert {ref for ref, q in LKE.questions.items() if q.type == "numeric"} == set(NUMERIC)


@pytest.mark.parametrize("ref", sorted(LKE.questions))
def test_every_answer_of_every_question_parses_and_scores_as_the_lke_says(ref):
    question = LKE.questions[ref]
    group = _group(ref)
    share = group.weight / len(group.questions)
    if question.type in SCALE:
        assert question.options == SCALE[question.type]
        assert set(question.option_texts) == set(SCALE[question.type])  # each option has its text
        for key, value in SCALE[question.type].items():
            typed = (YES if key == "Ya" else NO) if question.type == "yn" else (key, key.lower(), f" {key}. ")
            for raw in typed:
                answer = parse_answer(question, raw)
                assert answer == Answer(choice=key) and answer.as_text() == key
                assert answer_value(question, answer, DEFAULTS) == value
            assert _scored_alone(ref, Answer(choice=key)) == share * value
        wrong = "F" if question.type != "yn" else "B"
        with pytest.raises(AnswerError), override("en"):
            parse_answer(question, wrong)
    elif question.type == "numeric":
        for raw, value in NUMERIC[ref]:
            answer = parse_answer(question, raw)
            assert answer_value(question, answer, DEFAULTS) == value, raw
            assert _scored_alone(ref, answer) == share * value
        for raw in NUMERIC_REFUSED.get(ref, []) + ["a;b", "1;2;3;4"]:
            with pytest.raises(AnswerError):
                parse_answer(question, raw)
    else:
        assert question.type == "index" and question.scale == 4 and group.weight == F("17.5")
        for raw, value, points in INDEX:
            answer = parse_answer(question, raw)
            assert answer_value(question, answer, DEFAULTS) == value
            assert _scored_alone(ref, answer) == points
        for raw in ("4.01", "-1", "3;3", "tinggi"):
            with pytest.raises(AnswerError):
                parse_answer(question, raw)


def test_refused_answers_name_what_is_allowed_in_indonesian():
    question = LKE.questions["A.I.1.ii.b"]
    with override("id"), pytest.raises(AnswerError) as refused:
        parse_answer(question, "D")
    assert "A, B, C" in str(refused.value)
    with override("id"), pytest.raises(AnswerError) as refused:
        parse_answer(LKE.questions["A.II.5.iii.a"], "10;11")
    assert "LHKPN" in str(refused.value)


def test_the_bps_ratio_for_discipline_is_only_an_option():
    """The disciplinary formula's default is the decrease; the BPS app's min(this ÷ last, 1) is a
    named option (it rewards more violations, so it is never the default)."""
    question = LKE.questions["A.II.3.iii.a"]
    answer = parse_answer(question, "4;1;1")
    assert DEFAULTS["disciplinary_formula"] == "decrease"
    assert answer_value(question, answer, {"disciplinary_formula": "bps_ratio"}) == F(1, 4)
