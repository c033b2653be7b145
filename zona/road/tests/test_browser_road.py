"""A real browser on the road to WBK: the coordinator opens the gates, sees the failing area,
takes the cheapest path into the work plan (person in charge, date), marks a step done on the
plan page, and tries the path's answers in the what-if sandbox, where WBK passes live."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import browser_login
from zona.lke.models import Answer
from zona.plans.models import ActionStep, StepStatus
from zona.road.path import improved, paths

pytestmark = pytest.mark.browser


def test_the_coordinator_takes_the_cheapest_path(page, area_failing, cast, seed_plan):
    steps = paths(area_failing)[1]["WBK"].steps
    answers_before = list(Answer.objects.values_list("ref", "value"))
    browser_login(page, "koordinator")
    page.goto(f"/lke/{area_failing.pk}/")
    page.get_by_role("link", name="Gerbang predikat dan jalur termurah").click()
    failing = page.locator("#gates-WBK tr.gate-fail")
    expect(failing).to_have_count(1)
    expect(failing).to_contain_text("2. Penataan Tatalaksana")
    path = page.locator("#path-WBK")
    expect(path.locator(".path-summary")).to_contain_text(f"Lakukan {len(steps)} hal ini")
    path.get_by_label("Penanggung jawab").select_option(label="Pic")
    path.get_by_label("Tanggal target").fill(f"{seed_plan.year}-04-30")
    path.get_by_role("button", name="Jadikan langkah rencana kerja").click()
    expect(page.locator("body")).to_contain_text(f"{len(steps)} langkah ditambahkan")
    created = list(ActionStep.objects.filter(pic=cast["pic"]).order_by("pk"))
    assert len(created) == len(steps)

    page.goto(reverse("plans:indicator", args=[created[0].indicator_id]))
    item = page.locator("li", has_text=created[0].text)
    item.get_by_role("button", name="Tandai selesai").click()
    expect(item.get_by_role("button", name="Tandai selesai")).to_have_count(0)

    page.goto(reverse("road:sandbox", args=[area_failing.pk]))
    for step in steps:
        row = page.locator(f"#try-{step.question.ref.replace('.', '-')}")
        field = row.get_by_label(step.question.ref)
        with page.expect_response("**/simulasi/jawab/"):
            if step.question.options:
                field.select_option(step.target)
            else:
                field.fill(improved(step.question, step.target).as_text())
                field.dispatch_event("change")
    expect(page.locator("#gates-WBK thead")).to_contain_text("semua gerbang terpenuhi")
    assert ActionStep.objects.get(pk=created[0].pk).status == StepStatus.DONE
    assert list(Answer.objects.values_list("ref", "value")) == answers_before  # the sandbox touched nothing
