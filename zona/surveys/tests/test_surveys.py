"""Surveys in use: definitions as data, answering with its defences against duplicates, suspect
marks, paper and spreadsheet entry, closing and publishing, follow-ups into the plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.audit.models import AuditEvent
from zona.plans.models import ActionStep
from zona.surveys import services
from zona.surveys.answers import recount, response_mark, responses_import, tally_rebuild, tickets_make
from zona.surveys.definitions import library
from zona.surveys.figures import figures
from zona.surveys.models import Channel, Response, Status, Survey, Ticket
from zona.surveys.services import SurveyError, definition_save, follow_up_create, survey_close, survey_publish
from zona.surveys.tests.factories import DURING_Q1, KEYS, SKM, answer, make_survey
from zona.surveys.tests.test_cli import GOLDEN
from zona.surveys.tests.test_ikm import golden_rows


@pytest.fixture
def during_q1(monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)


@pytest.fixture
def after_q1(monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 2))


@pytest.fixture
def survey(units, cast, during_q1):
    return make_survey(units["SUMSEL"], cast["coordinator"], population=500)


# -- definitions as data ----------------------------------------------------------------------


def test_the_skm_is_the_nine_unsur_answered_1_to_4():
    """PermenPAN-RB 14/2017: 9 unsur, each answered 1 (tidak sesuai) to 4 (sangat sesuai)."""
    skm = library()[SKM]
    assert [i.key for i in skm.items] == KEYS
    assert [i.name for i in skm.items][:4] == [
        "Persyaratan",
        "Sistem, mekanisme dan prosedur",
        "Waktu penyelesaian",
        "Biaya/tarif",
    ]
    assert skm.items[8].name.startswith("Penanganan pengaduan")
    assert (skm.scale_min, skm.scale_max) == (1, 4)
    assert skm.labels == {1: "Tidak sesuai", 2: "Kurang sesuai", 3: "Sesuai", 4: "Sangat sesuai"}


def test_the_library_holds_ipak_ipkp_and_a_service_culture_survey():
    kinds = {d.kind for d in library().values()}
    assert {"skm", "ipak", "ipkp", "custom"} <= kinds
    assert library()["ipak@1"].lke_ref == "B.1.a"
    assert library()["ipkp@1"].lke_ref == "B.2.a"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code: x\nversion: '1'\nname: X\nkind: custom\nscale: {min: 1, max: 4}\nitems: []", "between 1"),
        ("code: x\nversion: '1'\nname: X\nkind: custom\nscale: {min: 1, max: 4}\n"
         "items: [{key: A, name: a, question: a?}, {key: A, name: b, question: b?}]", "own key"),
        ("code: x\nversion: '1'\nname: X\nkind: skm\nscale: {min: 1, max: 4}\n"
         "items: [{key: A, name: a, question: a?}]", "9 unsur"),
        ("code: ipak\nversion: '1'\nname: X\nkind: ipak\nscale: {min: 1, max: 4}\n"
         "items: [{key: A, name: a, question: a?}]", "ipak@1"),
        ("code: [unclosed", "YAML"),
    ],
)  # fmt: skip
def test_a_broken_definition_is_refused_with_its_reason(units, cast, text, message):
    with pytest.raises(SurveyError) as caught:
        definition_save(unit=units["SUMSEL"], text=text, by=cast["coordinator"])
    assert message in str(caught.value)


CULTURE = """code: budaya-kerja
version: "2026"
name: Survei budaya kerja
kind: custom
scale: {min: 1, max: 5, labels: {1: Sangat kurang, 5: Sangat baik}}
items:
  - {key: K1, name: Keramahan, question: Petugas ramah?}
  - {key: K2, name: Kerapian, question: Ruang layanan rapi?}
