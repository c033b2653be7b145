"""The PIC picker of a step offers the people who may be in charge of it there: a role that
reports on the step's unit (held on it, or over it from above), never the TPI, a viewer, or the
people of other units; the assignment accepts no one else."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import body, browser_login, make_user
from zona.orgs.models import Role
from zona.plans.models import ActionStep
from zona.plans.selectors import pic_candidates

MAY = {"koordinator", "admin_unit", "pic", "koor_area", "pic.nasional"}


@pytest.fixture
def step(cast, units, seed_plan):
    make_user("pic.nasional", units["RI"], Role.PIC, descendants=True)  # over every unit
    make_user("pic.palembang", units["PALEMBANG"], Role.PIC)  # a unit below: cannot open the plan
    return ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk").first()


def test_the_candidates_are_the_people_who_may_report_on_the_unit(step, units):
    assert {u.username for u in pic_candidates(units["SUMSEL"])} == MAY


def test_the_picker_lists_them_and_the_assignment_refuses_anyone_else(client, cast, step):
    client.force_login(cast["coordinator"])
    page = body(client.get(reverse("plans:indicator", args=[step.indicator_id]))).decode()
    picker = page[page.index(f'id="pic-{step.pk}"') :].split("</select>")[0]
    offered = set(re.findall(r'<option value="(\d+)"', picker))
    assert offered == {
        str(pk) for pk in pic_candidates(step.indicator.component.area.plan.unit).values_list("pk", flat=True)
    }
    assert len(offered) == len(MAY) and "Tpi" not in picker and "Pemantau" not in picker
    for outsider in ("reviewer", "viewer", "child"):
        client.post(reverse("plans:step_assign", args=[step.pk]), {"pic": cast[outsider].pk})
        step.refresh_from_db()
        assert step.pic_id is None
    client.post(reverse("plans:step_assign", args=[step.pk]), {"pic": cast["pic"].pk})
    step.refresh_from_db()
    assert step.pic == cast["pic"]


@pytest.mark.browser
def test_the_coordinator_picks_a_pic_from_the_units_people(page, step):
    browser_login(page, "koordinator", to=reverse("plans:indicator", args=[step.indicator_id]))
    picker = page.locator(f"#pic-{step.pk}")
    expect(picker.locator("option")).to_have_count(len(MAY) + 1)  # and "not assigned"
    expect(picker).not_to_contain_text("Tpi")
    picker.select_option(label="Pic.Nasional")
    page.locator(f"#pic-{step.pk}").locator("xpath=..").get_by_role("button", name="Tetapkan").click()
    expect(page.locator("body")).to_contain_text("Penanggung jawab disimpan")
    step.refresh_from_db()
    assert step.pic.username == "pic.nasional"
