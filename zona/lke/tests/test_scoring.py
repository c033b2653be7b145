"""LKE scoring and eligibility against shared/domain.md section 1 (PermenPAN-RB 90/2021)."""

from fractions import Fraction
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from zona.lke.answers_csv import read_answers
from zona.lke.instrument import resolve
from zona.lke.scoring import Answer, AnswerError, parse_answer, result_from_nodes, rounded, score

LKE = resolve(None)
FIXTURES = Path(__file__).parent / "fixtures"


def answers(**given: str) -> dict[str, Answer]:
    return {
        ref.replace("_", "."): parse_answer(LKE.questions[ref.replace("_", ".")], raw)
        for ref, raw in given.items()
    }


def near(value: Fraction, expected: str) -> bool:
    return rounded(value) == rounded(Fraction(expected))


def test_weights_are_those_of_domain_md_1_2_and_1_3():
    weights = {ref: LKE.nodes[ref].weight for ref in ("A", "A.I", "A.II", "B", "B.1", "B.2")}
    assert weights == {
        "A": 60,
        "A.I": 30,
        "A.II": 30,
        "B": 40,
        "B.1": Fraction("22.5"),
        "B.2": Fraction("17.5"),
    }
    assert [LKE.nodes[f"A.I.{n}"].weight for n in range(1, 7)] == [
        4,
        Fraction("3.5"),
        5,
        5,
        Fraction("7.5"),
        5,
    ]
    assert [LKE.nodes[f"A.II.{n}"].weight for n in range(1, 7)] == [
        4,
        Fraction("3.5"),
        5,
        5,
        Fraction("7.5"),
        5,
    ]
    assert len(LKE.questions) == 113 and len(LKE.groups()) == 45


def test_answer_values_are_those_of_domain_md_1_6():
    assert LKE.questions["A.I.1.i.a"].options == {"Ya": 1, "Tidak": 0}
    assert LKE.questions["A.I.1.i.b"].options == {"A": 1, "B": Fraction("0.5"), "C": 0}
    assert LKE.questions["A.I.1.iii.a"].options == {
        "A": 1,
        "B": Fraction("0.67"),
        "C": Fraction("0.33"),
        "D": 0,
    }
    assert LKE.questions["A.I.2.i.b"].options == {
        "A": 1,
        "B": Fraction("0.75"),
        "C": Fraction("0.5"),
        "D": Fraction("0.25"),
        "E": 0,
    }
    assert LKE.questions["A.I.6.iv.a"].type == "abcde"  # SKM frequency, A = at least 4× a year
    assert LKE.questions["A.I.4.ii.g"].type == "yn" and LKE.questions["A.I.4.ii.h"].type == "abc"


def test_worked_checks_of_domain_md_1_6():
    # Penyusunan Tim Kerja (0.50): a = Ya, b = A → 0.50 (100 %)
    result = score(LKE, answers(A_I_1_i_a="Ya", A_I_1_i_b="A"))
    assert result.nodes["A.I.1.i"] == Fraction("0.5")
    # Rencana Pembangunan ZI (1.00): answers 1, 0, 1 → 0.67 (66.67 %)
    result = score(LKE, answers(A_I_1_ii_a="Ya", A_I_1_ii_b="C", A_I_1_ii_c="A"))
    assert result.nodes["A.I.1.ii"] == Fraction(2, 3) and near(result.nodes["A.I.1.ii"], "0.67")


@pytest.mark.parametrize(
    ("ref", "raw", "value"),
    [
        ("A.II.3.iii.a", "1;0;1", Fraction(1)),  # violations 1 → 0 gives 100 %
        ("A.II.3.iii.a", "4;1;1", Fraction(3, 4)),
        ("A.II.3.iii.a", "2;5;0", Fraction(0)),  # more violations: clamped to 0
        ("A.II.3.iii.a", "0;0;0", Fraction(0)),  # zero denominator gives 0
        ("A.II.4.i.a", "9;1", Fraction(1, 9)),  # 1 of 9 targets = 11.11 %
        ("A.II.5.ii.a", "170;13;157", Fraction(157, 170)),  # 92.35 %
        ("A.II.1.i.a", "4;15", Fraction(1)),  # more changes than agents: clamped to 1
        ("A.II.1.i.b", "15;15", Fraction(1)),
        ("A.II.5.iii.a", "10;10", Fraction(1)),
        ("A.II.6.i.b", "0;0", Fraction(0)),
    ],
)
def test_numeric_reform_formulas(ref, raw, value):
    from zona.lke.scoring import answer_value

    question = LKE.questions[ref]
    assert answer_value(question, parse_answer(question, raw), LKE.option_defaults()) == value


