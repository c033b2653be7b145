"""Who sees what of the TPI's evaluation: a tier member sees the unit they evaluate and nothing
else (not another unit's LKE, not the units below); the unit sees a tier's answers only once the
tier has released them; the API offers each person the requests of the units they see."""

from datetime import date

from django.urls import reverse

from conftest import body
from zona.api.tokens import token_create
from zona.evaluation.models import InformationRequest, TierAnswer
from zona.evaluation.rfi import request_raise
from zona.evaluation.services import tier_answer_save, tier_approve, tier_release, tier_take

from .conftest import under_review

NOTE = "SK tim kerja tanpa seleksi"


def _raise(assessment, by, text):
    return request_raise(
        assessment=assessment, ref="A.I.1.i.a", kind="question", text=text, by=by, today=date(2023, 5, 8)
    )


def test_a_tier_member_of_one_unit_sees_nothing_of_another(client, assessment, team, other, units, cast):
    jambi, jambi_member = other
    _raise(jambi, jambi_member, "Rahasia Jambi")
    below = under_review(units["PALEMBANG"], cast["child"])
    member = team["anggota"]
    client.force_login(member)
    assert client.get(reverse("evaluation:board", args=[assessment.pk])).status_code == 200
    for pk in (jambi.pk, below.pk):
        assert client.get(reverse("evaluation:board", args=[pk])).status_code == 404
        assert client.get(reverse("evaluation:requests", args=[pk])).status_code == 404
        assert client.get(reverse("lke:detail", args=[pk])).status_code == 404
    posted = client.post(
        reverse("evaluation:answer", args=[jambi.pk, "A.I.1.i.a"]),
        {"tier": "anggota", "value": "Tidak", "note": "x"},
    )
    assert posted.status_code == 404 and not TierAnswer.objects.filter(assessment=jambi).exists()
    client.post(
        reverse("evaluation:requests", args=[jambi.pk]),
        {"ref": "A.I.1.i.a", "kind": "question", "text": "x", "working_days": 5},
    )
    assert InformationRequest.objects.filter(assessment=jambi).count() == 1
    # the Jambi member's own seat does not reach SUMSEL either
    client.force_login(jambi_member)
    assert client.get(reverse("evaluation:board", args=[assessment.pk])).status_code == 404
    assert b"Rahasia Jambi" in body(client.get(reverse("evaluation:requests", args=[jambi.pk])))


def test_the_api_offers_the_requests_of_the_units_one_sees(client, assessment, team, other):
    jambi, jambi_member = other
    _raise(assessment, team["anggota"], "Permintaan Sumsel")
    _raise(jambi, jambi_member, "Permintaan Jambi")
    _token, plain = token_create(user=team["ketua"], name="test", days=30)
    found = client.get("/api/evaluation/requests", HTTP_AUTHORIZATION=f"Bearer {plain}").json()
    assert [(r["unit"], r["text"]) for r in found["items"]] == [("SUMSEL", "Permintaan Sumsel")]
    theirs = InformationRequest.objects.get(assessment=jambi)
    assert (
        client.get(f"/api/evaluation/requests/{theirs.pk}", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code
        == 404
    )


def test_the_unit_sees_a_tier_only_after_its_release(client, assessment, team, cast):
    tier_take(assessment=assessment, tier_code="anggota", by=team["anggota"])
    tier_answer_save(
        assessment=assessment, tier_code="anggota", ref="A.I.1.i.b", raw="C", note=NOTE, by=team["anggota"]
    )
    url = reverse("evaluation:board", args=[assessment.pk])
    client.force_login(team["ketua"])
    assert NOTE.encode() in body(client.get(url))  # the team sees the tiers at work
    client.force_login(cast["coordinator"])
    assert NOTE.encode() not in body(client.get(url))
    tier_approve(assessment=assessment, tier_code="anggota", by=team["anggota"])
    assert NOTE.encode() not in body(client.get(url))  # approved, not released
    tier_release(assessment=assessment, tier_code="anggota", by=team["anggota"])
    page = body(client.get(url))
    assert NOTE.encode() in page and b"Anggota Tim" in page and b"Ketua Tim" not in page
    # the unit may read, not score: a tier's answer posted by the coordinator changes nothing
    before = TierAnswer.objects.get(tier="anggota", ref="A.I.1.i.b").value
    answer = client.post(
        reverse("evaluation:answer", args=[assessment.pk, "A.I.1.i.b"]),
        {"tier": "anggota", "value": "A", "note": "x"},
    )
    assert (
        answer.status_code == 403 and TierAnswer.objects.get(tier="anggota", ref="A.I.1.i.b").value == before
    )
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404


def test_a_reviewer_outside_the_team_reads_but_cannot_score(client, assessment, team, cast):
    client.force_login(cast["reviewer"])
    client.post(
        reverse("evaluation:answer", args=[assessment.pk, "A.I.1.i.a"]),
        {"tier": "anggota", "value": "Tidak", "note": "x"},
    )
    assert not TierAnswer.objects.exists()
