"""Every public page a visitor reaches from a unit's portal links back to that portal: the test
walks the links (two clicks deep) as an anonymous visitor, the WBS's tracking page included,
and the page of a tracked WBS report."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import make_user
from zona.orgs.models import Role
from zona.plans.models import PlanStatus
from zona.plans.services import plan_set_status
from zona.wbs import crypto
from zona.wbs.keys import key_create
from zona.wbs.reports import report_submit

# the pages of the whole site, not of one unit: the list of units, the national figures, signing in
GLOBAL = ("/publik/statistik", "/akun/", "/i18n/", "/static/", "/admin/")


@pytest.fixture
def open_unit(units):
    """Sumsel with its WBS channel open (a recipient with a key)."""
    key_create(
        user=make_user("penerima", units["SUMSEL"], Role.WBS_RECIPIENT), passphrase="kunci panjang sekali"
    )
    return units["SUMSEL"]


def _back_to(html: str, home: str) -> bool:
    nav = html.split('id="portal-back"', 1)
    return len(nav) == 2 and f'href="{home}"' in nav[1].split("</nav>", 1)[0]


def test_every_page_reached_from_a_units_portal_links_back_to_it(client, open_unit, seed_plan, cast):
    plan_set_status(plan=seed_plan, status=PlanStatus.ESTABLISHED, by=cast["coordinator"])  # published
    home = reverse("portal:unit", args=[open_unit.slug])
    seen, frontier, checked = {home}, [home], []
    for _depth in range(2):
        found = []
        for path in frontier:
            html = client.get(path).content.decode()
            for link in re.findall(r'href="(/[^"#]*)"', html):
                link = link.replace("&amp;", "&")
                if link in seen or link == reverse("portal:list") or link.startswith(GLOBAL):
                    continue
                seen.add(link)
                response = client.get(link)
                if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                    continue
                checked.append(link)
                assert _back_to(response.content.decode(), home), link
                found.append(link)
        frontier = found
    assert reverse("wbs_public:intake", args=[open_unit.slug]) in checked
    assert f"{reverse('wbs_public:track')}?unit={open_unit.slug}" in checked
    assert reverse("portal:plan", args=[open_unit.slug, seed_plan.year]) in checked
    assert len(checked) >= 10, checked


def test_the_wbs_report_page_links_back_to_the_portal_of_the_unit_reported_to(client, open_unit, units):
    _report, code = report_submit(
        unit=open_unit,
        answers={"what": "Pungutan liar di loket", "who": "", "when": "", "where": "", "how": ""},
        identity=None,
        uploads=[],
    )
    url = reverse("wbs_public:track")  # reached without a unit: back to the list of units
    assert _back_to(client.get(url).content.decode(), reverse("portal:list"))
    page = client.post(url, {"code": crypto.receipt_shown(code)}).content.decode()
    assert "Pungutan liar di loket" in page
    assert _back_to(page, reverse("portal:unit", args=[open_unit.slug]))


@pytest.mark.browser
def test_a_reporter_goes_back_from_tracking_to_the_units_portal(page, open_unit):
    page.goto(reverse("portal:unit", args=[open_unit.slug]))
    page.get_by_role("link", name="Pantau laporan WBS").click()
    expect(page.locator("#id_code")).to_be_visible()
    page.locator("#portal-back a").click()
    expect(page.locator("h1")).to_contain_text(open_unit.name)
