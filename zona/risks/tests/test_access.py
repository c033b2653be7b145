"""Every risk-register view × every role: the register is seen by those whose role covers the
unit, changed by those who manage its registers, the matrix chosen by the Inspektorat (reviewer
or APIP) only; a control action's realisation is reported by its person in charge, the risk
owner or a manager — nobody else, whatever they can see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import body, check_access, may_by_role, shows
from zona.orgs.permissions import Action
from zona.risks.models import MatrixChoice, Realisation, Risk

from .factories import RISK, make_register, open_cycle

MAY = may_by_role(Action.MANAGE_REGISTERS) | {"reviewer": {Action.VIEW, Action.CHOOSE_RISK_MATRIX}}


@pytest.fixture
def world(seed_plan, units, cast):
    register, (risk, _other) = make_register(units["SUMSEL"], cast["coordinator"], year=seed_plan.year)
    return {"register": register, "risk": risk, "cycle": open_cycle(seed_plan, 1, cast["coordinator"])}


def requests(w):
    register, risk = w["register"], w["risk"]
    slug, year = register.unit.slug, register.year
    new = {**RISK, "code": "R77", "statement": "Risiko baru", "controls_adequate": ""}
    return [
        (
            "register",
            "get",
            reverse("risks:register", args=[slug, year]),
            None,
            Action.VIEW,
            shows(RISK["statement"]),
        ),
        (
            "risk",
            "get",
            reverse("risks:risk", args=[slug, year, risk.pk]),
            None,
            Action.VIEW,
            shows("Piket PPID"),
        ),
        (
            "xlsx",
            "get",
            reverse("risks:export", args=[slug, year, "xlsx"]),
            None,
            Action.VIEW,
            lambda r: r.status_code == 200 and body(r).startswith(b"PK"),
        ),
        ("matrix page", "get", reverse("risks:matrix", args=[slug]), None, Action.VIEW, shows("bumn")),
        (
            "add",
            "post",
            reverse("risks:risk_new", args=[slug, year]),
            new,
            Action.MANAGE_REGISTERS,
            lambda: Risk.objects.filter(code="R77").exists(),
        ),
        (
            "edit",
            "post",
            reverse("risks:risk", args=[slug, year, risk.pk]),
            {**new, "code": "R01", "likelihood": 1},
            Action.MANAGE_REGISTERS,
            lambda: Risk.objects.get(pk=risk.pk).likelihood,
        ),
        (
            "action",
            "post",
            reverse("risks:action_new", args=[slug, year, risk.pk]),
            {"response": "kurangi", "activity": "Kontrol baru"},
            Action.MANAGE_REGISTERS,
            lambda: risk.actions.count(),
        ),
        (
            "choose",
            "post",
            reverse("risks:matrix", args=[slug]),
            {"matrix": "bumn", "chosen_on": "2023-01-02"},
            Action.CHOOSE_RISK_MATRIX,
            lambda: MatrixChoice.objects.count(),
        ),
    ]


@pytest.mark.parametrize("role", list(MAY))
def test_every_risk_view_for_every_role(client, cast, world, role):
    check_access(client, cast[role], requests(world), MAY[role])


def test_the_anonymous_are_sent_to_sign_in(client, cast, world):
    check_access(client, None, requests(world), set())


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("coordinator", True), ("viewer", False), ("reviewer", False), ("outsider", False), ("pic", True)],
)
def test_who_reports_a_realisation(client, cast, world, role, allowed):
    action = world["risk"].actions.get()
    action.owner = cast["pic"]  # the person in charge
    action.save()
    client.force_login(cast[role])
    response = client.post(
        reverse("risks:realise", args=[action.pk, world["cycle"].pk]),
        {"status": "berjalan", "progress": "30", "note": "Berjalan"},
    )
    assert Realisation.objects.filter(action=action).exists() is allowed
    assert response.status_code == (302 if allowed else 404)


def test_a_forged_cycle_of_another_unit_is_refused(client, cast, world, units):
    from zona.plans.models import Plan

    other_plan = Plan.objects.create(unit=units["JAMBI"], year=world["register"].year, title="Rencana Jambi")
    other = open_cycle(other_plan, 1, cast["outsider"])
    action = world["risk"].actions.get()
    client.force_login(cast["coordinator"])
    client.post(
        reverse("risks:realise", args=[action.pk, other.pk]), {"status": "berjalan", "progress": "30"}
    )
    assert not Realisation.objects.exists()