"""


def test_a_unit_runs_its_own_survey_and_a_later_version_leaves_it_unchanged(units, cast, during_q1):
    unit, by = units["SUMSEL"], cast["coordinator"]
    definition_save(unit=unit, text=CULTURE, by=by)
    survey = make_survey(unit, by, definition="budaya-kerja@2026")
    answer(survey, [5, 3])
    with pytest.raises(SurveyError):
        answer(survey, [6, 3])  # outside its 1–5 scale
    definition_save(unit=unit, text=CULTURE.replace("Petugas ramah?", "Diubah?"), by=by)
    survey.refresh_from_db()
    assert survey.spec().items[0].question == "Petugas ramah?"  # the frozen copy
    assert figures(survey).result.nrr == (5, 3)
    assert not services.definitions_for(units["JAMBI"]).get("budaya-kerja@2026")  # the unit's own


# -- answering and its defences ---------------------------------------------------------------


def test_answers_move_the_running_tally_which_matches_a_recount(survey):
    for row in golden_rows():
        answer(survey, row)
    data = figures(survey)
    assert data.result.converted == Decimal("91.48") and data.result.mutu == "A"
    assert data.tally == recount(survey)
    assert data.sample_needed == 217  # Krejcie-Morgan for 500 service users


def test_one_answer_per_device(units, cast, survey):
    answer(survey, [4] * 9, device="phone-1")
    with pytest.raises(SurveyError, match="sudah menjawab|already"):
        answer(survey, [1] * 9, device="phone-1")
    answer(survey, [3] * 9, device="phone-2")
    assert Response.objects.filter(survey=survey).count() == 2
    assert figures(survey).result.respondents == 2
    stored = set(Response.objects.values_list("device", flat=True))
    assert "phone-1" not in stored and all(len(d) == 64 for d in stored)  # a keyed hash only
    kiosk = make_survey(units["SUMSEL"], cast["coordinator"], one_per_device=False)
    answer(kiosk, [4] * 9, device="tablet")
    answer(kiosk, [4] * 9, device="tablet")
    assert figures(kiosk).result.respondents == 2


def test_one_time_codes_from_the_receipt(units, cast, during_q1):
    survey = make_survey(units["SUMSEL"], cast["coordinator"], require_ticket=True)
    other = make_survey(units["SUMSEL"], cast["coordinator"])
    codes = tickets_make(survey=survey, count=3, by=cast["coordinator"])
    other_code = tickets_make(survey=other, count=1, by=cast["coordinator"])[0]
    assert len(set(codes)) == 3 and all(len(c) == 8 for c in codes)
    with pytest.raises(SurveyError):
        answer(survey, [4] * 9)  # no code
    with pytest.raises(SurveyError):
        answer(survey, [4] * 9, ticket=other_code)  # another survey's code
    answer(survey, [4] * 9, ticket=codes[0].lower())
    with pytest.raises(SurveyError):
        answer(survey, [1] * 9, ticket=codes[0])  # used once already
    assert Ticket.objects.get(survey=survey, code=codes[0]).used
    assert not Ticket.objects.get(survey=other, code=other_code).used
    assert figures(survey).result.respondents == 1
    with pytest.raises(SurveyError):
        tickets_make(survey=survey, count=5001, by=cast["coordinator"])


def test_online_answers_only_within_the_period_and_while_open(units, cast, monkeypatch):
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    monkeypatch.setattr(services, "_today", lambda: date(2025, 12, 31))
    with pytest.raises(SurveyError, match="01-01-2026"):
        answer(survey, [4] * 9)
    answer(survey, [4] * 9, channel=Channel.PAPER)  # a paper questionnaire typed in later
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    survey_close(survey=survey, by=cast["coordinator"])
    with pytest.raises(SurveyError):
        answer(survey, [4] * 9)
    assert Response.objects.filter(survey=survey).count() == 1


@pytest.mark.parametrize("values", [[5, 4, 4, 4, 4, 4, 4, 4, 4], [0] * 9, [None] * 9])
def test_an_answer_outside_the_scale_stores_nothing(survey, values):
    with pytest.raises(SurveyError):
        answer(survey, values)
    assert not Response.objects.exists()
    assert figures(survey).result.respondents == 0


def test_suspect_answers_are_left_out_never_deleted(survey, cast):
    for row in golden_rows():
        answer(survey, row)
    odd = answer(survey, [1] * 9)
    assert figures(survey).result.converted < Decimal("91.48")
    with pytest.raises(SurveyError):
        response_mark(response=odd, suspect=True, reason=" ", by=cast["coordinator"])
    response_mark(response=odd, suspect=True, reason="20 jawaban sama dalam 1 menit", by=cast["coordinator"])
    assert figures(survey).result.converted == Decimal("91.48")
    assert figures(survey).tally == recount(survey)
    odd.refresh_from_db()
    assert odd.suspect and odd.suspect_reason and odd.suspect_by == cast["coordinator"]
    assert Response.objects.filter(survey=survey).count() == 30
    response_mark(response=odd, suspect=True, reason="lagi", by=cast["coordinator"])  # no double count
    assert figures(survey).result.respondents == 29
    response_mark(response=odd, suspect=False, reason="", by=cast["coordinator"])
    assert figures(survey).result.respondents == 30
    assert AuditEvent.objects.filter(action="survey.suspect").count() == 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9).filter(
                lambda r: any(v is not None for v in r)
            ),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_running_tally_always_equals_a_recount(units, cast, during_q1, rows):
    """Whatever is answered and marked suspect, the running tally is what a recount finds."""
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    for values, suspect in rows:
        response = answer(survey, values)
        if suspect:
            response_mark(response=response, suspect=True, reason="uji", by=cast["coordinator"])
    assert figures(survey).tally == recount(survey)


def test_a_tally_damaged_outside_the_services_is_rebuilt(survey):
    for row in golden_rows():
        answer(survey, row)
    Response.objects.filter(pk=Response.objects.first().pk).update(a1=1)  # behind Zona's back
    assert figures(survey).tally != recount(survey)
    tally_rebuild(survey)
    assert figures(survey).tally == recount(survey)


def test_a_spreadsheet_of_paper_questionnaires_all_or_nothing(survey, cast):
    count = responses_import(
        survey=survey, data=GOLDEN.read_bytes(), filename=GOLDEN.name, by=cast["coordinator"]
    )
    assert count == 29 and figures(survey).result.converted == Decimal("91.48")
    assert figures(survey).tally == recount(survey)
    assert Response.objects.filter(channel=Channel.UPLOAD, education="D4/S1").exists()
    broken = (
        GOLDEN.read_bytes()
        .replace(b"\n5;", b"\n5;", 1)
        .replace(b";4;4;4;4;4;4;4;4;4;", b";4;4;7;4;4;4;4;4;4;", 1)
    )
    with pytest.raises(SurveyError, match="kolom U3"):
        responses_import(survey=survey, data=broken, filename="rusak.csv", by=cast["coordinator"])
    assert Response.objects.filter(survey=survey).count() == 29  # nothing of the broken file


def test_closing_and_publishing(survey, cast, monkeypatch):
    by = cast["coordinator"]
    answer(survey, [4] * 9)
    with pytest.raises(SurveyError, match="31-03-2026"):
        survey_publish(survey=survey, by=by)  # the period runs until the end of March
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 2))
    survey_publish(survey=survey, by=by)  # one click: closes and publishes
    survey.refresh_from_db()
    assert survey.status == Status.PUBLISHED and survey.published_on == date(2026, 4, 2)
    assert survey.closed_on == date(2026, 4, 2)
    empty = make_survey(survey.unit, by)
    with pytest.raises(SurveyError):
        survey_publish(survey=empty, by=by)  # nothing to publish: nothing changes either
    assert Survey.objects.get(pk=empty.pk).status == Status.OPEN


def test_a_follow_up_is_a_step_of_the_plan(seed_plan, units, cast, survey):
    indicator = seed_plan.areas.first().components.first().indicators.first()
    pic = cast["pic"]
    follow = follow_up_create(
        survey=survey,
        item_key="U3",
        indicator=indicator,
        text="Tambah petugas loket pada jam sibuk",
        pic=pic,
        due_on=date(2026, 6, 30),
        by=cast["coordinator"],
    )
    step = ActionStep.objects.with_due().get(pk=follow.step_id)
    assert step.indicator == indicator and step.pic == pic and step.due == date(2026, 6, 30)
    assert follow.step in indicator.steps.all()
    other = make_survey(units["JAMBI"], cast["outsider"])
    with pytest.raises(SurveyError):
        follow_up_create(
            survey=other,
            item_key="U3",
            indicator=indicator,
            text="x",
            pic=None,
            due_on=date(2026, 6, 30),
            by=cast["outsider"],
        )
    with pytest.raises(SurveyError):
        follow_up_create(
            survey=survey, item_key="U99", indicator=indicator, text="x", pic=None, due_on=DURING_Q1, by=pic
        )


# -- the public form ---------------------------------------------------------------------------


def test_the_public_form_counts_one_answer_per_device(client, survey):
    url = reverse("surveys_public:answer", args=[survey.token])
    page = client.get(url)
    assert page.status_code == 200 and "kesesuaian persyaratan pelayanan" in page.content.decode()
    data = {key: "4" for key in KEYS} | {"age_group": "30–39", "sex": "Perempuan"}
    done = client.post(url, data)
    assert done.status_code == 200 and 'id="thanks"' in done.content.decode()
    again = client.post(url, data)  # the same phone (its cookie)
    assert again.status_code == 400 and "sudah menjawab" in again.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
    stored = Response.objects.get()
    assert (stored.age_group, stored.sex, stored.a1) == ("30–39", "Perempuan", 4)


def test_outside_its_period_the_form_says_when_it_is_open(client, survey, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 2))
    page = client.get(reverse("surveys_public:answer", args=[survey.token])).content.decode()
    assert "menerima jawaban dari 01-01-2026 sampai 31-03-2026" in page and "survey-form" not in page


def test_the_public_form_refuses_bad_input_in_indonesian(client, survey):
    url = reverse("surveys_public:answer", args=[survey.token])
    bad = client.post(url, {"U1": "9", "U2": "4"})
    assert bad.status_code == 400 and "jawab 1–4" in bad.content.decode()
    forged = client.post(url, {"U1": "4", "sex": "<script>"})
    assert forged.status_code == 400 and "Periksa jawaban profil" in forged.content.decode()
    long_code = client.post(url, {"U1": "4", "ticket": "X" * 500, "skipped_ok": "1"})
    assert long_code.status_code == 400 and "Kode ini tidak berlaku" in long_code.content.decode()
    assert client.post(url, {"U1": "4", "U2": "", "skipped_ok": "1"}).status_code == 200
    assert client.get(reverse("surveys_public:answer", args=["tidak-ada"])).status_code == 404
    assert Response.objects.count() == 1


def test_the_public_form_has_a_rate_limit(client, survey, settings):
    cache.clear()
    settings.ZONA_SURVEY_RATE = "3/h"
    survey.one_per_device = False
    survey.save()
    url = reverse("surveys_public:answer", args=[survey.token])
    statuses = [client.post(url, {"U1": "4", "skipped_ok": "1"}).status_code for _ in range(5)]
    cache.clear()
    assert statuses[:3] == [200, 200, 200] and set(statuses[3:]) == {429}
    assert Response.objects.count() == 3
