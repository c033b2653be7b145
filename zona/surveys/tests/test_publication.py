"""The unit's pages at work (paper entry, upload, suspect marks, publishing), the public results
with their poster, report and open data, service standards and their reviews, and what the LKE
is offered from all of it."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from conftest import body
from zona.complaints.models import Category
from zona.complaints.services import complaint_submit
from zona.lke.services import assessment_create
from zona.lke.suggestions import suggest
from zona.plans.services import step_set_done
from zona.surveys import services
from zona.surveys.figures import figures
from zona.surveys.models import Channel, Response, Status, Survey
from zona.surveys.service_standards import standard_publish, standard_review, standard_save
from zona.surveys.services import follow_up_create, survey_close, survey_posted, survey_publish
from zona.surveys.standards import COMPONENTS
from zona.surveys.tests.factories import DURING_Q1, ServiceFactory, answer, make_survey
from zona.surveys.tests.test_cli import GOLDEN
from zona.surveys.tests.test_ikm import golden_rows


@pytest.fixture
def today(monkeypatch):
    """Move "today" (as the survey rules see it)."""

    def move(day: date) -> None:
        monkeypatch.setattr(services, "_today", lambda: day)

    move(DURING_Q1)
    return move


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_a_survey_for_a_quarter_in_one_choice(client, units, cast, today):
    service = ServiceFactory(unit=units["SUMSEL"])
    client.force_login(cast["coordinator"])
    url = reverse("surveys:survey_new", args=[units["SUMSEL"].slug])
    data = {"service": service.pk, "definition": "skm@2017", "population": "250", "weight": "printed"}
    page = client.post(url, data, follow=True).content.decode()
    assert "Pilih periode" in page and not Survey.objects.exists()  # neither a period nor dates
    client.post(url, data | {"preset": f"{timezone.localdate().year}-q2"})
    survey = Survey.objects.get()
    year = timezone.localdate().year
    assert (survey.period_start, survey.period_end) == (date(year, 4, 1), date(year, 6, 30))
    assert survey.weight == "printed" and survey.population == 250 and survey.service == service


def test_paper_questionnaires_typed_in_one_after_another(client, units, cast, today):
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    client.force_login(cast["coordinator"])
    url = reverse("surveys:paper", args=[survey.pk])
    first = client.post(url, {"U1": "4", "U2": "3", "U3": "", "education": "SMP"}, follow=True)
    assert "Kuesioner disimpan" in first.content.decode()
    for typo in ("7", "x", "²", "44444"):
        bad = client.post(url, {"U1": "4", "U2": typo}, follow=True)
        assert "Sistem, mekanisme dan prosedur: jawab 1–4" in bad.content.decode(), typo
    stored = Response.objects.get(survey=survey)
    assert (stored.channel, stored.entered_by, stored.a1, stored.a3, stored.education) == (
        Channel.PAPER,
        cast["coordinator"],
        4,
        None,
        "SMP",
    )


def test_an_upload_with_a_wrong_cell_saves_nothing_and_says_where(client, units, cast, today):
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    client.force_login(cast["coordinator"])
    url = reverse("surveys:upload", args=[survey.pk])
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    cells = lines[5].split(";")
    cells[4] = "5"
    lines[5] = ";".join(cells)
    broken = SimpleUploadedFile("kertas.csv", "\n".join(lines).encode())
    page = client.post(url, {"file": broken}, follow=True).content.decode()
    assert "Tidak ada yang disimpan" in page and "baris 6, kolom U3" in page
    assert not Response.objects.filter(survey=survey).exists()
    good = SimpleUploadedFile("kertas.csv", GOLDEN.read_bytes())
    page = client.post(url, {"file": good}, follow=True).content.decode()
    assert "29 kuesioner terbaca" in page
    assert str(figures(survey).result.converted) == "91.48"


def test_publish_in_one_click_then_the_public_page_poster_report_and_data(
    client, seed_plan, units, cast, today
):
    unit, by = units["SUMSEL"], cast["coordinator"]
    survey = make_survey(unit, by, population=100)
    for row in golden_rows():
        answer(survey, row, profile={"sex": "Perempuan"})
    indicator = seed_plan.areas.first().components.first().indicators.first()
    follow = follow_up_create(
        survey=survey,
        item_key="U3",
        indicator=indicator,
        text="Loket tambahan pada jam sibuk",
        pic=cast["pic"],
        due_on=date(2026, 6, 30),
        by=by,
    )
    client.force_login(by)
    state = reverse("surveys:state", args=[survey.pk])
    early = client.post(state, {"action": "publish"}, follow=True).content.decode()
    assert "Periodenya belum berakhir" in early
    today(date(2026, 4, 1))
    client.post(state, {"action": "publish"})
    survey.refresh_from_db()
    assert survey.status == Status.PUBLISHED
    client.logout()

    results = reverse("surveys_public:results", args=[unit.slug, survey.token])
    page = client.get(results).content.decode()
    assert "91,48" in page and 'id="mutu">A<' in page and "Sangat baik" in page
    assert "Waktu penyelesaian" in page  # the weakest unsur, 100 ÷ 29 = 3.45
    assert "Loket tambahan pada jam sibuk" in page and "berjalan" in page
    step_set_done(step=follow.step, done=True, by=cast["pic"])
    page = client.get(results).content.decode()
    assert "selesai" in page
    assert (
        survey.token in client.get(reverse("surveys_public:public_index", args=[unit.slug])).content.decode()
    )
    assert survey.token in client.get(reverse("portal:unit", args=[unit.slug])).content.decode()

    poster = client.get(reverse("surveys_public:results_pdf", args=[unit.slug, survey.token, "poster"]))
    text = pdf_text(body(poster))
    assert "91,48" in text and "Waktu penyelesaian" in text and "Loket tambahan" in text
    report = pdf_text(
        body(client.get(reverse("surveys_public:results_pdf", args=[unit.slug, survey.token, "laporan"])))
    )
    for expected in ("3,6207", "91,48", "Sangat baik", "Perempuan: 29", "80", "Loket tambahan"):
        assert expected in report, expected  # NRR table, IKM, mutu, profile, sample, follow-up

    data = client.get(reverse("surveys_public:results_data", args=[unit.slug, survey.token, "csv"]))
    rows = body(data).decode().splitlines()
    assert rows[0] == "item,name,nrr,answered" and rows[1].startswith("U1,Persyaratan,3.6207,29")
    assert rows[-1] == "IKM,,91.48,29"


def test_the_poster_is_on_the_board_after_publishing(units, cast, today):
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    with pytest.raises(services.SurveyError):
        survey_posted(survey=survey, day=date(2026, 4, 3), by=cast["coordinator"])
    answer(survey, [4] * 9)
    survey_close(survey=survey, by=cast["coordinator"])
    survey_publish(survey=survey, by=cast["coordinator"])
    survey_posted(survey=survey, day=date(2026, 4, 3), by=cast["coordinator"])
    survey.refresh_from_db()
    assert survey.posted_on == date(2026, 4, 3)


def test_the_qr_poster_carries_the_link(client, units, cast, today):
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    client.force_login(cast["viewer"])
    text = pdf_text(body(client.get(reverse("surveys:qr", args=[survey.pk]))))
    assert f"/survei/{survey.token}/" in text and "Bagaimana layanan kami" in text


# -- service standards --------------------------------------------------------------------------


def components(**changes):
    return {key: changes.get(key, f"Isi komponen {key}") for key in COMPONENTS}


def test_a_standard_needs_every_component_and_keeps_its_versions(units, cast):
    service = ServiceFactory(unit=units["SUMSEL"])
    by = cast["coordinator"]
    with pytest.raises(services.SurveyError, match="Biaya/tarif"):
        standard_save(
            service=service, components=components(biaya=" "), maklumat="Janji", effective_on=DURING_Q1, by=by
        )
    first = standard_save(
        service=service, components=components(), maklumat="Janji", effective_on=DURING_Q1, by=by
    )
    second = standard_save(
        service=service,
        components=components(biaya="Gratis"),
        maklumat="Janji 2",
        effective_on=DURING_Q1,
        by=by,
    )
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.components["biaya"] == "Isi komponen biaya" and second.components["biaya"] == "Gratis"
    assert len(COMPONENTS) == 14  # UU 25/2009 Pasal 21 (a–n)


def test_a_review_keeps_the_survey_and_complaint_figures_it_looked_at(units, cast, today):
    unit, by = units["SUMSEL"], cast["coordinator"]
    survey = make_survey(unit, by)
    for row in golden_rows():
        answer(survey, row)
    survey_close(survey=survey, by=by)
    standard = standard_save(
        service=survey.service, components=components(), maklumat="Janji", effective_on=DURING_Q1, by=by
    )
    complaint_submit(
        unit=unit,
        subject="Antrean lama",
        description="Menunggu dua jam di loket",
        category=Category.SERVICE,
        anonymous=True,
        received_on=date(2026, 4, 1),
    )
    minutes = SimpleUploadedFile("notula.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    review = standard_review(
        standard=standard,
        reviewed_on=date(2026, 4, 10),
        result="Waktu penyelesaian dipersingkat menjadi 3 hari kerja",
        used_survey=True,
        used_complaints=True,
        stakeholders="Tokoh masyarakat, akademisi",
        upload=minutes,
        by=by,
    )
    assert review.figures["survey"]["ikm"] == "91.48" and review.figures["survey"]["respondents"] == 29
    assert review.figures["complaints"] == {"year": 2026, "received": 1, "completed": 0}
    assert review.evidence is not None and review.evidence.unit == unit


# -- what the LKE is offered -----------------------------------------------------------------------


QUARTERS = [
    (date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 7, 1), date(2026, 9, 30)),
    (date(2026, 10, 1), date(2026, 12, 31)),
]


def test_the_lke_is_offered_frequency_openness_and_follow_up(seed_plan, units, cast, today):
    """LKE A.I.6.iv: a ≥ 4 surveys a year for A; b every period's result online and offline for
    A; c all followed up. Each survey here reached its sample (population 1 needs 1 respondent)."""
    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=2026, by=by)
    service = ServiceFactory(unit=unit)
    surveys = []
    for start, end in QUARTERS[:2]:
        today(start)
        survey = make_survey(unit, by, service=service, period=(start, end), population=1)
        answer(survey, [3] * 9)
        survey_close(survey=survey, by=by)
        surveys.append(survey)
    assert suggest(assessment)["A.I.6.iv.a"].answer == "C"  # 2 a year
    assert suggest(assessment)["A.I.6.iv.b"].answer == "C"  # not published
    for start, end in QUARTERS[2:]:
        today(start)
        survey = make_survey(unit, by, service=service, period=(start, end), population=1)
        answer(survey, [3] * 9)
        survey_close(survey=survey, by=by)
        surveys.append(survey)
    offered = suggest(assessment)
    assert offered["A.I.6.iv.a"].answer == "A" and "4" in offered["A.I.6.iv.a"].source
    survey_publish(survey=surveys[0], by=by)
    survey_posted(survey=surveys[0], day=date(2026, 4, 3), by=by)
    assert suggest(assessment)["A.I.6.iv.b"].answer == "C"  # one period of four published is not "published"
    for survey in surveys[1:]:
        survey_publish(survey=survey, by=by)
    assert suggest(assessment)["A.I.6.iv.b"].answer == "B"  # every period online, not all offline
    for survey in surveys[1:]:
        survey_posted(survey=survey, day=date(2026, 12, 3), by=by)
    assert suggest(assessment)["A.I.6.iv.b"].answer == "A"
    indicator = seed_plan.areas.first().components.first().indicators.first()
    steps = [
        follow_up_create(
            survey=surveys[0], item_key=key, indicator=indicator, text=f"Perbaiki {key}", pic=None,
            due_on=date(2026, 6, 30), by=by,
        ).step
        for key in ("U1", "U2", "U3")
    ]  # fmt: skip
    assert suggest(assessment)["A.I.6.iv.c"].answer == "D"
    step_set_done(step=steps[0], done=True, by=by)
    assert suggest(assessment)["A.I.6.iv.c"].answer == "C"
    step_set_done(step=steps[1], done=True, by=by)
    assert suggest(assessment)["A.I.6.iv.c"].answer == "B"
    step_set_done(step=steps[2], done=True, by=by)
    assert suggest(assessment)["A.I.6.iv.c"].answer == "A"


def test_the_lke_is_offered_the_standards(units, cast, today):
    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=2026, by=by)
    assert "A.I.6.i.a" not in suggest(assessment)
    services_ = [ServiceFactory(unit=unit), ServiceFactory(unit=unit)]
    assert suggest(assessment)["A.I.6.i.a"].answer == "E"
    standard = standard_save(
        service=services_[0], components=components(), maklumat="Janji", effective_on=DURING_Q1, by=by
    )
    assert suggest(assessment)["A.I.6.i.a"].answer == "B"
    standard_publish(standard=standard, by=by)
    assert suggest(assessment)["A.I.6.i.b"].answer == "C"  # half the services
    # LKE A.I.6.i.d, Ya: "telah melakukan publikasi atas standar pelayanan dan maklumat pelayanan":
    # the reason of a Tidak gives the figures as they are, never "every service on the portal"
    not_yet = suggest(assessment)["A.I.6.i.d"]
    assert not_yet.answer == "Tidak"
    with translation.override("id"):
        assert suggest(assessment)["A.I.6.i.d"].source.startswith(
            "Standar dan maklumat di portal: 1 dari 2 layanan aktif"
        )
    other = standard_save(
        service=services_[1], components=components(), maklumat="Janji", effective_on=DURING_Q1, by=by
    )
    standard_publish(standard=other, by=by)
    offered = suggest(assessment)
    assert (offered["A.I.6.i.a"].answer, offered["A.I.6.i.b"].answer, offered["A.I.6.i.d"].answer) == (
        "A",
        "B",  # every maklumat on the portal, none recorded on other media: A needs both
        "Ya",
    )
    standard_review(
        standard=other, reviewed_on=date(2026, 5, 2), result="Tetap", used_survey=True,
        used_complaints=False, stakeholders="", by=by,
    )  # fmt: skip
    assert suggest(assessment)["A.I.6.i.c"].answer == "C"
    standard_review(
        standard=other, reviewed_on=date(2026, 6, 2), result="Diubah", used_survey=True,
        used_complaints=True, stakeholders="Tokoh masyarakat", by=by,
    )  # fmt: skip
    assert suggest(assessment)["A.I.6.i.c"].answer == "A"


@pytest.mark.parametrize(("kind", "ref", "key"), [("ipak", "B.1.a", "ipak@1"), ("ipkp", "B.2.a", "ipkp@1")])
def test_the_lke_is_offered_the_perception_index(units, cast, today, kind, ref, key):
    """LKE Hasil: the IPAK/IPKP index 0–4 (LKE score = index ÷ 4 × 17.5)."""
    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=2026, by=by)
    survey = make_survey(unit, by, definition=key, population=5)  # Krejcie & Morgan: 5 of 5
    items = len(survey.spec().items)
    for row in ([4] * items, [4] * items, [3] * items, [3] * items, [4] * items):
        answer(survey, row)
    assert ref not in suggest(assessment)  # still collecting
    survey_close(survey=survey, by=by)
    offered = suggest(assessment)[ref]
    assert offered.answer == "3.60" and "15.75" in offered.source
