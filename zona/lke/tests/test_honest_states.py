"""An LKE never claims more than is true: carried-over answers wait for confirmation, answers
without the evidence their question expects keep the eligibility provisional, the TPI's column
starts empty, a final review needs every question reviewed, numbers read as words."""

import io
import re
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from zona.evidence.services import evidence_create_file
from zona.lke.instrument import resolve
from zona.lke.models import Answer, Assessment, Level, Stage
from zona.lke.reading import answer_words, decimal_text
from zona.lke.review import (
    answers_confirm,
    assessment_finalize,
    assessment_return,
    assessment_submit,
    review_agree,
)
from zona.lke.selectors import overview
from zona.lke.services import AssessmentError, answer_save, assessment_create
from zona.lke.states import review_state, self_state, shown_score

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(unit, by, title="SK Tim Kerja ZI"):
    return evidence_create_file(unit=unit, title=title, upload=SimpleUploadedFile("sk.pdf", PDF), by=by)


@pytest.fixture
def last_year(units, cast):
    """2023's LKE: two answers, one with its evidence."""
    old = assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    item = pdf(units["SUMSEL"], cast["coordinator"])
    answer_save(
        assessment=old, level=Level.SELF, ref="A.I.1.i.a", raw="Ya", evidence=[item], by=cast["coordinator"]
    )
    answer_save(assessment=old, level=Level.SELF, ref="A.I.1.i.b", raw="A", by=cast["coordinator"])
    return old


def test_carried_over_answers_wait_for_confirmation_one_by_one_or_all(last_year, units, cast):
    new = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    instrument = resolve(new.instrument_urn)
    carried = Answer.objects.filter(assessment=new, level=Level.SELF)
    assert sorted(carried.values_list("ref", "carried_over")) == [("A.I.1.i.a", True), ("A.I.1.i.b", True)]
    state = self_state(new, instrument)
    assert state.unconfirmed == ["A.I.1.i.a", "A.I.1.i.b"] and state.provisional
    assert state.unsupported == ["A.I.1.i.b"]  # the second had no evidence last year either
    new.refresh_from_db()
    assert new.scores["mandiri"]["provisional"] and new.scores["mandiri"]["to_confirm"] == 2
    assert answers_confirm(assessment=new, refs=["A.I.1.i.a"], by=cast["coordinator"]) == 1
    assert self_state(new, instrument).unconfirmed == ["A.I.1.i.b"]
    # "confirm all in this section": an answer already confirmed is not counted twice
    assert answers_confirm(assessment=new, refs=["A.I.1.i.a", "A.I.1.i.b"], by=cast["coordinator"]) == 1
    assert self_state(new, instrument).unconfirmed == []
    new.refresh_from_db()
    assert new.scores["mandiri"]["to_confirm"] == 0
    assert new.scores["mandiri"]["provisional"]  # A.I.1.i.b still lacks its evidence
    answer_save(
        assessment=new,
        level=Level.SELF,
        ref="A.I.1.i.b",
        raw="A",
        evidence=[pdf(units["SUMSEL"], cast["coordinator"], "Berita acara seleksi")],
        by=cast["coordinator"],
    )
    new.refresh_from_db()
    assert not new.scores["mandiri"]["provisional"] and not self_state(new, instrument).provisional


def test_saving_a_carried_answer_confirms_it(last_year, units, cast):
    new = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    answer = answer_save(assessment=new, level=Level.SELF, ref="A.I.1.i.b", raw="B", by=cast["coordinator"])
    assert not answer.carried_over
    assert Answer.objects.get(assessment=new, level=Level.SELF, ref="A.I.1.i.a").carried_over


def test_submission_is_refused_while_carried_answers_are_unconfirmed(last_year, units, cast):
    new = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    with pytest.raises(AssessmentError, match=r"A\.I\.1\.i\.a, A\.I\.1\.i\.b"):
        assessment_submit(assessment=new, by=cast["coordinator"])
    new.refresh_from_db()
    assert new.stage == Stage.SELF and not new.submissions.exists()
    answers_confirm(assessment=new, refs=["A.I.1.i.a", "A.I.1.i.b"], by=cast["coordinator"])
    assessment_submit(assessment=new, by=cast["coordinator"])
    new.refresh_from_db()
    assert new.stage == Stage.REVIEW