def test_disciplinary_formula_is_a_named_option():
    from zona.lke.scoring import answer_value

    question = LKE.questions["A.II.3.iii.a"]
    answer = parse_answer(question, "4;1;1")
    assert answer_value(question, answer, {"disciplinary_formula": "decrease"}) == Fraction(3, 4)
    assert answer_value(question, answer, {"disciplinary_formula": "bps_ratio"}) == Fraction(1, 4)
    assert LKE.option_defaults() == {
        "per_area_minimum": "combined",
        "disciplinary_formula": "decrease",
        "zero_complaints": "zero",
        "zero_violations": "zero",
    }


@pytest.mark.parametrize(
    ("ref", "raw", "message"),
    [
        ("A.II.5.iii.a", "10;11", "tidak boleh melebihi"),  # sudah > wajib is refused
        ("A.II.5.ii.a", "10;2;12", "tidak boleh melebihi"),
        ("A.II.1.i.a", "4", "2 angka"),
        ("A.II.1.i.a", "4;x", "bukan angka"),
        ("A.II.1.i.a", "-1;2", "negatif"),
        ("A.I.1.i.b", "D", "bukan jawaban"),
        ("A.I.1.i.a", "mungkin", "bukan jawaban"),
        ("B.1.a", "4.5", "antara 0 dan 4"),
        # decimals that are no number a person counts (found by a property test of sheet rows)
        ("B.1.a", "Infinity", "bukan angka"),
        ("B.1.a", "-inf", "bukan angka"),
        ("B.1.a", "NaN", "bukan angka"),
        ("A.II.1.i.a", "1e999999999;2", "bukan angka"),
        ("B.1.a", "1e-999999999", "bukan angka"),
    ],
)
def test_invalid_answers_are_refused(ref, raw, message):
    with pytest.raises(AnswerError, match=message):
        parse_answer(LKE.questions[ref], raw)


@pytest.mark.parametrize(
    ("ref", "raw", "refused", "bound", "accepted"),
    [
        # a sanction is given for a violation: "2;0;3" sanctions more violations than the two years
        # hold; "1;0;1" (last year's violation sanctioned this year, as a real unit's 2024 LKE
        # answers) is accepted
        ("A.II.3.iii.a", "2;0;3", "Jumlah pelanggaran yang telah diberikan sanksi/hukuman",
         "Jumlah pelanggaran tahun sebelumnya + Jumlah pelanggaran tahun ini", "1;0;1"),
        ("A.II.1.i.b", "5;6", "Jumlah perubahan yang telah diintegrasikan dalam sistem manajemen",
         "Jumlah perubahan yang dibuat", "6;6"),
        ("A.II.4.i.a", "9;10", "Jumlah sasaran kinerja yang tercapai 100% atau lebih",
         "Jumlah sasaran kinerja", "9;9"),
        ("A.II.6.i.b", "3;4", "Jumlah perizinan/pelayanan yang telah dipermudah",
         "Jumlah perizinan/pelayanan yang terdata/terdaftar", "4;4"),
    ],
)  # fmt: skip
def test_a_part_bounded_by_others_is_refused_naming_both(ref, raw, refused, bound, accepted):
    """Numeric answers of PermenPAN-RB 90/2021 whose part counts some of another part's items can't
    exceed it; the Indonesian refusal names the parts."""
    with translation.override("id"), pytest.raises(AnswerError) as refusal:
        parse_answer(LKE.questions[ref], raw)
    assert f"“{refused}” tidak boleh melebihi “{bound}" in str(refusal.value)
    assert parse_answer(LKE.questions[ref], accepted).as_text() == accepted


@pytest.mark.parametrize(
    ("ref", "raw", "normal"),
    [
        ("A.I.1.i.a", "YA", "Ya"),
        ("A.I.1.i.a", "ya", "Ya"),
        ("A.I.1.i.a", "tidak", "Tidak"),
        ("A.I.1.i.b", "c", "C"),
        ("A.I.1.i.b", " b. ", "B"),
        ("B.1.a", "3,6", "3.6"),
        ("B.1.a", "3.60", "3.6"),
    ],
)
def test_messy_answers_are_normalised(ref, raw, normal):
    assert parse_answer(LKE.questions[ref], raw).as_text() == normal


def test_hasil_converts_survey_indices_as_domain_md_1_4():
    result = score(LKE, answers(B_1_a="3.6", B_1_b="B", B_2_a="3.2"))
    assert result.nodes["B.1.a"] == Fraction("15.75")  # 3.60 / 4 × 17.5
    assert result.nodes["B.1.b"] == Fraction("3.75")  # B of A–E = 0.75 × 5
    assert result.nodes["B.1"] == Fraction("19.5")
    assert result.nodes["B.2.a"] == Fraction("14")  # 3.20 / 4 × 17.5
    assert result.nodes["B"] == Fraction("33.5")


