"""A real browser through the choices no regulation settles and a stand-in answer: the unit
chooses that 0 of 0 complaints scores full marks and sees the score follow; the unit's own IPAK
survey is offered as a stand-in, refused without the tick, saved with it."""

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.lke.models import Answer, Assessment
from zona.lke.services import answer_save, assessment_create
from zona.surveys import services as surveys
from zona.surveys.services import survey_close
from zona.surveys.tests.factories import DURING_Q1, answer, make_survey

pytestmark = pytest.mark.browser


def test_the_unit_chooses_what_nothing_scores_and_confirms_a_stand_in(page, cast, units, monkeypatch):
    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=2026, by=by)
    answer_save(assessment=assessment, level="mandiri", ref="A.II.5.ii.a", raw="0;0;0", by=by)
    monkeypatch.setattr(surveys, "_today", lambda: DURING_Q1)
    survey = make_survey(unit, by, definition="ipak@1", population=2)  # Krejcie & Morgan: 2 of 2
    for row in ([4] * 6, [3] * 6):
        answer(survey, row)
    survey_close(survey=survey, by=by)

    browser_login(page, "koordinator", to=f"/lke/{assessment.pk}/")
    assert page.locator("#total-self").inner_text() == "0,00"
    options = page.locator("#option-zero_complaints")
    assert "berlaku" in options.inner_text() and "bawaan" in options.inner_text()
    options.get_by_label("bernilai penuh").check()
    page.get_by_role("button", name="Simpan pilihan").click()
    expect(page.locator("body")).to_contain_text("Pilihan disimpan")
    assert page.locator("#total-self").inner_text() == "3,00"  # A.II.5.ii.a weighs 3.00
    assert Assessment.objects.get(pk=assessment.pk).options["zero_complaints"] == "full"

    page.goto(f"/lke/{assessment.pk}/bagian/B/")
    card = page.locator("#q-B\\.1\\.a")
    assert "pengganti" in card.inner_text().lower() and "3.50" in card.inner_text()
    card.get_by_label("Indeks (0–4)").fill("3.50")
    card.get_by_role("button", name="Simpan jawaban").click()
    # the refusal's words: the page before has "konfirmasikan" already, on the stand-in's badge
    expect(page.locator("body")).to_contain_text("konfirmasikan dulu")
    assert not Answer.objects.filter(assessment=assessment, ref="B.1.a").exists()
    card = page.locator("#q-B\\.1\\.a")
    card.get_by_label("Indeks (0–4)").fill("3.50")
    card.get_by_text("Saya mengonfirmasi").click()
    card.get_by_role("button", name="Simpan jawaban").click()
    expect(page.locator("body")).to_contain_text("Jawaban B.1.a disimpan")  # the post is answered
    assert Answer.objects.get(assessment=assessment, ref="B.1.a").value == "3.5"
