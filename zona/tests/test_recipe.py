"""Following docs/adding-an-instrument.md from a clean tree gives a working module.

A minimal instrument (a register of signed integrity pacts, the app `pacts`) is written the way
the recipe says into a temporary copy of the tree: the architecture test runs over that tree and
passes (and fails once the app reaches into the WBS); the app is then installed for one test, and
its access (the effect for each person) and its trail (the unit carried, the secret left out)
hold."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from auditlog.models import LogEntry

from zona.tests import test_architecture as arch
from zona.tests.recipe import ARCHITECTURE_CHECKS, clear_caches, installed, pieces, recipe_tree

APP = "pacts"
SECRET = "QX7Z-9KWV-J3RB-88MT"
SIGNER = "Sulastri Pangaribuan"

FILES = {
    "__init__.py": "",
    "apps.py": """from django.apps import AppConfig


class PactsConfig(AppConfig):
    name = "zona.pacts"
""",
    "models.py": """from django.db import models

from zona.orgs.models import Unit


class Pact(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    signer = models.CharField(max_length=100)
    signed_on = models.DateField()
    signature_key = models.CharField(max_length=64)
""",
    "audit.py": """from zona.audit.registry import record

from .models import Pact

record(Pact, secret=("signature_key",))
""",
    "services.py": """from django.db import transaction

from zona.audit.services import audit_record

from .models import Pact


@transaction.atomic
def pact_record(*, unit, signer: str, signed_on, signature_key: str, by) -> Pact:
    pact = Pact.objects.create(unit=unit, signer=signer, signed_on=signed_on, signature_key=signature_key)
    audit_record(actor=by, action="pact.recorded", obj=pact, unit=unit)
    return pact
""",
    "views.py": """from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from zona.orgs.permissions import Action, require, unit_for

from .models import Pact
from .services import pact_record


@login_required
def register_page(request, slug: str):
    unit = unit_for(request, slug)
    if request.method == "POST":
        require(request.user, Action.MANAGE_REGISTERS, unit)
        pact_record(unit=unit, signer=request.POST["signer"], signed_on=date.today(),
                    signature_key=request.POST["key"], by=request.user)
        return redirect("pacts:register", slug=slug)
    return render(request, "pacts/register.html", {"unit": unit, "pacts": Pact.objects.filter(unit=unit)})
""",
    "urls.py": """from django.urls import path

from . import views

app_name = "pacts"
urlpatterns = [path("<slug:slug>/", views.register_page, name="register")]
""",
    "templates/pacts/register.html": """{% extends "base.html" %}
{% block content %}<ul>{% for pact in pacts %}<li>{{ pact.signer }}</li>{% endfor %}</ul>{% endblock %}
""",
}
ENTRY = {"face": [], "uses": ["orgs", "audit"]}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    yield from recipe_tree(tmp_path, monkeypatch, APP, FILES, ENTRY)


@pytest.mark.filterwarnings("ignore:.*known architecture violations")
def test_the_recipe_passes_the_architecture_test_and_a_reach_into_the_wbs_fails_it(tree):
    assert {r.target for r in arch.references() if r.app == APP} == {"orgs", "audit"}
    for check in ARCHITECTURE_CHECKS:
        check()
    services = tree / "zona" / APP / "services.py"
    services.write_text(
        services.read_text("utf-8") + "\n\ndef peek():\n    from zona.wbs.selectors import reports_for\n"
    )
    clear_caches()
    with pytest.raises(AssertionError, match=r"pacts → wbs\.selectors"):
        arch.test_every_reference_is_allowed_or_a_known_violation()


@pytest.mark.filterwarnings("ignore:.*known architecture violations")
def test_a_known_violation_is_tolerated_until_it_is_fixed(tree):
    services = tree / "zona" / APP / "services.py"
    clean = services.read_text("utf-8")
    services.write_text(clean + "\n\ndef peek():\n    from zona.wbs.selectors import reports_for\n")
    spec_file = tree / "zona" / "architecture.yaml"
    spec = yaml.safe_load(spec_file.read_text("utf-8"))
    spec["known_violations"] = [{"app": APP, "uses": "wbs.selectors", "reason": "a test"}]
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    clear_caches()
    arch.test_every_reference_is_allowed_or_a_known_violation()
    with pytest.warns(UserWarning, match="1 known architecture violations"):
        arch.test_known_violations_still_happen_so_the_list_only_shrinks()
    services.write_text(clean)  # fixed: the list must shrink
    clear_caches()
    with pytest.raises(AssertionError, match="remove from known_violations"):
        arch.test_known_violations_still_happen_so_the_list_only_shrinks()


@pytest.fixture
def pacts(tree):
    with installed(tree, APP, "pakta/") as models:
        yield models["Pact"]


@pytest.mark.django_db(transaction=True)
def test_the_recipes_module_keeps_its_units_apart_and_its_secret_out_of_the_trail(pacts, client, cast, units):
    from zona.pacts.services import pact_record  # the temporary app, installed by the fixture

    pact = pact_record(
        unit=units["SUMSEL"],
        signer=SIGNER,
        signed_on=date(2026, 1, 5),
        signature_key=SECRET,
        by=cast["admin"],
    )
    url = f"/pakta/{units['SUMSEL'].slug}/"
    for who in ("coordinator", "reviewer", "national"):
        client.force_login(cast[who])
        assert SIGNER in client.get(url).content.decode(), who
    client.force_login(cast["outsider"])
    response = client.get(url)
    assert response.status_code == 404 and SIGNER not in response.content.decode()
    assert client.post(url, {"signer": "Orang Luar", "key": "x"}).status_code == 404
    client.force_login(cast["viewer"])
    assert client.post(url, {"signer": "Pemantau", "key": "x"}).status_code == 403
    client.logout()
    assert SIGNER not in client.get(url).content.decode()
    assert list(pacts.objects.values_list("signer", flat=True)) == [SIGNER]  # nothing else written

    entries = list(LogEntry.objects.get_for_object(pact))
    assert len(entries) == 1 and entries[0].additional_data == {"unit": units["SUMSEL"].pk}
    written = str(entries[0].changes) + str(entries[0].serialized_data or "")
    assert SIGNER in written and "signature_key" not in written
    assert not [piece for piece in pieces(SECRET) if piece in written]
