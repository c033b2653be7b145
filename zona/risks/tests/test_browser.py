"""A real browser: the person in charge of a control action reports its realisation, with the
evidence and a new residual assessment, in the quarter's monev cycle; the dashboard's heat map
moves the risk to its residual cell."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.risks.models import Realisation

from .factories import make_register, open_cycle

pytestmark = pytest.mark.browser


def test_risk_owner_reports_a_realisation_and_the_heat_map_updates(page, units, cast, seed_plan, tmp_path):
    register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"], year=seed_plan.year)
    action = risk.actions.get()
    action.owner = cast["pic"]
    action.save()
    cycle = open_cycle(seed_plan, 2, cast["coordinator"])
    proof = tmp_path / "jadwal-piket.pdf"
    proof.write_bytes(b"%PDF-1.4 jadwal piket PPID")

    browser_login(page, "pic", to=f"/monev/siklus/{cycle.pk}/")
    item = page.locator(f"#rtp-{action.pk}")
    expect(item).to_contain_text("Piket PPID harian 1")
    item.locator(f"#rtp{action.pk}_status").select_option("selesai")
    item.locator(f"#rtp{action.pk}_note").fill("Jadwal piket ditetapkan dan berjalan")
    item.locator(f"#rtp{action.pk}_file").set_input_files(str(proof))
    item.locator(f"#rtp{action.pk}_residual_likelihood").select_option("2")
    item.locator(f"#rtp{action.pk}_residual_impact").select_option("3")
    item.locator("button[type=submit]").click()

    expect(page.locator(f"#rtp-{action.pk} .realisation")).to_contain_text("100%")
    assert Realisation.objects.get(action=action, cycle=cycle).evidence is not None
    # the other control action is the coordinator's: the PIC has no form for it
    other = register.risks.exclude(pk=risk.pk).get().actions.get()
    expect(page.locator(f"#rtp-{other.pk} form")).to_have_count(0)

    page.goto(f"/monev/dasbor/{units['SUMSEL'].slug}/?tahun={seed_plan.year}")
    heat = page.locator("#risk-heat")
    expect(heat.locator("table[data-which=residual] td[data-cell='2-3'] .count")).to_have_text("1")
    expect(heat.locator("table[data-which=inherent] td[data-cell='4-3'] .count")).to_have_text("2")
