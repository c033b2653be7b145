"""A real browser on the road to WBK: the coordinator opens the gates, sees the failing area,
takes the cheapest path into the work plan (person in charge, date); the person in charge reports
each of those steps done in the quarter's monev cycle (the cycle's report form); the coordinator
tries the path's answers in the what-if sandbox, where every WBK gate passes live without touching
the assessment, and finally answers those questions in the LKE itself, now that the steps are done:
the gates page shows every WBK gate passing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import browser_login
from zona.lke.models import Answer
from zona.monev.models import StepReport
from zona.monev.services import cycle_open
from zona.plans.models import ActionStep, StepStatus
from zona.road.models import ForecastSnapshot
from zona.road.path import improved, paths

pytestmark = pytest.mark.browser


def test_the_coordinator_takes_the_cheapest_path(page, area_failing, cast, seed_plan):
    steps = paths(area_failing)[1]["WBK"].steps
    answers_before = list(Answer.objects.values_list("ref", "value"))
    browser_login(page, "koordinator", to=f"/lke/{area_failing.pk}/")
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

    # the quarter's monev cycle: the person in charge reports each step of the path done
    cycle = cycle_open(plan=seed_plan, quarter=2, by=cast["coordinator"])
    browser_login(page, "pic")
    for step in created:
        page.goto(reverse("monev:step_report", args=[cycle.pk, step.pk]))
        form = page.locator("#report-form")
        form.get_by_label("Status", exact=True).select_option(label="Selesai")
        form.get_by_label("Progres (%)").fill("100")
        form.get_by_role("button", name="Simpan laporan").click()
        expect(page.locator("body")).to_contain_text("Laporan disimpan")
        expect(page.locator(f"#step-{step.pk} .step-state")).to_contain_text("Selesai · 100%")
    assert StepReport.objects.filter(
        cycle=cycle, step__in=created, status=StepStatus.DONE, reported_by=cast["pic"]
    ).count() == len(created)
    assert ForecastSnapshot.objects.filter(assessment=area_failing).exists()  # the worker recomputed it

    browser_login(page, "koordinator", to=reverse("road:sandbox", args=[area_failing.pk]))
    for step in steps:
        row = page.locator(f"#try-{step.question.ref.replace('.', '-')}")
        with page.expect_response("**/simulasi/jawab/"):
            if step.question.options:
                row.get_by_label(step.question.ref).select_option(step.target)
            else:  # a numeric question: its counts, each by its label
                for i, number in enumerate(improved(step.question, step.target).numbers):
                    row.locator(f"[name=n{i}]").fill(str(number))
                row.locator("[name=n0]").dispatch_event("change")
    expect(page.locator("#gates-WBK thead")).to_contain_text("semua gerbang terpenuhi")
    assert all(s.status == StepStatus.DONE for s in ActionStep.objects.filter(pk__in=[c.pk for c in created]))
    assert list(Answer.objects.values_list("ref", "value")) == answers_before  # the sandbox touched nothing

    # the steps are done: the coordinator answers those questions in the LKE itself
    for step in steps:
        ref = step.question.ref
        section = reverse("lke:section", args=[area_failing.pk, ".".join(ref.split(".")[:3])])
        if not page.url.split("#")[0].endswith(section):  # a saved answer leads back to its section
            page.goto(section)
        card = page.locator("#q-" + ref.replace(".", "\\."))
        if step.question.options:
            card.get_by_label("Jawaban").select_option(step.target)
        else:
            for number, value in enumerate(improved(step.question, step.target).as_text().split(";")):
                card.locator(f"input[name=n{number}]").fill(value)
        card.get_by_role("button", name="Simpan jawaban").click()
        expect(page.locator("body")).to_contain_text(f"Jawaban {ref} disimpan")
    page.goto(f"/lke/{area_failing.pk}/")
    page.get_by_role("link", name="Gerbang predikat dan jalur termurah").click()
    expect(page.locator("#gates-WBK thead")).to_contain_text("semua gerbang terpenuhi")
    expect(page.locator("#gates-WBK tr.gate-fail")).to_have_count(0)


def test_the_path_pressed_twice_plans_nothing_twice(page, area_failing, cast, seed_plan):
    steps = paths(area_failing)[1]["WBK"].steps
    browser_login(page, "koordinator", to=reverse("road:gates", args=[area_failing.pk]))
    path = page.locator("#path-WBK")
    for _press in range(2):
        path.get_by_label("Penanggung jawab").select_option(label="Pic")
        path.get_by_label("Tanggal target").fill(f"{seed_plan.year}-04-30")
        if _press == 1:  # the boxes are gone: post what a stale copy of the page would
            path.locator("form").evaluate(
                "(f, refs) => refs.forEach(r => { const i = document.createElement('input');"
                " i.type = 'hidden'; i.name = 'ref'; i.value = r; f.appendChild(i); })",
                [s.question.ref for s in steps],
            )
        # the page comes back to itself; after the first press it says "sudah ada di rencana kerja"
        # on every planned step already, so the second press's answer is only told by the new page
        with page.expect_navigation():
            path.get_by_role("button", name="Jadikan langkah rencana kerja").click()
        if _press == 0:
            expect(page.locator("body")).to_contain_text(f"{len(steps)} langkah ditambahkan")
            expect(path.locator(".planned")).to_have_count(len(steps))
            expect(path.locator(".path-steps input[name=ref]")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("sudah ada di rencana kerja")
    assert ActionStep.objects.filter(pic=cast["pic"]).count() == len(steps)


def test_the_sandbox_asks_a_numeric_answer_by_its_counts(page, kspstk):
    browser_login(page, "koordinator", to=reverse("road:sandbox", args=[kspstk.pk]))
    row = page.locator("#try-A-II-4-i-a")
    expect(row).to_contain_text("1 dari 9 sasaran tercapai 100% atau lebih (11,11 %)")
    expect(row.get_by_label("Jumlah sasaran kinerja", exact=True)).to_have_value("9")
    total = page.locator("#gates-total").inner_text()
    with page.expect_response("**/simulasi/jawab/"):
        row.get_by_label("Jumlah sasaran kinerja yang tercapai 100% atau lebih").fill("9")
        row.get_by_label("Jumlah sasaran kinerja yang tercapai 100% atau lebih").dispatch_event("change")
    expect(page.locator("#gates-total")).not_to_have_text(total)
    assert kspstk.sandboxes.get().answers["A.II.4.i.a"] == "9;9"