def test_golden_area_one_computed_by_hand():
    """Every second-best answer in area 1 (Pemenuhan and Reform), each node worked out by hand."""
    given = answers(
        A_I_1_i_a="Tidak",
        A_I_1_i_b="B",  # (0 + 0.5) / 2 × 0.5 = 0.125
        A_I_1_ii_a="Tidak",
        A_I_1_ii_b="B",
        A_I_1_ii_c="B",  # (0 + 0.5 + 0.5) / 3 × 1 = 0.3333…
        A_I_1_iii_a="B",
        A_I_1_iii_b="B",
        A_I_1_iii_c="B",  # 0.67 × 1 = 0.67
        A_I_1_iv_a="Tidak",
        A_I_1_iv_b="B",
        A_I_1_iv_c="B",
        A_I_1_iv_d="B",  # 1.67 / 4 × 1.5 = 0.62625
        A_II_1_i_a="4;3",
        A_II_1_i_b="3;1",  # (3/4 + 1/3) / 2 × 2 = 1.08333…
        A_II_1_ii_a="B",  # 0.75 × 1 = 0.75
        A_II_1_iii_a="B",  # 0.67 × 1 = 0.67
    )
    nodes = score(LKE, given).nodes
    assert nodes["A.I.1.i"] == Fraction("0.125")
    assert nodes["A.I.1.ii"] == Fraction(1, 3)
    assert nodes["A.I.1.iii"] == Fraction("0.67")
    assert nodes["A.I.1.iv"] == Fraction("0.62625")
    assert nodes["A.I.1"] == Fraction("0.125") + Fraction(1, 3) + Fraction("0.67") + Fraction("0.62625")
    assert near(nodes["A.I.1"], "1.75")
    assert nodes["A.II.1.i"] == Fraction(13, 12)
    assert nodes["A.II.1.ii"] == Fraction("0.75") and nodes["A.II.1.iii"] == Fraction("0.67")
    assert near(nodes["A.II.1"], "2.50")
    assert nodes["A.I"] == nodes["A.I.1"] and nodes["A"] == nodes["A.I.1"] + nodes["A.II.1"]
    assert all(nodes[f"A.I.{n}"] == 0 for n in range(2, 7))


def test_the_filled_kspstk_lke_scores_end_to_end():
    given = read_answers((FIXTURES / "kspstk-2024-answers.csv").read_text("utf-8"), LKE)
    assert len(given) == 110
    result = score(LKE, given)
    assert result.unanswered == ["A.I.2.i.a", "A.I.4.i.c", "A.I.6.ii.b"]  # left empty in the source
    assert result.nodes["A.II.5.ii"] == 3 * Fraction(157, 170)  # 92.35 % of 3.00
    assert result.nodes["A.II.3.iii"] == 2  # violations 1 → 0
    assert result.nodes["A.II.1.i"] == 2  # 15 changes by 4 agents (clamped), all 15 integrated
    assert result.nodes["A.II.4.i"] == Fraction(2, 9)  # 1 of 9 targets met
    assert near(result.total, "91.37")
    assert result.predicates["WBK"].eligible
    blocked = [c.name for c in result.predicates["WBBM"].criteria if not c.passed]
    assert blocked == ["Setiap area pengungkit: 4. Penguatan Akuntabilitas", "Sudah berpredikat WBK"]


# -- thresholds (domain.md 1.5), each exactly at, just below and just above ------------------
def full_marks() -> dict[str, Fraction]:
    return {ref: node.weight for ref, node in LKE.nodes.items()}


CRITERIA = [
    # predicate, node(s) to set, threshold
    ("WBK", "total", "75"),
    ("WBBM", "total", "85"),
    ("WBK", "A", "40"),
    ("WBBM", "A", "48"),
    ("WBK", "B.1", "18.25"),
    ("WBBM", "B.1", "19.50"),
    ("WBK", "B.1.a", "15.75"),
    ("WBBM", "B.1.a", "15.75"),
    ("WBK", "B.1.b", "2.50"),
    ("WBBM", "B.1.b", "3.75"),
    ("WBK", "B.2.a", "14.00"),
    ("WBBM", "B.2.a", "15.75"),
]


def judged(predicate: str, nodes: dict[str, Fraction], options=None, prior=frozenset({"WBK"})):
    return result_from_nodes(LKE, nodes, options=options or {}, prior=prior).predicates[predicate]


