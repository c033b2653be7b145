"""A real browser on the demo's LKE: every answer Zona derived shows where it came from — the
records counted (its source and figures) and a link to them — in the section it belongs to."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.formats import localize
from playwright.sync_api import expect

from conftest import PASSWORD, browser_login
from zona.lke.models import Assessment
from zona.lke.reading import answer_words
from zona.lke.selectors import instrument_of
from zona.lke.suggestions import RULES, suggest

pytestmark = pytest.mark.browser


def test_the_demo_shows_provenance_on_every_derived_answer(page, db):
    call_command("demo", "--password", PASSWORD)
    assessment = Assessment.objects.get(unit__code="SUMSEL", year=2023)
    found = suggest(assessment)
    instrument = instrument_of(assessment)
    options = {**instrument.option_defaults(), **assessment.options}
    with translation.override("id"):  # a number reads as words ("2 dari 2 …"), a choice as its key
        words = {ref: answer_words(instrument.questions[ref], s.answer, options) for ref, s in found.items()}
    assert {"A.I.2.iii.a", "A.I.3.ii.a", "A.I.4.ii.f", "A.I.6.iii.a", "A.II.4.iii.a"} <= set(found)
    # every derived rule has records in the demo, so every one is checked on its page below
    assert sorted(set(RULES) - set(found)) == [], "derived rules without records in the demo"
    browser_login(page, "koordinator")
    sections = sorted({".".join(ref.split(".")[:3]) if ref.startswith("A") else "B" for ref in found})
    for section in sections:
        page.goto(f"/lke/{assessment.pk}/bagian/{section}/")
        for ref, suggestion in found.items():
            if not (ref.startswith(section + ".") or section == "B" and ref.startswith("B")):
                continue
            block = page.locator("#provenance-" + ref.replace(".", "\\."))
            text = block.inner_text()  # read once: the page is loaded and does not change
            assert f"Saran: {words[ref]}" in text
            link = block.get_by_role("link", name="catatannya")
            if suggestion.linkable:
                assert link.get_attribute("href") == suggestion.link and suggestion.link
            else:  # the WBS register is sealed to its recipients: no link, the figures inline
                assert link.count() == 0 and "hanya dapat dilihat oleh penerima WBS" in text
            with translation.override("id"):  # a decimal reads as the page writes it (3,71)
                for label, number in suggestion.figures:
                    assert f"{label}: {localize(number)}" in text
    page.goto(f"/lke/{assessment.pk}/bagian/A.I.6/")
    with page.expect_navigation():  # the section's own text says "pengaduan" too
        page.locator("#provenance-A\\.I\\.6\\.iii\\.a").get_by_role("link", name="catatannya").click()
    expect(page.locator("body")).to_contain_text(re.compile("Statistik|pengaduan", re.I))
