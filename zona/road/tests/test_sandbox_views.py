"""The what-if sandbox moves the gates without touching the real assessment (answers, stored
scores, review); the road's pages check access on every object; the API and the command give the
same gates."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zona.api.tests.test_api import bearer
from zona.lke.models import Answer
from zona.road.models import Sandbox
from zona.road.sandbox import sandbox_gates, sandbox_open, sandbox_set

pytestmark = pytest.mark.django_db


def real_state(assessment):
    assessment.refresh_from_db()
    answers = list(
        Answer.objects.filter(assessment=assessment)
        .order_by("pk")
        .values_list("level", "ref", "value", "note", "returned")
    )
    return answers, assessment.scores, assessment.stage


def test_sandbox_edits_move_the_gates_and_leave_the_assessment_alone(area_failing, cast):
    before = real_state(area_failing)
    sandbox = sandbox_open(assessment=area_failing, user=cast["coordinator"])
    assert not sandbox_gates(sandbox).eligible("WBK")
    for ref, question in area_failing_questions(area_failing):
        sandbox = sandbox_set(sandbox=sandbox, ref=ref, raw="A" if "A" in question.options else "Ya")
    assert sandbox_gates(sandbox).eligible("WBK")
    assert real_state(area_failing) == before
    # another person's sandbox is their own
    other = sandbox_open(assessment=area_failing, user=cast["viewer"])
    assert not sandbox_gates(other).eligible("WBK") and Sandbox.objects.count() == 2


def area_failing_questions(assessment):
    from zona.lke.services import instrument_of

    return [
        (ref, q)
        for ref, q in instrument_of(assessment).questions.items()
        if ref.startswith(("A.I.2.", "A.II.2.")) and q.options
    ]


def test_the_sandbox_page_answers_htmx_with_the_gates_and_an_error_loses_nothing(client, area_failing, cast):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("road:sandbox", args=[area_failing.pk]))
    assert page.status_code == 200 and b'id="gates-WBK"' in page.content
    before = real_state(area_failing)
    url = reverse("road:sandbox_answer", args=[area_failing.pk])
    swapped = client.post(url, {"ref": "A.I.2.i.a", "value": "A"}, HTTP_HX_REQUEST="true")
    assert swapped.status_code == 200 and b'id="gates"' in swapped.content and b"<html" not in swapped.content
    bad = client.post(url, {"ref": "A.I.2.i.a", "value": "Z"}, HTTP_HX_REQUEST="true")
    assert b"bukan jawaban" in bad.content or b"not an answer" in bad.content
    sandbox = Sandbox.objects.get(assessment=area_failing, user=cast["coordinator"])
    assert sandbox.answers["A.I.2.i.a"] == "A"  # the bad answer replaced nothing
    assert real_state(area_failing) == before


@pytest.mark.parametrize(
    "who, status",
    [("coordinator", 200), ("viewer", 200), ("national", 200), ("outsider", 404), ("child", 404)],
)
def test_who_sees_the_gates_page(client, kspstk, cast, who, status):
    client.force_login(cast[who])
    response = client.get(reverse("road:gates", args=[kspstk.pk]))
    assert response.status_code == status
    if status == 200:
        assert b'id="gates-WBBM"' in response.content and b"path-WBBM" in response.content
        assert (b"Turn into plan steps" in response.content or b"Jadikan langkah" in response.content) is (
            who == "coordinator"
        )
    assert client.get(reverse("road:sandbox", args=[kspstk.pk])).status_code == status


@pytest.mark.parametrize("who, status", [("viewer", 403), ("outsider", 404), ("pic", 403)])
def test_only_the_coordinator_turns_the_path_into_steps(client, area_failing, cast, seed_plan, who, status):
    from zona.plans.models import ActionStep

    before = ActionStep.objects.count()
    client.force_login(cast[who])
    data = {"predicate": "WBK", "ref": ["A.I.2.i.a"], "pic": cast["pic"].pk, "due": f"{seed_plan.year}-04-30"}
    assert client.post(reverse("road:plan", args=[area_failing.pk]), data).status_code == status
    assert (
        client.post(
            reverse("road:effort", args=[area_failing.pk]), {"ref": "A.I.2.i.a", "effort": "5"}
        ).status_code
        == status
    )
    assert ActionStep.objects.count() == before and not area_failing.efforts.exists()


def test_the_coordinator_sets_an_effort_and_a_bad_one_is_refused(client, area_failing, cast):
    client.force_login(cast["coordinator"])
    url = reverse("road:effort", args=[area_failing.pk])
    client.post(url, {"ref": "A.I.2.i.a", "effort": "7"})
    assert area_failing.efforts.get(ref="A.I.2.i.a").effort == 7
    response = client.post(url, {"ref": "A.I.2.i.a", "effort": "abc"}, follow=True)
    assert area_failing.efforts.get(ref="A.I.2.i.a").effort == 7 and response.status_code == 200


def test_the_command_and_the_api_give_the_gates(client, kspstk, cast):
    out = StringIO()
    call_command(
        "lke", "gates", "--unit", "SUMSEL", "--year", str(kspstk.year), "--format", "json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["predicates"]["WBK"]["eligible"] and not data["predicates"]["WBBM"]["eligible"]
    area4 = next(g for g in data["predicates"]["WBBM"]["gates"] if g["name"].endswith("Akuntabilitas"))
    assert area4["margin"] == -0.11 and area4["passed"] is False
    text = StringIO()
    call_command("lke", "gates", "--unit", "SUMSEL", "--year", str(kspstk.year), stdout=text)
    assert "(-0.11)" in text.getvalue()
    url = f"/api/lke/assessments/{kspstk.pk}/gates"
    assert client.get(url, **bearer(cast["coordinator"])).json()["predicates"] == data["predicates"]
    assert client.get(url, **bearer(cast["outsider"])).status_code == 404


def test_the_start_page_shows_each_predicates_failing_gates_in_constant_queries(
    client, area_failing, cast, units, seed_plan
):
    client.force_login(cast["coordinator"])
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("start:home")).content.decode()
    assert "lke-gates-WBK" in page and "2. Penataan Tatalaksana" in page
    assert reverse("road:gates", args=[area_failing.pk]) in page
    # the same page with every gate passing costs the same queries
    area_failing.scores = {
        "mandiri": {**area_failing.scores["mandiri"], "wbk": {"eligible": True, "criteria": []}}
    }
    area_failing.save(update_fields=["scores"])
    with CaptureQueriesContext(connection) as ctx2:
        client.get(reverse("start:home"))
    assert len(ctx2.captured_queries) == len(ctx.captured_queries)
