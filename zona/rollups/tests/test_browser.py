"""The national officer in a real browser: a step reported elsewhere moves the units table at
once (the summary refreshed by the change's commit); the table sorted by a column and filtered to
a unit; the LKE recap sorted by the self-assessment's score and filtered by the WBK predicate; and
at the scale of the country (4,000 units), sorting, a province, the early-warning list exported."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from zona.cases.models import Case
from zona.lke.models import Level
from zona.lke.services import answer_save, assessment_create
from zona.orgs.models import Level as UnitLevel
from zona.orgs.models import Unit
from zona.peers.tests.helpers import exported_names
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, Plan, StepStatus
from zona.plans.services import plan_import, step_set_state
from zona.rollups.models import UnitSummary, YearSummary

pytestmark = pytest.mark.browser


def test_the_national_officer_sorts_and_filters_the_national_tables(page, cast, units, seed_bytes, seed_plan):
    lahat = plan_import(parsed=read_plan(seed_bytes, "seed.md"), unit=units["LAHAT"], by=None)
    for step in ActionStep.objects.filter(indicator__component__area__plan=lahat).order_by("pk")[:10]:
        step_set_state(step=step, status=StepStatus.DONE, progress=100, by=cast["coordinator"])
    for code, raw in (("SUMSEL", "1"), ("LAHAT", "4")):
        lke = assessment_create(unit=units[code], year=2023, by=cast["coordinator"])
        answer_save(assessment=lke, level=Level.SELF, ref="B.1.a", raw=raw, by=cast["coordinator"])

    browser_login(page, "pimpinan", to="/monev/dasbor/ri/?tahun=2023")  # a viewer over the whole country
    table = page.locator("#units-table")
    expect(table).to_contain_text("KPU Provinsi Jambi")
    page.get_by_placeholder("Cari unit").fill("sumsel")  # the province by its code: its office and units
    page.get_by_role("button", name="Saring").click()
    expect(table).not_to_contain_text("KPU Provinsi Jambi")
    with page.expect_navigation():  # the second click must be on the sorted page's link
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
    with page.expect_navigation():  # the second click must be on the sorted page's link
        recap.get_by_role("link", name="Penilaian mandiri").click()
    recap.get_by_role("link", name="Penilaian mandiri").click()
    expect(recap.locator("tbody tr").first).to_contain_text("KPU Kabupaten Lahat")  # the higher score first
    page.locator("#wbk").select_option(label="WBK: belum memenuhi syarat")
    with page.expect_navigation():  # the unfiltered recap has the same two rows
        page.get_by_role("button", name="Saring").click()
    expect(recap).to_contain_text("KPU Provinsi Sumatera Selatan")
    expect(recap.locator("tbody tr")).to_have_count(2)


def _country(units) -> dict:
    """4,000 regencies under four provinces, with their summary rows written in bulk
    (no signal, no refresh: the rows are what the pages read); each regency's overdue steps below
    40 but one in Sumatera Selatan with 49; 40 of Bali's with a complaint past its deadline."""
    ri = units["RI"]
    provinces = [units["SUMSEL"], units["JAMBI"]]
    for code, name in (("ACEH", "Aceh"), ("BALI", "Bali")):
        provinces.append(
            Unit.objects.create(
                code=code,
                slug=code.lower(),
                name=f"KPU Provinsi {name}",
                level=UnitLevel.PROVINCE,
                parent=ri,
                path=f"{ri.path}{code}/",
            )
        )
    made = Unit.objects.bulk_create(
        Unit(
            code=f"{p.code}-K{i:04d}",
            slug=f"{p.code.lower()}-k{i:04d}",
            name=f"KPU Kabupaten {p.code} {i:04d}",
            level=UnitLevel.REGENCY,
            parent=p,
            path=f"{p.path}{p.code}-K{i:04d}/",
        )
        for p in provinces
        for i in range(1000)
    )
    UnitSummary.objects.bulk_create(UnitSummary(unit=u, province=u.parent) for u in made)
    # the summary rows alone sort the table: only the worst unit needs its plan (its count shown)
    worst = next(u for u in made if u.code == "SUMSEL-K0500")
    [plan] = Plan.objects.bulk_create([Plan(unit=worst, year=2023)])  # no signal: no refresh
    YearSummary.objects.bulk_create(
        YearSummary(
            unit=u, year=2023, plan=plan if u == worst else None, overdue=49 if u == worst else n % 40
        )
        for n, u in enumerate(made)
    )
    due = timezone.localdate() - timedelta(days=3)
    bali = [u for u in made if u.code.startswith("BALI-")][:40]
    Case.objects.bulk_create(
        Case(
            kind="complaint",
            unit=u,
            year=due.year,
            seq=1,
            number=f"complaint-{u.code}",
            tracking_hash="x" * 64,
            state="diterima",
            received_on=due.replace(day=1),
            due_on=due,
            channel="web",
            subject="Layanan",
        )
        for u in bali
    )
    return {"worst": worst, "bali": bali}


def test_the_national_officer_at_the_scale_of_the_country(page, cast, units):
    """4,000 units: sorted by overdue steps the worst unit of the country comes first (not the
    first province's), filtered to a province only its units, then the early-warning list of that
    province exported."""
    country = _country(units)

    browser_login(page, "pimpinan", to="/monev/dasbor/ri/?tahun=2023")
    table = page.locator("#units-table")
    expect(page.locator(".pagination")).to_contain_text("1 / 41")
    with page.expect_navigation():  # the second click must be on the sorted page's link
        table.get_by_role("link", name="Langkah terlambat").click()
    table.get_by_role("link", name="Langkah terlambat").click()  # again: descending
    expect(page).to_have_url(re.compile("urut=overdue&arah=turun"))
    first = table.locator("tbody tr").first
    expect(first).to_contain_text(country["worst"].name)
    expect(first).to_contain_text("KPU Provinsi Sumatera Selatan")
    expect(first.locator("td").nth(2)).to_have_text("49")
    page.locator("#provinsi").select_option(label="KPU Provinsi Bali")
    page.get_by_role("button", name="Saring").click()
    expect(page.locator(".pagination")).to_contain_text("1 / 11")  # 1,000 regencies and the office
    expect(table).not_to_contain_text("KPU Kabupaten SUMSEL")
    expect(table.locator("tbody tr").first).to_contain_text("KPU Provinsi Bali")

    page.goto(f"/pantauan/{units['RI'].slug}/peringatan/")
    page.locator("#provinsi").select_option(label="KPU Provinsi Bali")
    with page.expect_navigation():  # the unfiltered list may count 40 too: read the filtered one
        page.locator("#filters button").click()
    expect(page.locator("#count")).to_contain_text("40")
    warned = page.locator("#warnings tbody tr td:first-child")
    shown = sorted(t.strip() for t in warned.all_inner_texts())
    assert shown == sorted(u.name for u in country["bali"])
    assert exported_names(page) == shown
