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
from zona.lke.models import Assessment, Stage
from zona.monev.dashboard import descendant_rows
from zona.orgs.models import Role
from zona.orgs.services import unit_create


def lke(unit, year, total, eligible, level="mandiri", provisional=False, stage=Stage.FINAL):
    return Assessment.objects.create(
        unit=unit,
        year=year,
        stage=stage,
        instrument_urn="urn:test",
        scores={level: {"total": total, "wbk": {"eligible": eligible}, "provisional": provisional}},
    )


def test_a_review_under_way_shows_the_units_own_score_not_the_tpis(units, seed_plan):
    """The TPI's score stands only once a reviewer has answered every question: mid-review the
    cross-unit list shows the self-assessment, marked provisional when it is."""
    assessment = lke(units["LAHAT"], seed_plan.year, 70.0, True, provisional=True, stage=Stage.REVIEW)
    assessment.scores["tpi"] = {"total": 90.0, "wbk": {"eligible": True}, "provisional": True}
    assessment.save()
    rows = descendant_rows(units["RI"], year=seed_plan.year, today=date(seed_plan.year + 2, 1, 1))
    lahat = next(r for r in rows if r.unit.code == "SUMSEL-LAHAT")
    assert (lahat.lke.level, lahat.lke.total, lahat.lke.provisional) == ("mandiri", 70.0, True)
    assert lahat.lke.draft_year == seed_plan.year and lahat.wbk is None  # no final LKE: no claim
    assessment.scores["tpi"]["provisional"] = False  # every question reviewed
    assessment.save()
    rows = descendant_rows(units["RI"], year=seed_plan.year, today=date(seed_plan.year + 2, 1, 1))
    lahat = next(r for r in rows if r.unit.code == "SUMSEL-LAHAT")
    assert (lahat.lke.level, lahat.lke.total, lahat.lke.provisional) == ("tpi", 90.0, False)


def test_rows_are_grouped_by_province_with_a_summary(units, seed_plan):
    lke(units["SUMSEL"], seed_plan.year - 1, 60.0, False)
    lke(units["SUMSEL"], seed_plan.year, 80.25, True)  # the latest counts
    lke(units["LAHAT"], seed_plan.year, 70.0, False, level="tpi")
    today = date(seed_plan.year + 2, 1, 1)
    rows = descendant_rows(units["RI"], year=seed_plan.year, today=today)
    # the leader's own unit (the national office) too, under no province, last
    assert [r.province.unit and r.province.unit.code for r in rows] == [
        "JAMBI",
        "SUMSEL",
        "SUMSEL",
        "SUMSEL",
        None,
    ]
    by_code = {r.unit.code: r for r in rows}
    sumsel = by_code["SUMSEL"].province
    assert sumsel.unit == units["SUMSEL"] and by_code["SUMSEL-LAHAT"].province is sumsel
    assert (sumsel.units, sumsel.planned, sumsel.wbk) == (3, 1, 1)
    assert sumsel.overdue == by_code["SUMSEL"].overdue > 0
    assert (by_code["SUMSEL"].lke.total, by_code["SUMSEL"].lke.year, bool(by_code["SUMSEL"].wbk)) == (
        80.25,
        seed_plan.year,
        True,
    )
    assert by_code["SUMSEL-LAHAT"].lke.level == "tpi" and not by_code["SUMSEL-LAHAT"].wbk
    assert by_code["SUMSEL-PALEMBANG"].lke.total is None and by_code["SUMSEL-PALEMBANG"].plan_id is None
    assert by_code["JAMBI"].province.planned == 0 and by_code["JAMBI"].province.progress is None


def test_the_leaders_own_unit_is_listed_in_its_province_and_counted(units, seed_plan):
    today = date(seed_plan.year + 2, 1, 1)
    rows = descendant_rows(units["SUMSEL"], year=seed_plan.year, today=today, sort="overdue", descending=True)
    assert [r.unit.code for r in rows] == ["SUMSEL", "SUMSEL-LAHAT", "SUMSEL-PALEMBANG"]
    own = rows[0]
    assert own.plan_id == seed_plan.pk and own.overdue > 0 and own.province.unit == units["SUMSEL"]
    assert (own.province.units, own.province.planned, own.province.overdue) == (3, 1, own.overdue)
    assert descendant_rows(units["LAHAT"], year=seed_plan.year, today=today)[0].unit == units["LAHAT"]


