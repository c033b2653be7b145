"""The TPI's figure is one: the dashboard's evidence tile, the start page's count and the queue
it links to count the same items, from every module that verifies (plan evidence, SOPs, the
performance agreement, loose items), read by one selector."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import body, browser_login
from zona.evidence.models import EvidenceItem, Status
from zona.evidence.selectors import evidence_figures, verification_queue
from zona.performance.models import Agreement
from zona.plans.models import Indicator
from zona.sops.models import Sop, Version

from .test_queues import shown_count, upload


def _every_module(cast, units, seed_plan) -> None:
    """Pending evidence of the plan, an SOP, a performance agreement and a loose item; one
    verified; one in another province."""
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    indicator.evidence.add(upload(units["SUMSEL"], cast["pic"], "Notulen rapat"))
    sop = Sop.objects.create(unit=units["PALEMBANG"], title="SOP Pelayanan Informasi")
    Version.objects.create(
        sop=sop,
        number=1,
        code="SOP/PLG/001",
        approved_on=date(2024, 1, 2),
        signer="Ketua",
        document=upload(units["PALEMBANG"], cast["child"], "SOP ditandatangani"),
        review_due=date(2026, 1, 2),
    )
    Agreement.objects.create(
        unit=units["LAHAT"], year=2024, document=upload(units["LAHAT"], cast["pic"], "Perjanjian kinerja")
    )
    upload(units["SUMSEL"], cast["pic"], "Bukti lepas")
    done = upload(units["SUMSEL"], cast["pic"], "Sudah diverifikasi")
    EvidenceItem.objects.filter(pk=done.pk).update(status=Status.VERIFIED)
    upload(units["JAMBI"], cast["outsider"], "Jambi")


def test_the_tile_the_start_page_and_the_queue_count_the_same_items(client, cast, units, seed_plan):
    _every_module(cast, units, seed_plan)
    tpi = cast["reviewer"]
    assert evidence_figures(tpi, units["SUMSEL"]).awaiting == verification_queue(tpi).count() == 4
    client.force_login(tpi)
    home = body(client.get(reverse("start:home"))).decode()
    board = body(client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))).decode()
    queue = body(client.get(reverse("start:verify"), {"unit": units["SUMSEL"].slug})).decode()
    tile = board[board.index('id="kpi-evidence"') :].split("</div>")[0]
    assert "1 / " in tile and shown_count(tile, "kpi-evidence-awaiting") == 4
    assert shown_count(home, "todo-evidence") == shown_count(queue, "verify-count") == 4
    assert f'href="{reverse("start:verify")}?unit={units["SUMSEL"].slug}"' in tile
    # under a regency only its own: the tile and the list it links to still agree
    lahat = body(client.get(reverse("monev:dashboard", args=[units["LAHAT"].slug]))).decode()
    lahat_queue = body(client.get(reverse("start:verify"), {"unit": units["LAHAT"].slug})).decode()
    assert evidence_figures(tpi, units["LAHAT"]).awaiting == 1
    assert shown_count(lahat_queue, "verify-count") == 1 and "Perjanjian kinerja" in lahat_queue
    assert "kpi-evidence" not in lahat  # Lahat has no plan: no tiles, the sentence only
    assert "1 bukti menunggu verifikasi" in lahat


def test_a_person_who_does_not_verify_sees_the_figure_without_a_queue(client, cast, units, seed_plan):
    _every_module(cast, units, seed_plan)
    figures = evidence_figures(cast["coordinator"], units["SUMSEL"])  # sees Sumsel only
    assert (figures.verified, figures.awaiting, figures.verifies) == (1, 2, False)
    client.force_login(cast["coordinator"])
    board = body(client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))).decode()
    assert "kpi-evidence-awaiting" not in board and "kpi-awaiting" not in board
    assert evidence_figures(cast["outsider"], units["JAMBI"]).awaiting == 1


@pytest.mark.browser
def test_the_tpi_follows_the_tile_to_the_same_number(page, cast, units, seed_plan):
    _every_module(cast, units, seed_plan)
    browser_login(page, "tpi")
    expect(page.locator("#todo-evidence")).to_contain_text("4 bukti menunggu verifikasi")
    page.goto(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))
    expect(page.locator("#kpi-evidence")).to_contain_text("1 / 4")
    page.locator("#kpi-evidence-awaiting").click()
    expect(page.locator("#verify-count")).to_contain_text("4 bukti menunggu verifikasi")
    expect(page.locator(".verify-item")).to_have_count(4)
