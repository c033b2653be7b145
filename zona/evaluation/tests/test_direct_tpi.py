"""With a TPI team in tiers, the TPI-level answers of the LKE come from the tiers (the approval of
the top tier sets them): nobody types them on the LKE's section page — neither a tier member nor
the unit's other reviewers. The page offers no TPI form and says where to answer; the POST and the
services refuse and save nothing. Without a team the TPI answers on the section page as before."""

import pytest
from django.urls import reverse

from zona.lke.models import Answer, Level
from zona.lke.review import review_agree
from zona.lke.services import AssessmentError, answer_save

REF, SECTION = "A.I.1.i.a", "A.I.1"
REFUSED = "TPI menilai LKE ini berjenjang"


def _tpi_answers(assessment) -> dict[str, str]:
    return dict(Answer.objects.filter(assessment=assessment, level=Level.TPI).values_list("ref", "value"))


@pytest.mark.parametrize("who", ["anggota", "pengendali", "reviewer"])
def test_with_tiers_nobody_answers_at_the_tpi_level_on_the_section_page(client, assessment, team, cast, who):
    person = team.get(who) or cast[who]
    client.force_login(person)
    page = client.get(reverse("lke:section", args=[assessment.pk, SECTION])).content.decode()
    assert 'class="row g-2 mt-1 answer-form"' not in page and 'name="level" value="tpi"' not in page
    assert 'id="agree-all"' not in page  # nor the unit's answers taken as the TPI's
    notice = page[page.index('id="tiered"') :]
    assert REFUSED in notice[:1000]
    assert reverse("evaluation:board", args=[assessment.pk]) in notice[:1000]
    posted = client.post(
        reverse("lke:answer", args=[assessment.pk, REF]),
        {"level": "tpi", "value": "Tidak", "note": "langsung", "section": SECTION},
        follow=True,
    ).content.decode()
    assert "Jawaban tidak disimpan" in posted and REFUSED in posted
    client.post(reverse("lke:agree", args=[assessment.pk]), {"refs": [REF], "section": SECTION})
    assert _tpi_answers(assessment) == {}
    detail = client.get(reverse("lke:detail", args=[assessment.pk])).content.decode()
    assert reverse("lke:finalize", args=[assessment.pk]) not in detail  # the top tier finalises


def test_with_tiers_the_services_refuse_a_tpi_answer_written_on_the_lke(assessment, team):
    with pytest.raises(AssessmentError, match=REFUSED):
        answer_save(assessment=assessment, level=Level.TPI, ref=REF, raw="Tidak", by=team["pengendali"])
    with pytest.raises(AssessmentError, match=REFUSED):
        review_agree(assessment=assessment, refs=[REF], by=team["anggota"])
    assert _tpi_answers(assessment) == {}


def test_without_tiers_the_reviewer_still_answers_on_the_section_page(client, assessment, cast):
    client.force_login(cast["reviewer"])
    page = client.get(reverse("lke:section", args=[assessment.pk, SECTION])).content.decode()
    assert 'name="level" value="tpi"' in page and 'id="agree-all"' in page and 'id="tiered"' not in page
    client.post(
        reverse("lke:answer", args=[assessment.pk, REF]),
        {"level": "tpi", "value": "Tidak", "note": "SK belum ada", "section": SECTION},
    )
    assert _tpi_answers(assessment) == {REF: "Tidak"}
    detail = client.get(reverse("lke:detail", args=[assessment.pk])).content.decode()
    assert reverse("lke:finalize", args=[assessment.pk]) in detail