def test_the_tpi_column_stays_empty_until_a_reviewer_answers(last_year, units, cast):
    answers_confirm(assessment=last_year, refs=["A.I.1.i.a"], by=cast["coordinator"])
    assessment_submit(assessment=last_year, by=cast["coordinator"])
    last_year.refresh_from_db()
    assert not last_year.answers.filter(level=Level.TPI).exists()  # nothing pre-filled
    assert "tpi" not in last_year.scores and overview(last_year).tpi_result is None
    assert shown_score(last_year.scores)[0] == Level.SELF
    answer_save(assessment=last_year, level=Level.TPI, ref="A.I.1.i.b", raw="C", by=cast["reviewer"])
    last_year.refresh_from_db()
    tpi = last_year.scores["tpi"]
    assert tpi["provisional"] and (tpi["reviewed"], tpi["questions"]) == (1, 2)
    assert shown_score(last_year.scores)[0] == Level.SELF  # a partial review is not the result
    data = overview(last_year)
    assert data.tpi_result is not None and data.tpi_provisional


def test_finalising_needs_every_question_reviewed(last_year, cast):
    assessment_submit(assessment=last_year, by=cast["coordinator"])
    with pytest.raises(AssessmentError, match=r"2 pertanyaan belum direviu: A\.I\.1\.i\.a, A\.I\.1\.i\.b"):
        assessment_finalize(assessment=last_year, by=cast["reviewer"])
    answer_save(assessment=last_year, level=Level.TPI, ref="A.I.1.i.b", raw="B", by=cast["reviewer"])
    with pytest.raises(AssessmentError, match=r"1 pertanyaan belum direviu: A\.I\.1\.i\.a\."):
        assessment_finalize(assessment=last_year, by=cast["reviewer"])
    assert review_agree(assessment=last_year, refs=["A.I.1.i.a", "A.I.1.i.b"], by=cast["reviewer"]) == 1
    tpi = Answer.objects.get(assessment=last_year, level=Level.TPI, ref="A.I.1.i.b")
    assert tpi.value == "B"  # the reviewer's own answer is kept
    assessment_finalize(assessment=last_year, by=cast["reviewer"])
    last_year.refresh_from_db()
    assert last_year.stage == Stage.FINAL and not last_year.scores["tpi"]["provisional"]
    assert shown_score(last_year.scores)[0] == Level.TPI


def test_only_the_tpi_in_review_may_agree(last_year, cast):
    with pytest.raises(AssessmentError):
        review_agree(assessment=last_year, refs=["A.I.1.i.a"], by=cast["reviewer"])
    assert not last_year.answers.filter(level=Level.TPI).exists()


def test_questions_sent_back_are_listed(last_year, cast):
    assessment_submit(assessment=last_year, by=cast["coordinator"])
    assessment_return(
        assessment=last_year, refs=["A.I.1.i.b"], note="Lampirkan berita acara", by=cast["reviewer"]
    )
    assert self_state(last_year, resolve(last_year.instrument_urn)).returned == ["A.I.1.i.b"]
    assert overview(last_year).state.returned == ["A.I.1.i.b"]


def test_review_state_counts_what_the_unit_answered(last_year):
    review = review_state(last_year, resolve(last_year.instrument_urn))
    assert (review.reviewed, review.questions, review.missing) == (0, 2, ["A.I.1.i.a", "A.I.1.i.b"])
    assert not review.started and not review.complete


# -- numbers in words ------------------------------------------------------------------------


def question(ref):
    return resolve(None).questions[ref]


def numeric_ref(key):
    return next(
        ref for ref, q in resolve(None).questions.items() if q.type == "numeric" and q.inputs[-1][0] == key
    )


def test_a_numeric_answer_reads_as_words():
    ref = numeric_ref("tercapai")
    assert answer_words(question(ref), "9;1", {}) == "1 dari 9 sasaran tercapai 100% atau lebih (11,11 %)"
    assert answer_words(question("B.1.a"), "3.6", {}) == "3,60 dari 4"
    assert answer_words(question("A.I.1.i.a"), "Ya", {}) == "Ya"
    assert answer_words(question(ref), "nonsense", {}) == "nonsense"  # a broken stored value stays visible


