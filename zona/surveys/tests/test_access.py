"""Every survey view × every role: a unit's raw answers and drafts are seen by those whose role
covers the unit, changed only by those who manage its services; the public sees aggregates of
published surveys and published standards only."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import body, check_access, may_by_role, shows
from zona.orgs.permissions import Action
from zona.surveys import services
from zona.surveys.answers import response_submit, tickets_make
from zona.surveys.models import CustomDefinition, FollowUp, Response, Service, ServiceStandard, Survey, Ticket
from zona.surveys.service_standards import standard_publish, standard_save
from zona.surveys.standards import COMPONENTS
from zona.surveys.tests.factories import DURING_Q1, answer, make_survey
from zona.surveys.tests.test_surveys import CULTURE

MAY = may_by_role(Action.MANAGE_SERVICES)


@pytest.fixture
def world(seed_plan, units, cast, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    by = cast["coordinator"]
    survey = make_survey(units["SUMSEL"], by, title="Survei loket Q1")
    code = tickets_make(survey=survey, count=1, by=by)[0]
    response = answer(survey, [4] * 9, ticket=code)
    standard = standard_save(
        service=survey.service,
        components={k: f"Isi {k}" for k in COMPONENTS},
        maklumat="Kami sanggup melayani tanpa pungutan",
        effective_on=date(2026, 1, 2),
        by=by,
    )
    indicator = seed_plan.areas.first().components.first().indicators.first()
    return {
        "survey": survey,
        "code": code,
        "response": response,
        "standard": standard,
        "indicator": indicator,
    }


def is_pdf(response) -> bool:
    return response.status_code == 200 and body(response).startswith(b"%PDF")


def requests(w, cast):
    survey, response, standard = w["survey"], w["response"], w["standard"]
    slug, pk = survey.unit.slug, survey.pk
    csv = b"U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,3\n"
    return [
        ("unit", "get", reverse("surveys:unit", args=[slug]), None, Action.VIEW, shows("Survei loket Q1")),
        ("detail", "get", reverse("surveys:detail", args=[pk]), None, Action.VIEW, shows(w["code"])),
        ("qr", "get", reverse("surveys:qr", args=[pk]), None, Action.VIEW, is_pdf),
        (
            "standards",
            "get",
            reverse("surveys:standards", args=[slug]),
            None,
            Action.VIEW,
            shows("Kami sanggup melayani"),
        ),
        (
            "standard form",
            "get",
            reverse("surveys:standard_new", args=[slug, survey.service_id]),
            None,
            Action.MANAGE_SERVICES,
            shows("Kami sanggup melayani"),  # the latest version, to start the next from
        ),
        (
            "paper",
            "post",
            reverse("surveys:paper", args=[pk]),
            {"U1": "3", "U2": "4", "occupation": "Wirausaha"},
            Action.MANAGE_SERVICES,
            lambda: Response.objects.filter(survey=survey).count(),
        ),
        (
            "upload",
            "post",
            reverse("surveys:upload", args=[pk]),
            {"file": SimpleUploadedFile("kertas.csv", csv)},
            Action.MANAGE_SERVICES,
            lambda: Response.objects.filter(survey=survey).count(),
        ),
        (
            "mark",
            "post",
            reverse("surveys:mark", args=[pk, response.pk]),
            {"suspect": "1", "reason": "jawaban ganda"},
            Action.MANAGE_SERVICES,
            lambda: Response.objects.get(pk=response.pk).suspect,
        ),
        (
            "follow-up",
            "post",
            reverse("surveys:follow_up", args=[pk]),
            {
                "item": "U9",
                "indicator": w["indicator"].pk,
                "text": "Kotak saran di loket",
                "pic": cast["pic"].pk,
                "due_on": "2026-06-30",
            },
            Action.MANAGE_SERVICES,
            lambda: FollowUp.objects.count(),
        ),
        (
            "service",
            "post",
            reverse("surveys:service_new", args=[slug]),
            {"name": "Layanan baru"},
            Action.MANAGE_SERVICES,
            lambda: Service.objects.count(),
        ),
        (
            "survey",
            "post",
            reverse("surveys:survey_new", args=[slug]),
            {
                "service": survey.service_id,
                "definition": "ipkp@1",
                "period_start": "2026-04-01",
                "period_end": "2026-06-30",
                "population": "0",
                "weight": "exact",
            },
            Action.MANAGE_SERVICES,
            lambda: Survey.objects.count(),
        ),
        (
            "definition",
            "post",
            reverse("surveys:definitions", args=[slug]),
            {"text": CULTURE},
            Action.MANAGE_SERVICES,
            lambda: CustomDefinition.objects.count(),
        ),
        (
            "standard",
            "post",
            reverse("surveys:standard_new", args=[slug, survey.service_id]),
            {
                "effective_on": "2026-03-01",
                "maklumat": "Janji baru",
                **{f"c_{k}": "isi" for k in COMPONENTS},
            },
            Action.MANAGE_SERVICES,
            lambda: ServiceStandard.objects.count(),
        ),
        (
            "publish standard",
            "post",
            reverse("surveys:standard_state", args=[slug, standard.pk]),
            {"action": "publish"},
            Action.MANAGE_SERVICES,
            lambda: ServiceStandard.objects.get(pk=standard.pk).published_on,
        ),
        (
            "close",
            "post",
            reverse("surveys:state", args=[pk]),
            {"action": "close"},
            Action.MANAGE_SERVICES,
            lambda: Survey.objects.get(pk=pk).status,
        ),
    ]


@pytest.mark.parametrize("role", list(MAY))
def test_every_survey_view_for_every_role(client, cast, world, role):
    check_access(client, cast[role], requests(world, cast), MAY[role])


def test_the_anonymous_are_sent_to_sign_in(client, cast, world):
    check_access(client, None, requests(world, cast), set())


@pytest.mark.parametrize(
    ("role", "status", "made"), [("coordinator", 200, 5), ("viewer", 403, 0), ("outsider", 404, 0)]
)
def test_one_time_codes_are_made_by_those_who_manage(client, cast, world, role, status, made):
    survey = world["survey"]
    client.force_login(cast[role])
    response = client.post(reverse("surveys:tickets", args=[survey.pk]), {"count": "5"})
    assert response.status_code == status
    assert Ticket.objects.filter(survey=survey).count() == 1 + made
    if made:
        codes = response.content.decode().split()
        assert codes[0] == "kode" and set(codes[1:]) == set(
            Ticket.objects.filter(survey=survey, used=False).values_list("code", flat=True)
        )


def test_the_public_sees_aggregates_of_published_surveys_only(client, cast, world, monkeypatch):
    survey, code = world["survey"], world["code"]
    results = reverse("surveys_public:results", args=[survey.unit.slug, survey.token])
    data = reverse("surveys_public:results_data", args=[survey.unit.slug, survey.token, "json"])
    poster = reverse("surveys_public:results_pdf", args=[survey.unit.slug, survey.token, "poster"])
    assert client.get(results).status_code == 404  # not published yet
    assert client.get(data).status_code == 404
    assert client.get(poster).status_code == 404
    for n in range(3):
        response_submit(
            survey=survey,
            answers={"U1": 3, "U2": 4},
            profile={
                "sex": "Perempuan",
                "occupation": "Wirausaha" if n else "Nelayan",
                "age_group": "" if n else "≥ 60",
            },
            device=f"d{n}",
        )
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 2))
    services.survey_publish(survey=survey, by=cast["coordinator"])
    page = client.get(results).content.decode()
    assert "Survei Kepuasan Masyarakat" in page and 'id="ikm"' in page
    assert code not in page and world["response"].device not in page
    assert "Perempuan: 3" in page  # a group of 3 is shown
    assert "Nelayan" not in page and "Wirausaha" not in page  # groups of 1 and 2 are not named
    assert "jawaban lain: 3" in page  # pooled, they are 3
    assert "≥ 60" not in page and "jawaban lain: &lt; 3" in page  # a lone answer: not even counted
    opened = json.loads(client.get(data).content)
    assert set(opened) == {
        "unit",
        "service",
        "survey",
        "questionnaire",
        "period",
        "respondents",
        "ikm",
        "index",
        "mutu",
        "weight",
        "items",
    }
    assert opened["respondents"] == 4
    assert set(opened["items"][0]) == {"key", "name", "nrr", "answered"}
    wrong_unit = reverse("surveys_public:results", args=[world["survey"].unit.parent.slug, survey.token])
    assert client.get(wrong_unit).status_code == 404


def test_the_public_sees_published_standards_only(client, world, cast):
    standard = world["standard"]
    slug = standard.service.unit.slug
    listing = reverse("surveys_public:standards_public", args=[slug])
    maklumat = reverse("surveys_public:maklumat_pdf", args=[slug, standard.pk])
    assert b"Kami sanggup" not in client.get(listing).content
    assert client.get(maklumat).status_code == 404
    standard_publish(standard=standard, by=cast["coordinator"])
    assert b"Kami sanggup" in client.get(listing).content
    assert is_pdf(client.get(maklumat))
    other = reverse("surveys_public:maklumat_pdf", args=["jambi", standard.pk])
    assert client.get(other).status_code == 404
