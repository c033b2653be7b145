"""The page after signing in shows what the person must do and where their units stand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from conftest import body, browser_login, make_user
from zona.orgs.models import Role
from zona.plans.models import ActionStep
from zona.start.selectors import standing, todo


def test_signing_in_leads_to_the_start_page(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "pemantau", "password": "x"})
    assert response.status_code == 200  # wrong password: stays
    from conftest import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "pemantau", "password": PASSWORD})
    assert response["Location"] == reverse("start:home")


def test_the_pics_overdue_step_and_the_units_standing(client, cast, seed_plan):
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).first()
    step.pic = cast["pic"]
    step.save()
    today = date(seed_plan.year, 12, 31) + timedelta(days=400)
    found = todo(cast["pic"], today)
    assert step in found.steps
    rows = standing(cast["pic"])
    assert rows[0].unit.code == "SUMSEL" and rows[0].plan == seed_plan and rows[0].progress is not None
    client.force_login(cast["pic"])
    page = body(client.get(reverse("start:home"))).decode()
    assert "todo-steps" in page and step.text[:40] in page and "KPU Provinsi Sumatera Selatan" in page
    client.force_login(cast["outsider"])
    assert step.text[:40] not in body(client.get(reverse("start:home"))).decode()


def test_reviews_waiting_for_the_tpi(client, cast, seed_plan):
    from zona.evidence.services import evidence_create_link

    evidence_create_link(unit=seed_plan.unit, title="SK Tim", url="https://example.org/sk", by=cast["pic"])
    assert todo(cast["reviewer"], date.today()).evidence == 1
    assert todo(cast["viewer"], date.today()).evidence == 0
    assert todo(cast["outsider"], date.today()).evidence == 0


def test_cases_due_for_their_handlers(units, cast):
    from zona.complaints.tests.test_complaints import submit

    officer = make_user("petugas", units["SUMSEL"], Role.COMPLAINT_OFFICER)
    case, _code = submit(units["SUMSEL"], received_on=date.today())
    later = date.today() + timedelta(days=60)
    assert [c for _spec, c in todo(officer, later).cases] == [case]
    assert todo(cast["viewer"], later).cases == []


@pytest.mark.browser
def test_a_newcomer_signs_in_and_sees_what_to_do(page, cast, seed_plan):
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).first()
    step.pic = cast["pic"]
    step.save()
    browser_login(page, "pic")
    assert page.url.endswith("/beranda/")
    assert page.locator("#standing").inner_text().count("KPU Provinsi Sumatera Selatan") == 1
