"""Every performance-agreement view × every role: seen by those whose role covers the unit,
changed by those who manage its registers; a forged indicator of another unit is not found."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import body, check_access, may_by_role
from zona.orgs.permissions import Action
from zona.performance import services
from zona.performance.models import Agreement, Indicator, Realisation, Target

MAY = may_by_role(Action.MANAGE_REGISTERS)


@pytest.fixture
def world(units):
    agreement = services.agreement_open(unit=units["SUMSEL"], year=2026, by=None)
    target = services.target_add(agreement=agreement, code="SS1", text="Sasaran Rahasia", by=None)
    indicator = services.indicator_add(
        target=target,
        values={"name": "Indeks Rahasia", "measure": "%", "annual_target": Decimal(90)},
        by=None,
    )
    return {"agreement": agreement, "target": target, "indicator": indicator}


def requests(w):
    slug, year = w["agreement"].unit.slug, w["agreement"].year
    iku = {
        "name": "IKU baru",
        "measure": "dokumen",
        "annual_target": "4",
        "direction": "naik",
        "aggregation": "jumlah",
    }
    return [
        (
            "page",
            "get",
            reverse("performance:agreement", args=[slug, year]),
            None,
            Action.VIEW,
            lambda r: b"Indeks Rahasia" in body(r),
        ),
        (
            "lkj",
            "get",
            reverse("performance:export", args=[slug, year, "xlsx"]),
            None,
            Action.VIEW,
            lambda r: r.status_code == 200 and body(r).startswith(b"PK"),
        ),
        (
            "open",
            "post",
            reverse("performance:agreement_save", args=[slug, 2027]),
            {},
            Action.MANAGE_REGISTERS,
            lambda: Agreement.objects.filter(year=2027).exists(),
        ),
        (
            "target",
            "post",
            reverse("performance:target_new", args=[slug, year]),
            {"code": "SS2", "text": "Baru"},
            Action.MANAGE_REGISTERS,
            lambda: Target.objects.count(),
        ),
        (
            "indicator",
            "post",
            reverse("performance:indicator_new", args=[slug, year, w["target"].pk]),
            iku,
            Action.MANAGE_REGISTERS,
            lambda: Indicator.objects.count(),
        ),
        (
            "realise",
            "post",
            reverse("performance:realise", args=[slug, year, w["indicator"].pk]),
            {"quarter": "1", "value": "45"},
            Action.MANAGE_REGISTERS,
            lambda: Realisation.objects.count(),
        ),
        (
            "formulas",
            "post",
            reverse("performance:formulas_save", args=[slug, year]),
            {"lower_is_better": "inverse", "cap": "none", "better_than_last_year": "most_indicators"},
            Action.MANAGE_REGISTERS,
            lambda: Agreement.objects.get(pk=w["agreement"].pk).formulas.get("cap"),
        ),
    ]


@pytest.mark.parametrize("role", list(MAY))
def test_every_performance_view_for_every_role(client, cast, world, role):
    check_access(client, cast[role], requests(world), MAY[role])


def test_the_anonymous_are_sent_to_sign_in(client, cast, world):
    check_access(client, None, requests(world), set())


def test_a_forged_indicator_of_another_unit_is_not_found(client, cast, world, units):
    other = services.agreement_open(unit=units["JAMBI"], year=2026, by=None)
    target = services.target_add(agreement=other, code="J1", text="Jambi", by=None)
    foreign = services.indicator_add(
        target=target, values={"name": "J", "measure": "%", "annual_target": 1}, by=None
    )
    client.force_login(cast["coordinator"])
    url = reverse("performance:realise", args=[units["SUMSEL"].slug, 2026, foreign.pk])
    assert client.post(url, {"quarter": "1", "value": "1"}).status_code == 404
    assert not Realisation.objects.exists()


def test_the_page_states_the_formulas_in_force(client, cast, world):
    """Where no regulation settles the rule, the page says which choice is in force, its source,
    and whether it is the default."""
    client.force_login(cast["viewer"])
    url = reverse("performance:agreement", args=[world["agreement"].unit.slug, 2026])
    page = body(client.get(url)).decode()
    assert "Rumus capaian yang berlaku" in page and "(2 × target − realisasi) ÷ target" in page
    assert "239/IX/6/8/2003" in page and "bawaan" in page and "pilihan unit" not in page
    services.agreement_formulas_set(
        agreement=world["agreement"], chosen={"lower_is_better": "inverse"}, by=None
    )
    page = body(client.get(url)).decode()
    assert "target ÷ realisasi" in page and "pilihan unit" in page
    forged = {"lower_is_better": "log", "cap": "120", "better_than_last_year": "every_indicator"}
    client.force_login(cast["coordinator"])
    client.post(reverse("performance:formulas_save", args=[world["agreement"].unit.slug, 2026]), forged)
    assert Agreement.objects.get(pk=world["agreement"].pk).formulas["lower_is_better"] == "inverse"
