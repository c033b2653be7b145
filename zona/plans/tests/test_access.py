"""Every plan and evidence view × every role × a foreign unit: 404 when invisible, 403 when
read-only, and the action done when allowed (design.md "Access")."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import body, check_access
from zona.evidence.models import EvidenceItem, ExportJob
from zona.evidence.services import evidence_create_file
from zona.orgs.permissions import Action
from zona.plans.models import ActionStep, Indicator, Plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# role (key of the cast) → what it may do on SUMSEL's plan
MAY = {
    "coordinator": {Action.VIEW, Action.MANAGE_PLAN, Action.REPORT},
    "admin": {Action.VIEW, Action.MANAGE_PLAN, Action.REPORT, Action.VIEW_AUDIT},
    "pic": {Action.VIEW, Action.REPORT},
    "area_coordinator": {Action.VIEW, Action.REPORT},
    "reviewer": {Action.VIEW, Action.VERIFY, Action.VIEW_AUDIT},
    "viewer": {Action.VIEW},
    "national": {Action.VIEW},
    "child": set(),
    "outsider": set(),
    "no_role": set(),
}


@pytest.fixture
def world(seed_plan, cast):
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).order_by("pk").first()
    step = ActionStep.objects.filter(indicator=indicator).first()
    item = evidence_create_file(
        unit=seed_plan.unit, title="SK Tim", upload=SimpleUploadedFile("sk.pdf", PDF), by=cast["coordinator"]
    )
    indicator.evidence.add(item)
    seed_plan.decree_number = "34/PP.04-Kpt/16/Prov/I/2023"
    seed_plan.save()
    return {
        "plan": seed_plan,
        "indicator": indicator,
        "step": step,
        "item": item,
        "version": item.versions.get(),
        "pic": cast["pic"],
    }


def shows(text: str):
    return lambda response: text.encode() in body(response)


def starts(magic: bytes):
    return lambda response: body(response).startswith(magic)


def queued(plan):
    return lambda: ExportJob.objects.filter(kind="plans.plan", object_id=plan.pk).count()


def state(model, pk, *fields):
    return lambda: tuple(model.objects.filter(pk=pk).values_list(*fields).first() or ())


def requests(w):
    """(name, method, url, data, action needed, effect: the data shown / the state changed)"""
    plan, indicator, step, item = w["plan"], w["indicator"], w["step"], w["item"]
    return [
        (
            "detail",
            "get",
            reverse("plans:detail", args=[plan.pk]),
            None,
            Action.VIEW,
            shows(plan.decree_number),
        ),
        ("xlsx", "post", reverse("plans:export", args=[plan.pk, "xlsx"]), {}, Action.VIEW, queued(plan)),
        ("pdf", "post", reverse("plans:export", args=[plan.pk, "pdf"]), {}, Action.VIEW, queued(plan)),
        (
            "indicator",
            "get",
            reverse("plans:indicator", args=[indicator.pk]),
            None,
            Action.VIEW,
            shows("SK Tim"),
        ),
        (
            "download",
            "get",
            reverse("evidence:download", args=[w["version"].pk]),
            None,
            Action.VIEW,
            starts(PDF),
        ),
        (
            "establish",
            "post",
            reverse("plans:status", args=[plan.pk]),
            {"status": "ditetapkan"},
            Action.MANAGE_PLAN,
            state(Plan, plan.pk, "status"),
        ),
        (
            "assign",
            "post",
            reverse("plans:step_assign", args=[step.pk]),
            {"pic": w["pic"].pk},
            Action.MANAGE_PLAN,
            state(ActionStep, step.pk, "pic"),
        ),
        (
            "toggle",
            "post",
            reverse("plans:step_toggle", args=[step.pk]),
            {"done": "1"},
            Action.REPORT,
            state(ActionStep, step.pk, "done_at"),
        ),
        (
            "add_evidence",
            "post",
            reverse("plans:indicator_evidence", args=[indicator.pk]),
            {"title": "Foto", "url": "https://example.org/foto"},
            Action.REPORT,
            lambda: indicator.evidence.count(),
        ),
        (
            "new_version",
            "post",
            reverse("evidence:new_version", args=[item.pk]),
            {"file": SimpleUploadedFile("sk2.pdf", PDF)},
            Action.REPORT,
            lambda: item.versions.count(),
        ),
        (
            "review",
            "post",
            reverse("evidence:review", args=[item.pk]),
            {"verdict": "rejected", "comment": "Tidak terbaca"},
            Action.VERIFY,
            state(EvidenceItem, item.pk, "status", "review_comment"),
        ),
        (
            "audit",
            "get",
            reverse("audit:unit_log", args=[plan.unit.slug]),
            None,
            Action.VIEW_AUDIT,
            shows("SK Tim"),
        ),
    ]


@pytest.mark.parametrize("role", list(MAY))
def test_every_view_for_every_role(client, cast, world, role):
    check_access(client, cast[role], requests(world), MAY[role])


def test_anonymous_is_sent_to_login(client, world):
    check_access(client, None, requests(world), set())


def test_plan_list_shows_only_visible_units(client, cast, world, units):
    other = Plan.objects.create(unit=units["JAMBI"], year=2023)
    client.force_login(cast["coordinator"])
    page = client.get(reverse("plans:home")).content.decode()
    assert reverse("plans:detail", args=[world["plan"].pk]) in page
    assert reverse("plans:detail", args=[other.pk]) not in page
    client.force_login(cast["national"])
    page = client.get(reverse("plans:home")).content.decode()
    assert reverse("plans:detail", args=[other.pk]) in page


def test_a_pic_may_mark_their_own_step_even_without_the_report_role(client, cast, world):
    viewer = cast["viewer"]
    step = world["step"]
    step.pic = viewer
    step.save()
    client.force_login(viewer)
    response = client.post(reverse("plans:step_toggle", args=[step.pk]), {"done": "1"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.is_done


def test_assigning_a_person_from_another_unit_is_refused(client, cast, world):
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("plans:step_assign", args=[world["step"].pk]), {"pic": cast["outsider"].pk}
    )
    assert response.status_code == 404
    world["step"].refresh_from_db()
    assert world["step"].pic is None


def test_import_page_needs_a_managing_role(client, cast):
    client.force_login(cast["viewer"])
    assert client.get(reverse("plans:import")).status_code == 403
    client.force_login(cast["coordinator"])
    assert client.get(reverse("plans:import")).status_code == 200


def test_evidence_of_a_foreign_unit_cannot_be_linked_or_reviewed(client, cast, world, units):
    foreign = EvidenceItem.objects.create(unit=units["JAMBI"], title="x", kind="link", url="https://e.org")
    client.force_login(cast["reviewer"])
    response = client.post(reverse("evidence:review", args=[foreign.pk]), {"verdict": "verified"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "pending"