def test_every_numeric_question_has_its_words():
    for q in resolve(None).questions.values():
        if q.type == "numeric":
            text = answer_words(q, ";".join("0" for _ in q.inputs), {})
            assert "{" not in text and text.endswith("%)"), q.ref
            assert q.formula.get("reads"), q.ref


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_the_percentage_is_the_ratio_with_two_decimals(part, whole):
    part = min(part, whole)
    ref = numeric_ref("tercapai")
    text = answer_words(question(ref), f"{whole};{part}", {})
    assert text.startswith(f"{part} dari {whole} ")
    assert text.endswith(f"({decimal_text(Fraction(part, whole) * 100)} %)")


@given(st.fractions(min_value=0, max_value=1000))
def test_decimal_text_has_two_decimals_and_a_comma(value):
    text = decimal_text(value)
    whole, _sep, decimals = text.partition(",")
    assert len(decimals) == 2 and whole.isdigit()
    assert abs(Fraction(text.replace(",", ".")) - value) <= Fraction(1, 200)


@given(
    st.one_of(st.none(), st.booleans()),
    st.one_of(st.none(), st.booleans()),
)
def test_a_summary_shows_the_tpi_only_once_complete(own_flag, tpi_flag):
    scores = {}
    if own_flag is not None:
        scores["mandiri"] = {"total": 1.0, "provisional": own_flag}
    if tpi_flag is not None:
        scores["tpi"] = {"total": 2.0, "provisional": tpi_flag}
    shown = shown_score(scores)
    if tpi_flag is False:
        assert shown[0] == "tpi"
    elif own_flag is not None:
        assert shown == ("mandiri", scores["mandiri"])
    else:
        assert shown is None


# -- pages -------------------------------------------------------------------------------------


@pytest.fixture
def carried(last_year, units, cast):
    return assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])


def test_the_pages_say_provisional_and_show_no_tpi_score(client, carried, cast):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("lke:detail", args=[carried.pk])).content.decode()
    assert "Kelayakan yang ditampilkan masih sementara" in page
    assert "2 jawaban dari tahun lalu perlu dikonfirmasi" in page
    assert "memenuhi syarat (sementara)" in page and ">belum memenuhi syarat<" not in page
    assert 'id="total-tpi">–<' in page and "Belum direviu." in page
    assert carried.instrument_urn not in page  # the instrument's internal id stays internal
    section = client.get(reverse("lke:section", args=[carried.pk, "A.I.1"])).content.decode()
    assert section.count("perlu dikonfirmasi</span>") == 2 and "Konfirmasi semua di bagian ini" in section
    assert "belum direviu" in section
    home = client.get(reverse("start:home")).content.decode()
    assert "sementara" in home and "Reviu TPI" not in home
    # the eligibility reads as one phrase: "belum memenuhi syarat (sementara)", never "… syarat sementara"
    assert re.search(r"memenuhi syarat \(sementara\)</span>", home) and "syarat</span>" not in home


def test_the_export_says_provisional(client, carried, cast):
    client.force_login(cast["coordinator"])
    book = load_workbook(io.BytesIO(client.get(reverse("lke:export_xlsx", args=[carried.pk])).content))
    assert book["Predikat mandiri"]["A1"].value == "WBK: BELUM MEMENUHI (SEMENTARA)"
    assert "Predikat tpi" not in book.sheetnames
    assert carried.instrument_urn not in str(book["LKE"]["A2"].value)


def test_the_api_says_provisional(client, carried, cast):
    from zona.api.tokens import token_create

    _token, plain = token_create(user=cast["coordinator"], name="test", days=30)
    found = client.get(f"/api/lke/assessments/{carried.pk}", HTTP_AUTHORIZATION=f"Bearer {plain}")
    data = found.json()
    assert data["provisional"] is True and data["shown_level"] == "mandiri" and "tpi" not in data["scores"]


