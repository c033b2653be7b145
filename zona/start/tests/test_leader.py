"""The leader over units: links to the dashboard and LKE recap of their scope; the cross-unit list
grouped by province with a summary row, the latest LKE score and the WBK eligibility; a unit
without a plan is "belum ada rencana", never "0 terlambat"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playwright.sync_api import expect

from conftest import body, browser_login, make_user
from zona.lke.models import Assessment
from zona.monev.dashboard import descendant_rows
from zona.orgs.models import Role
from zona.orgs.services import unit_create


def lke(unit, year, total, eligible, level="mandiri", provisional=False):
    return Assessment.objects.create(
        unit=unit,
        year=year,
        instrument_urn="urn:test",
        scores={level: {"total": total, "wbk": {"eligible": eligible}, "provisional": provisional}},
    )


def test_a_review_under_way_shows_the_units_own_score_not_the_tpis(units, seed_plan):
    """The TPI's score stands only once a reviewer has answered every question: mid-review the
    cross-unit list shows the self-assessment, marked provisional when it is."""
    assessment = lke(units["LAHAT"], seed_plan.year, 70.0, True, provisional=True)
    assessment.scores["tpi"] = {"total": 90.0, "wbk": {"eligible": True}, "provisional": True}
    assessment.save()
    rows = descendant_rows(units["RI"], year=seed_plan.year, today=date(seed_plan.year + 2, 1, 1))
    lahat = next(r for r in rows if r.unit.code == "SUMSEL-LAHAT")
    assert (lahat.lke_level, lahat.lke_total, lahat.lke_provisional) == ("mandiri", 70.0, True)
    assessment.scores["tpi"]["provisional"] = False  # every question reviewed
    assessment.save()
    rows = descendant_rows(units["RI"], year=seed_plan.year, today=date(seed_plan.year + 2, 1, 1))
    lahat = next(r for r in rows if r.unit.code == "SUMSEL-LAHAT")
    assert (lahat.lke_level, lahat.lke_total, lahat.lke_provisional) == ("tpi", 90.0, False)


def test_rows_are_grouped_by_province_with_a_summary(units, seed_plan):
    lke(units["SUMSEL"], seed_plan.year - 1, 60.0, False)
    lke(units["SUMSEL"], seed_plan.year, 80.25, True)  # the latest counts
    lke(units["LAHAT"], seed_plan.year, 70.0, False, level="tpi")
    today = date(seed_plan.year + 2, 1, 1)
    rows = descendant_rows(units["RI"], year=seed_plan.year, today=today)
    assert [r.province.unit.code for r in rows] == ["JAMBI", "SUMSEL", "SUMSEL", "SUMSEL"]
    by_code = {r.unit.code: r for r in rows}
    sumsel = by_code["SUMSEL"].province
    assert sumsel.unit == units["SUMSEL"] and by_code["SUMSEL-LAHAT"].province is sumsel
    assert (sumsel.units, sumsel.planned, sumsel.wbk) == (3, 1, 1)
    assert sumsel.overdue == by_code["SUMSEL"].overdue > 0
    assert (by_code["SUMSEL"].lke_total, by_code["SUMSEL"].lke_year, bool(by_code["SUMSEL"].wbk)) == (
        80.25,
        seed_plan.year,
        True,
    )
    assert by_code["SUMSEL-LAHAT"].lke_level == "tpi" and not by_code["SUMSEL-LAHAT"].wbk
    assert by_code["SUMSEL-PALEMBANG"].lke_total is None and by_code["SUMSEL-PALEMBANG"].plan_id is None
    assert by_code["JAMBI"].province.planned == 0 and by_code["JAMBI"].province.progress is None


def test_a_unit_without_a_plan_is_never_zero_overdue(client, cast, units, seed_plan):
    client.force_login(cast["national"])
    page = body(
        client.get(reverse("monev:dashboard", args=[units["RI"].slug]), {"tahun": seed_plan.year})
    ).decode()
    table = page[page.index('id="units-table"') :]
    palembang = table[table.index("KPU Kota Palembang") :].split("</tr>")[0]
    assert "belum ada rencana" in palembang and not re.search(r"<td>0</td>", palembang)
    assert table.count("province-row") == 2  # Jambi and Sumatera Selatan
    assert "3 unit, 1 dengan rencana" in table
    jambi = table[table.index("KPU Provinsi Jambi") :].split("</tr>")[0]  # its summary row: no plan
    assert "belum ada rencana" in jambi and not re.search(r"<td>0</td>", jambi)


def test_the_leaders_start_page_links_to_the_dashboard_and_lke_recap(client, cast, units, seed_plan):
    leader = make_user("pimpinan.sumsel", units["SUMSEL"], Role.VIEWER, descendants=True)
    lke(units["LAHAT"], seed_plan.year, 70.0, False)
    client.force_login(leader)
    page = body(client.get(reverse("start:home"))).decode()
    assert reverse("monev:dashboard", args=[units["SUMSEL"].slug]) in page
    assert reverse("lke:rollup", args=[units["SUMSEL"].slug, seed_plan.year]) in page
    # a coordinator of a unit with nothing below gets no leader links
    client.force_login(cast["child"])
    assert "leader-links" not in body(client.get(reverse("start:home"))).decode()


def _queries(client, url, data) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data).status_code == 200
    return len(ctx.captured_queries)


def test_the_grouped_list_costs_the_same_for_1_or_10_regencies(client, cast, units, seed_plan):
    client.force_login(cast["national"])
    url = reverse("monev:dashboard", args=[units["RI"].slug])
    before = _queries(client, url, {"tahun": seed_plan.year})
    for n in range(9):
        unit = unit_create(
            code=f"JAMBI-{n}", name=f"KPU Kabupaten {n}", level="regency", parent=units["JAMBI"]
        )
        lke(unit, seed_plan.year, 50.0 + n, n % 2 == 0)
    assert _queries(client, url, {"tahun": seed_plan.year}) == before


@pytest.mark.browser
def test_the_provincial_leaders_journey(page, units, seed_plan):
    make_user("pimpinan.sumsel", units["SUMSEL"], Role.VIEWER, descendants=True)
    lke(units["LAHAT"], seed_plan.year, 70.5, True, level="tpi")
    browser_login(page, "pimpinan.sumsel")
    page.locator(".leader-links").get_by_role("link", name="Dasbor unit di bawahnya").click()
    page.wait_for_url(f"**/monev/dasbor/{units['SUMSEL'].slug}/")
    table = page.locator("#units-table")
    assert table.locator(".province-row").count() == 1
    assert "2 unit, 0 dengan rencana" in table.locator(".province-row").inner_text()
    lahat = table.locator("tr", has_text="KPU Kabupaten Lahat")
    assert "belum ada rencana" in lahat.inner_text() and "70,50" in lahat.inner_text()
    assert "memenuhi syarat" in lahat.inner_text()
    page.goto("/beranda/")
    page.locator(".leader-links").get_by_role("link", name=f"Rekap LKE {seed_plan.year}").click()
    page.wait_for_url(f"**/lke/rekap/{units['SUMSEL'].slug}/{seed_plan.year}/")
    expect(page.locator("body")).to_contain_text("KPU Kabupaten Lahat")
