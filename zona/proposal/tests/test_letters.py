"""The letters' texts are data, checked when they load; the predicate proposed follows the WBK
the unit holds (PermenPAN-RB 90/2021: WBBM is proposed only by a unit holding WBK)."""

from datetime import date

import pytest

from zona.lib.yamlfile import load_yaml
from zona.proposal.exporters import letter_values, predicate_of
from zona.proposal.letters import LETTERS, letters, parse


def test_the_letters_file_loads_and_names_only_known_placeholders():
    texts = letters()
    assert set(texts.letters) == {"cover_letter", "statement"} and set(texts.predicates) == {"WBK", "WBBM"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw["cover_letter"]["body"].append("Nilai $nilai"), "unknown placeholders ['nilai']"),
        (lambda raw: raw["statement"]["body"].append("Rp 5 $"), "a lone $"),
        (lambda raw: raw["predicates"].pop("WBBM"), "WBK and WBBM"),
        (lambda raw: raw["score_levels"].pop("tpi"), "tpi and mandiri"),
    ],
)
def test_a_broken_letters_file_is_refused_with_its_reason(change, message):
    raw = load_yaml(LETTERS)
    change(raw)
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("$", r"\$")):
        parse(raw)


def test_a_unit_holding_a_wbk_is_proposed_for_wbbm(units, cast):
    from zona.lke.services import assessment_create

    assessment = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    assert predicate_of(assessment) == "WBK"
    assessment.wbk_decree_number, assessment.wbk_decree_date = "SK/1/2023", date(2023, 12, 9)
    assessment.wbk_decree_id = 1  # the decree's file (not read here)
    assert predicate_of(assessment) == "WBBM"
    values = letter_values(assessment, None, date(2024, 5, 2))
    assert values["predicate_long"] == "Wilayah Birokrasi Bersih dan Melayani (WBBM)"
    assert values["date"] == "2 Mei 2024" and values["head_name"].startswith("…")


def test_the_letters_give_the_tpis_score_once_its_review_is_complete(units, cast):
    from zona.lke.models import Level
    from zona.lke.services import answer_save

    from .factories import filed_assessment

    assessment = filed_assessment(units, cast)
    assert "belum selesai" in letter_values(assessment, None, date(2024, 5, 2))["score_level"]
    for ref, raw in (("A.II.1.i.a", "5;5"), ("B.1.a", "3.5")):
        answer_save(assessment=assessment, level=Level.TPI, ref=ref, raw=raw, by=cast["reviewer"])
    assessment.refresh_from_db()
    values = letter_values(assessment, None, date(2024, 5, 2))
    tpi = f"{assessment.scores['tpi']['total']:.2f}".replace(".", ",")
    assert (values["score"], values["score_level"]) == (tpi, "hasil evaluasi Tim Penilai Internal")