@pytest.mark.parametrize(("predicate", "node", "threshold"), CRITERIA)
@pytest.mark.parametrize(("delta", "passes"), [("0", True), ("-0.01", False), ("0.01", True)])
def test_each_threshold_at_below_and_above(predicate, node, threshold, delta, passes):
    nodes = full_marks()
    value = Fraction(threshold) + Fraction(delta)
    if node == "total":  # total = A + B: keep A at 60 and move B
        nodes["B"] = value - nodes["A"]
    else:
        nodes[node] = value
    result = judged(predicate, nodes)
    assert result.eligible is passes


@pytest.mark.parametrize(("predicate", "fraction"), [("WBK", "0.60"), ("WBBM", "0.75")])
@pytest.mark.parametrize(("delta", "passes"), [("0", True), ("-0.01", False), ("0.01", True)])
@pytest.mark.parametrize("area", range(1, 7))
def test_each_area_minimum_on_the_combined_area(predicate, fraction, delta, passes, area):
    nodes = full_marks()
    weight = nodes[f"A.I.{area}"] + nodes[f"A.II.{area}"]  # 8 / 7 / 10 / 10 / 15 / 10
    limit = Fraction(fraction) * weight
    nodes[f"A.I.{area}"] = nodes[f"A.I.{area}"]  # Pemenuhan full
    nodes[f"A.II.{area}"] = limit - nodes[f"A.I.{area}"] + Fraction(delta)
    assert judged(predicate, nodes).eligible is passes


def test_area_minimum_separately_is_an_option():
    nodes = full_marks()
    nodes["A.II.2"] = Fraction("2.00")  # Reform part of area 2 below 60 % of 3.5 (2.10); combined 5.5 ≥ 4.2
    assert judged("WBK", nodes).eligible
    separate = judged("WBK", nodes, options={"per_area_minimum": "separate"})
    assert not separate.eligible
    assert [c.name for c in separate.criteria if not c.passed] == [
        "Setiap area pengungkit: 2. Penataan Tatalaksana (Reform)"
    ]
    # domain.md 1.3: the WBBM minimum of area 2 per part is exactly 2.625
    wbbm = judged("WBBM", nodes, options={"per_area_minimum": "separate"})
    area2 = next(c for c in wbbm.criteria if c.name.endswith("2. Penataan Tatalaksana (Reform)"))
    assert area2.threshold == Fraction("2.625")


def test_wbbm_needs_a_prior_wbk():
    nodes = full_marks()
    assert judged("WBBM", nodes, prior=frozenset({"WBK"})).eligible
    result = judged("WBBM", nodes, prior=frozenset())
    assert not result.eligible and [c.name for c in result.criteria if not c.passed] == [
        "Sudah berpredikat WBK"
    ]


# -- properties -------------------------------------------------------------------------------
def best(question) -> str:
    if question.type == "numeric":
        if question.formula["kind"] != "ratio":
            return "1;0;0"
        used = {question.formula["numerator"], question.formula["denominator"]}
        return ";".join("1" if key in used else "0" for key, _label in question.inputs)  # 0 in process
    if question.type == "index":
        return str(question.scale)
    return max(question.options, key=question.options.get)


def worst(question) -> str:
    if question.type == "numeric":
        return ";".join("0" for _ in question.inputs)
    if question.type == "index":
        return "0"
    return min(question.options, key=question.options.get)


def test_all_best_gives_every_weight_and_all_worst_gives_zero():
    top = score(LKE, {ref: parse_answer(q, best(q)) for ref, q in LKE.questions.items()}, prior={"WBK"})
    assert all(top.nodes[ref] == node.weight for ref, node in LKE.nodes.items())
    assert top.total == 100 and top.predicates["WBK"].eligible and top.predicates["WBBM"].eligible
    bottom = score(LKE, {ref: parse_answer(q, worst(q)) for ref, q in LKE.questions.items()})
    assert all(value == 0 for value in bottom.nodes.values()) and bottom.total == 0


CHOICE_REFS = [ref for ref, q in LKE.questions.items() if q.options]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_score_is_monotone_in_every_answer(data):
    chosen = {
        ref: data.draw(st.sampled_from(sorted(LKE.questions[ref].options)), label=ref)
        for ref in data.draw(st.lists(st.sampled_from(CHOICE_REFS), unique=True, max_size=40))
    }
    given_answers = {ref: Answer(choice=key) for ref, key in chosen.items()}
    before = score(LKE, given_answers)
    ref = data.draw(st.sampled_from(CHOICE_REFS), label="improved")
    question = LKE.questions[ref]
    current = question.options[chosen[ref]] if ref in chosen else Fraction(-1)
    better = [k for k, v in question.options.items() if v >= current]
    improved = dict(given_answers, **{ref: Answer(choice=data.draw(st.sampled_from(sorted(better))))})
    after = score(LKE, improved)
    assert all(after.nodes[n] >= before.nodes[n] for n in before.nodes)
    assert 0 <= after.total <= 100