def test_a_newer_draft_does_not_replace_the_latest_final_score(client, cast, units, seed_plan):
    year = seed_plan.year
    lke(units["LAHAT"], year - 1, 60.0, False, level="tpi")
    lke(units["LAHAT"], year, 78.5, True, level="tpi")
    lke(units["LAHAT"], year + 1, 40.0, False, stage=Stage.SELF)  # under way: says nothing yet
    lke(units["PALEMBANG"], year + 1, 90.0, True, stage=Stage.REVIEW)  # no final one at all
    rows = {r.unit.code: r for r in descendant_rows(units["SUMSEL"], year=year, today=date(year, 6, 1))}
    lahat, palembang = rows["SUMSEL-LAHAT"], rows["SUMSEL-PALEMBANG"]
    assert (lahat.lke.year, lahat.lke.total, lahat.lke.final, lahat.wbk) == (year, 78.5, True, True)
    assert lahat.lke.draft_year == year + 1
    assert (palembang.lke.final, palembang.lke.total, palembang.wbk) == (False, 90.0, None)
    assert lahat.province.wbk == 1  # the final eligibility only
    client.force_login(cast["reviewer"])
    page = body(client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]), {"tahun": year}))
    table = page.decode()[page.decode().index('id="units-table"') :]
    cell = table[table.index("KPU Kabupaten Lahat") :].split("</tr>")[0]
    assert re.search(rf"{year}: 78,50 <span[^>]*>\(final, [^)]+\)</span>; <span[^>]*>{year + 1}: draf", cell)
    assert "memenuhi syarat" in cell and "belum memenuhi syarat" not in cell
    other = table[table.index("KPU Kota Palembang") :].split("</tr>")[0]
    assert "(draf, " in other and "belum ada LKE final" in other


def test_a_unit_without_a_plan_is_never_zero_overdue(client, cast, units, seed_plan):
    client.force_login(cast["national"])
    page = body(
        client.get(reverse("monev:dashboard", args=[units["RI"].slug]), {"tahun": seed_plan.year})
    ).decode()
    table = page[page.index('id="units-table"') :]
    palembang = table[table.index("KPU Kota Palembang") :].split("</tr>")[0]
    assert "belum ada rencana" in palembang and not re.search(r"<td>0</td>", palembang)
    assert table.count("province-row") == 3  # Jambi, Sumatera Selatan, the national office
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
    # each first read refreshes the summaries the changes before it marked (the test's transaction
    # never commits, so their refresh after the commit never ran): count the read that follows
    _queries(client, url, {"tahun": seed_plan.year})
    before = _queries(client, url, {"tahun": seed_plan.year})
    for n in range(9):
        unit = unit_create(
            code=f"JAMBI-{n}", name=f"KPU Kabupaten {n}", level="regency", parent=units["JAMBI"]
        )
        lke(unit, seed_plan.year, 50.0 + n, n % 2 == 0)
    _queries(client, url, {"tahun": seed_plan.year})
    assert _queries(client, url, {"tahun": seed_plan.year}) == before


@pytest.mark.browser
def test_the_provincial_leaders_journey(page, units, seed_plan):
    make_user("pimpinan.sumsel", units["SUMSEL"], Role.VIEWER, descendants=True)
    lke(units["LAHAT"], seed_plan.year, 70.5, True, level="tpi")
    lke(units["LAHAT"], seed_plan.year + 1, 30.0, False, stage=Stage.SELF)  # a newer one, a draft
    browser_login(page, "pimpinan.sumsel")
    page.locator(".leader-links").get_by_role("link", name="Dasbor unit di bawahnya").click()
    page.wait_for_url(f"**/monev/dasbor/{units['SUMSEL'].slug}/")
    table = page.locator("#units-table")
    assert table.locator(".province-row").count() == 1
    # the province's own office is one of its units: it has the plan
    assert "3 unit, 1 dengan rencana" in table.locator(".province-row").inner_text()
    expect(table.locator("tr", has_text="KPU Provinsi Sumatera Selatan").nth(1)).to_contain_text("%")
    lahat = table.locator("tr", has_text="KPU Kabupaten Lahat")
    assert "belum ada rencana" in lahat.inner_text()
    expect(lahat.locator(".lke-cell")).to_contain_text(f"{seed_plan.year}: 70,50 (final")
    expect(lahat.locator(".lke-cell")).to_contain_text(f"{seed_plan.year + 1}: draf")
    assert "memenuhi syarat" in lahat.inner_text()
    page.goto("/beranda/")
    # the recap of the newest LKE year in the scope (Lahat's draft)
    page.locator(".leader-links").get_by_role("link", name=f"Rekap LKE {seed_plan.year + 1}").click()
    page.wait_for_url(f"**/lke/rekap/{units['SUMSEL'].slug}/{seed_plan.year + 1}/")
    expect(page.locator("body")).to_contain_text("KPU Kabupaten Lahat")


def test_the_start_page_gives_the_last_final_score_beside_a_newer_draft(client, cast, units):
    """The start page's LKE line is the newest assessment (work in progress); the score the unit
    stands on — its last final LKE, as the leaders' table shows it — is given beside it."""
    lke(units["SUMSEL"], 2023, 91.1, True, level="tpi")
    lke(units["SUMSEL"], 2024, 41.12, False, provisional=True, stage=Stage.SELF)
    client.force_login(cast["coordinator"])
    html = body(client.get(reverse("start:home"))).decode()
    final = re.search(r'class="small lke-final">(.*?)</div>', html, re.S)
    assert final and "(2023)" in final.group(1) and "91,10" in final.group(1)
    assert "memenuhi syarat" in final.group(1) and "belum" not in final.group(1)
    assert "41,12" in html  # the draft is still shown, as the work in progress
    Assessment.objects.filter(unit=units["SUMSEL"], year=2024).delete()
    html = body(client.get(reverse("start:home"))).decode()
    assert "lke-final" not in html  # the newest is the final one: one line says it
