"""Following docs/adding-a-case-module.md from a clean tree gives a working case module.

A minimal case kind (tips, `tips`) is written the way the recipe says into a temporary copy of the
tree: its workflow as data, a 1:1 model on the case, its trail, the registration of its kind, a
service opening cases through the engine, the shared list and its own detail page. The
architecture test passes over that tree; installed, the engine's shared list shows its cases to
the unit's handlers only, its detail page answers 404 to another unit, the citizen follows a tip
on the engine's tracking page (its urls_public.py, mounted under publik/), and the trail keeps the
reporter's name out."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry

from conftest import make_user
from zona.audit.tests import test_registry as registry_checks
from zona.cases.registry import KINDS
from zona.orgs.models import Role
from zona.tests import test_architecture as arch
from zona.tests.recipe import ARCHITECTURE_CHECKS, installed, pieces, recipe_tree

APP = "tips"
REPORTER = "Marlina Situmorang"

FILES = {
    "__init__.py": "",
    "data/workflow.yaml": """name: tip
initial: baru
states:
  baru:
    label: Baru
    deadline: {working_days: 5, from: received}   # an example: answered within 5 working days
  selesai: {label: Selesai, final: true}
transitions:
  - {action: tutup, label: Tutup, from: [baru], to: selesai, reason: required}
""",
    "apps.py": """from django.apps import AppConfig


class TipsConfig(AppConfig):
    name = "zona.tips"

    def ready(self) -> None:
        from zona.cases.registry import CaseKind, register
        from zona.orgs.permissions import Action

        from .models import KIND, PREFIX, workflow

        register(CaseKind(kind=KIND, prefix=PREFIX, label="Tips", namespace="tips", workflow=workflow,
                          action=Action.HANDLE_COMPLAINT))
""",
    "models.py": """from pathlib import Path

from django.db import models

from zona.cases.models import Case
from zona.cases.workflow import load

KIND, PREFIX = "tip", "TIP"


def workflow():
    return load(Path(__file__).parent / "data" / "workflow.yaml")


class Tip(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="tip", primary_key=True)
    place = models.CharField(max_length=100)
""",
    "audit.py": """from zona.audit.registry import record

from .models import Tip

record(Tip, narrow=True)
""",
    "services.py": """from django.db import transaction

from zona.cases.services import case_open
from zona.lib.errors import RuleError

from .models import KIND, Tip


class TipError(RuleError):
    pass


@transaction.atomic
def tip_submit(*, unit, subject: str, description: str, place: str, received_on, reporter_name="", by=None):
    case, code = case_open(kind=KIND, unit=unit, channel="web", subject=subject, description=description,
                           received_on=received_on, reporter_name=reporter_name, by=by)
    Tip.objects.create(case=case, place=place)
    return case, code


@transaction.atomic
def tip_place(*, case, place: str, by) -> None:
    if not place.strip():
        raise TipError("Tempat wajib diisi.")
    Tip.objects.filter(case=case).update(place=place)
""",
    "views.py": """from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from zona.cases.selectors import get_case_for_user
from zona.lib.feedback import attempt

from .models import KIND
from .services import TipError, tip_place


@login_required
def detail(request, pk: int):
    case = get_case_for_user(request, pk, KIND)
    if request.method == "POST":
        attempt(request, lambda: tip_place(case=case, place=request.POST["place"], by=request.user), TipError)
        return redirect("tips:detail", pk=pk)
    return render(request, "tips/detail.html", {"case": case})
""",
    "urls.py": """from django.urls import path

from zona.cases import views as cases

from . import views
from .models import KIND

app_name = "tips"
urlpatterns = [
    path("", cases.case_list, {"kind": KIND}, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
]
""",
    "urls_public.py": """from django.urls import path

from zona.cases import views_public as cases

from .models import KIND

app_name = "tips_public"
urlpatterns = [path("<slug:slug>/tip/lacak/", cases.public_track, {"kind": KIND}, name="track")]
""",
    "templates/tips/public_track.html": """{% extends "cases/public_track.html" %}
""",
    "templates/tips/detail.html": """{% extends "base.html" %}
{% block content %}<h1>{{ case.number }}</h1><p>{{ case.tip.place }}</p>{% endblock %}
""",
}
ENTRY = {"face": [], "uses": ["lib", "orgs", "audit", "cases"]}  # exactly what the module imports


@pytest.fixture
def tree(tmp_path, monkeypatch):
    yield from recipe_tree(tmp_path, monkeypatch, APP, FILES, ENTRY)


@pytest.mark.filterwarnings("ignore:.*known architecture violations")
def test_the_case_recipe_passes_the_architecture_test(tree):
    assert {r.target for r in arch.references() if r.app == APP} == {"lib", "orgs", "audit", "cases"}
    for check in ARCHITECTURE_CHECKS:
        check()


@pytest.fixture
def tips(tree):
    try:
        with installed(tree, APP, "tip/", public="publik/") as models:
            yield models["Tip"]
    finally:
        KINDS.pop("tip", None)


@pytest.mark.trail  # reads what the module's changes wrote in the audit trail
@pytest.mark.django_db(transaction=True)
def test_the_case_recipes_module_works_on_the_engine(tips, client, cast, units):
    from zona.tips.services import tip_submit  # the temporary app, installed by the fixture

    case, code = tip_submit(
        unit=units["SUMSEL"],
        subject="Pungutan di loket",
        description="Diminta uang tambahan.",
        place="Loket 3",
        received_on=date(2026, 3, 2),
        reporter_name=REPORTER,
    )
    assert case.number.startswith("TIP/") and case.due_on is not None
    officer = make_user("petugas_tip", units["SUMSEL"], Role.COMPLAINT_OFFICER)
    client.force_login(officer)
    assert case.number in client.get("/tip/").content.decode()
    assert "Loket 3" in client.get(f"/tip/{case.pk}/").content.decode()
    client.force_login(cast["outsider"])
    assert case.number not in client.get("/tip/").content.decode()
    response = client.get(f"/tip/{case.pk}/")
    assert response.status_code == 404 and "Loket 3" not in response.content.decode()
    assert client.post(f"/tip/{case.pk}/", {"place": "Loket 9"}).status_code == 404
    client.force_login(officer)
    refused = client.post(f"/tip/{case.pk}/", {"place": " "}, follow=True)  # attempt: the refusal shown
    assert "Tempat wajib diisi." in refused.content.decode()
    assert tips.objects.get(case=case).place == "Loket 3"
    registry_checks.test_every_model_of_zona_is_recorded_or_declared_never()  # Tip in the registry too
    assert arch.mounting_problems(arch.mounts()) == [] and arch.public_page_problems(arch.pages()) == []

    client.logout()  # the citizen follows the tip on the engine's tracking page, without signing in
    tracked = client.post("/publik/sumsel/tip/lacak/", {"number": case.number, "code": code}).content.decode()
    assert case.number in tracked and "Baru" in tracked
    wrong = client.post("/publik/sumsel/tip/lacak/", {"number": case.number, "code": "X" * len(code)})
    assert "Baru" not in wrong.content.decode()

    tip = tips.objects.get(case=case)
    written = "".join(
        str(e.changes)
        for e in [*LogEntry.objects.get_for_object(case), *LogEntry.objects.get_for_object(tip)]
    )
    assert "Loket 3" in written  # the kind's own model is recorded
    assert not [piece for piece in pieces(REPORTER) if piece in written]
