"""The national officer in a real browser: a step reported elsewhere moves the units table at
once (the summary refreshed by the change's commit); the table sorted by a column and filtered to
a unit; the LKE recap sorted by the self-assessment's score and filtered by the WBK predicate."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.lke.models import Level
from zona.lke.services import answer_save, assessment_create
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, StepStatus
from zona.plans.services import plan_import, step_set_state

pytestmark = pytest.mark.browser


def test_the_national_officer_sorts_and_filters_the_national_tables(page, cast, units, seed_bytes, seed_plan):
    lahat = plan_import(parsed=read_plan(seed_bytes, "seed.md"), unit=units["LAHAT"], by=None)
    for step in ActionStep.objects.filter(indicator__component__area__plan=lahat).order_by("pk")[:10]:
        step_set_state(step=step, status=StepStatus.DONE, progress=100, by=cast["coordinator"])
    for code, raw in (("SUMSEL", "1"), ("LAHAT", "4")):
        lke = assessment_create(unit=units[code], year=2023, by=cast["coordinator"])
        answer_save(assessment=lke, level=Level.SELF, ref="B.1.a", raw=raw, by=cast["coordinator"])

    browser_login(page, "pimpinan")  # a viewer over the whole country
    page.goto("/monev/dasbor/ri/?tahun=2023")
    table = page.locator("#units-table")
    expect(table).to_contain_text("KPU Provinsi Jambi")
    page.get_by_placeholder("Cari unit").fill("sumsel")  # the province by its code: its office and units
    page.get_by_role("button", name="Saring").click()
    expect(table).not_to_contain_text("KPU Provinsi Jambi")
    table.get_by_role("link", name="Kemajuan").click()
    table.get_by_role("link", name="Kemajuan").click()  # again: descending
    expect(page).to_have_url(re.compile("q=sumsel.*urut=progress&arah=turun"))
    first = table.locator("tbody tr:not(.province-row)").first
    expect(first).to_contain_text("KPU Kabupaten Lahat")  # the only unit with steps done
    page.get_by_placeholder("Cari unit").fill("lahat")
    page.get_by_role("button", name="Saring").click()
    expect(table).to_contain_text("KPU Kabupaten Lahat")
    expect(table).not_to_contain_text("KPU Kota Palembang")

    page.goto("/lke/rekap/ri/2023/")
    recap = page.locator("#rollup")
    recap.get_by_role("link", name="Penilaian mandiri").click()
    recap.get_by_role("link", name="Penilaian mandiri").click()
    expect(recap.locator("tbody tr").first).to_contain_text("KPU Kabupaten Lahat")  # the higher score first
    page.locator("#wbk").select_option(label="WBK: belum memenuhi syarat")
    page.get_by_role("button", name="Saring").click()
    expect(recap).to_contain_text("KPU Provinsi Sumatera Selatan")
    expect(recap.locator("tbody tr")).to_have_count(2)