def test_submit_asks_for_confirmation_and_lists_what_is_missing(client, carried, cast):
    client.force_login(cast["coordinator"])
    url = reverse("lke:submit", args=[carried.pk])
    page = client.get(url).content.decode()
    assert "A.I.1.i.a" in page and "Konfirmasi dulu" in page  # carried over: confirm first
    assert client.post(url).status_code == 302
    carried.refresh_from_db()
    assert carried.stage == Stage.SELF  # refused: unconfirmed answers
    answers_confirm(assessment=carried, refs=["A.I.1.i.a", "A.I.1.i.b"], by=cast["coordinator"])
    page = client.get(url).content.decode()
    assert "111 pertanyaan belum dijawab" in page and "1 jawaban tanpa bukti" in page
    assert 'id="unsupported"' in page and "A.I.1.i.b" in page
    client.post(url)
    carried.refresh_from_db()
    assert carried.stage == Stage.REVIEW
    assert not Assessment.objects.get(pk=carried.pk).answers.filter(level=Level.TPI).exists()


def test_confirm_and_agree_need_their_roles(client, carried, cast):
    url = reverse("lke:confirm", args=[carried.pk])
    for role, status in (("viewer", 403), ("reviewer", 403), ("outsider", 404), ("coordinator", 302)):
        client.force_login(cast[role])
        assert client.post(url, {"ref": "A.I.1.i.a", "section": "A.I.1"}).status_code == status, role
        still = Answer.objects.get(assessment=carried, level=Level.SELF, ref="A.I.1.i.a").carried_over
        assert still is (role != "coordinator"), role
    answers_confirm(assessment=carried, refs=["A.I.1.i.b"], by=cast["coordinator"])
    assessment_submit(assessment=carried, by=cast["coordinator"])
    url = reverse("lke:agree", args=[carried.pk])
    for role, status in (("coordinator", 403), ("outsider", 404), ("reviewer", 302)):
        client.force_login(cast[role])
        assert client.post(url, {"refs": ["A.I.1.i.a"], "section": "A.I.1"}).status_code == status, role
        reviewed = carried.answers.filter(level=Level.TPI).exists()
        assert reviewed is (role == "reviewer"), role


def page_queries(client, assessment, refs, cast) -> int:
    """The assessment page's queries with `refs` sent back (the list on the overview)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Answer.objects.filter(assessment=assessment, level=Level.SELF).update(returned=False)
    Answer.objects.filter(assessment=assessment, level=Level.SELF, ref__in=refs).update(returned=True)
    client.force_login(cast["coordinator"])
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("lke:detail", args=[assessment.pk])).content.decode()
    assert f"{len(refs)} pertanyaan dikembalikan oleh TPI" in page
    return len(captured)


def test_the_list_of_questions_sent_back_costs_the_same_for_one_or_ten(client, units, cast):
    assessment = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    refs = [ref for ref, q in resolve(None).questions.items() if q.type == "yn"][:10]
    for ref in refs:
        answer_save(assessment=assessment, level=Level.SELF, ref=ref, raw="Ya", by=cast["coordinator"])
    assert page_queries(client, assessment, refs[:1], cast) == page_queries(client, assessment, refs, cast)


def test_last_years_derived_figures_are_not_carried_into_a_new_year(last_year, units, cast):
    """A new year starts from last year's choices (to be confirmed), but not from last year's
    derived figures: an IPAK of 4 or last year's complaint counts say nothing of this year, so
    they start empty and this year's records suggest them."""
    by = cast["coordinator"]
    answer_save(assessment=last_year, level=Level.SELF, ref="B.1.a", raw="4", by=by)
    answer_save(assessment=last_year, level=Level.SELF, ref="A.II.5.ii.a", raw="170;13;157", by=by)
    answer_save(assessment=last_year, level=Level.SELF, ref="B.1.b", raw="A", by=by)  # a gate
    new = assessment_create(unit=units["SUMSEL"], year=2024, by=by)
    refs = set(Answer.objects.filter(assessment=new, level=Level.SELF).values_list("ref", flat=True))
    assert refs == {"A.I.1.i.a", "A.I.1.i.b"}
    new.refresh_from_db()
    assert Fraction(str(new.scores["mandiri"]["total"])) < 10  # no Hasil from 2023's figures
