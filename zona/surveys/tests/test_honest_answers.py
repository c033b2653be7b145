"""Honest figures and clear refusals: a published IKM below its sample carries the caveat, an
answer with a skipped item is asked again (once), complaint statistics use labels, not stored
keys, and a refused file is named in words while the form keeps what was typed."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.complaints.services import complaint_submit
from zona.lib.files import ALLOWED_MIME_TYPES, refusal
from zona.plans.models import Indicator
from zona.surveys import services
from zona.surveys.models import Response
from zona.surveys.services import survey_close, survey_publish
from zona.surveys.tests.factories import DURING_Q1, KEYS, answer, make_survey
from zona.surveys.tests.test_ikm import golden_rows


def _published(units, cast, monkeypatch, population):
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    survey = make_survey(units["SUMSEL"], cast["coordinator"], population=population)
    for row in golden_rows():
        answer(survey, row)
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 1))
    survey_close(survey=survey, by=cast["coordinator"])
    survey_publish(survey=survey, by=cast["coordinator"])
    return survey


def test_a_published_ikm_below_its_sample_carries_the_caveat(client, units, cast, monkeypatch):
    """Krejcie & Morgan (PermenPAN-RB 14/2017): 250 service users need 152 respondents; the 29
    of the worked example are below it. For 30 users the sample is 28, so 29 suffice."""
    below = _published(units, cast, monkeypatch, population=250)
    page = client.get(
        reverse("surveys_public:results", args=[units["SUMSEL"].slug, below.token])
    ).content.decode()
    assert 'id="sample-caveat"' in page and "Di bawah sampel: 29 responden" in page and "meminta 152" in page
    enough = _published(units, cast, monkeypatch, population=30)
    page = client.get(
        reverse("surveys_public:results", args=[units["SUMSEL"].slug, enough.token])
    ).content.decode()
    assert 'id="sample-caveat"' not in page
    unknown = _published(units, cast, monkeypatch, population=0)  # no population: no sample to judge
    page = client.get(
        reverse("surveys_public:results", args=[units["SUMSEL"].slug, unknown.token])
    ).content.decode()
    assert 'id="sample-caveat"' not in page


def test_an_answer_with_a_skipped_item_is_asked_again(client, units, cast, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    url = reverse("surveys_public:answer", args=[survey.token])
    data = {key: "4" for key in KEYS if key != "U3"}
    first = client.post(url, data)
    page = first.content.decode()
    assert first.status_code == 200 and "Pertanyaan 3 belum dijawab" in page
    assert 'id="item-U3"' in page and "skipped" in page and 'name="skipped_ok"' in page
    assert page.count("checked") == 8  # the other answers are kept
    assert not Response.objects.filter(survey=survey).exists()
    again = client.post(url, data | {"skipped_ok": "1"})
    assert 'id="thanks"' in again.content.decode()
    stored = Response.objects.get(survey=survey)
    assert stored.answers(9)[2] is None and stored.answers(9)[0] == 4


def test_complaint_statistics_show_labels_not_stored_keys(client, units):
    complaint_submit(
        unit=units["SUMSEL"],
        subject="Antrean lama",
        description="Menunggu tiga jam",
        category="pelayanan",
        anonymous=True,
        received_on=date.today(),
    )
    page = client.get(reverse("complaints_public:statistics", args=[units["SUMSEL"].slug])).content.decode()
    channels = page.split('id="by-channel"', 1)[1].split("</ul>", 1)[0]
    categories = page.split('id="by-category"', 1)[1].split("</ul>", 1)[0]
    assert "<li>Formulir situs web: 1</li>" in channels and "<li>web:" not in channels
    assert "<li>Pelayanan: 1</li>" in categories and "<li>pelayanan:" not in categories


def test_a_refused_file_is_named_in_words():
    message = refusal("application/x-dosexec", ALLOWED_MIME_TYPES)
    assert "sebuah program" in message and "tidak diterima" in message
    assert "Yang diterima: PDF, DOCX, XLSX" in message and "JPG, PNG" in message
    assert "application/x-dosexec" not in message
    assert "berjenis image/gif" not in refusal("image/gif", ALLOWED_MIME_TYPES)


def test_a_refused_file_keeps_what_was_typed(client, cast, seed_plan):
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    client.force_login(cast["pic"])
    response = client.post(
        reverse("plans:indicator_evidence", args=[indicator.pk]),
        {
            "title": "SK Tim Pokja ZI",
            "effective_date": "31012023",
            "file": SimpleUploadedFile("sk.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "sebuah program" in page and "tidak diterima" in page
    assert 'value="SK Tim Pokja ZI"' in page and 'value="31012023"' in page
    assert not indicator.evidence.exists()
