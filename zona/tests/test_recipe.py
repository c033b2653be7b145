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

from zona.audit.tests import test_registry as registry_checks
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
from zona.lib.errors import RuleError

from .models import Pact


class PactError(RuleError):
    pass


@transaction.atomic
def pact_record(*, unit, signer: str, signed_on, signature_key: str, by) -> Pact:
    if not signer.strip():
        raise PactError("Nama penanda tangan wajib diisi.")
    pact = Pact.objects.create(unit=unit, signer=signer, signed_on=signed_on, signature_key=signature_key)
    audit_record(actor=by, action="pact.recorded", obj=pact, unit=unit)
    return pact
""",
    "selectors.py": """from django.shortcuts import get_object_or_404

from zona.orgs.permissions import unit_for

from .models import Pact


def pacts_of(unit):
    return Pact.objects.filter(unit=unit).order_by("signed_on", "pk")


def get_pact_for_user(request, slug: str, pk: int) -> Pact:
    # a pact of a unit the user may see; 404 for another unit's (or an invisible unit)
    return get_object_or_404(Pact, unit=unit_for(request, slug), pk=pk)
""",
    "views.py": """from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from zona.lib.feedback import attempt
from zona.orgs.permissions import Action, require, unit_for

from .selectors import get_pact_for_user, pacts_of
from .services import PactError, pact_record


@login_required
def register_page(request, slug: str):
    unit = unit_for(request, slug)
    if request.method == "POST":
        require(request.user, Action.MANAGE_REGISTERS, unit)
        attempt(request, lambda: pact_record(unit=unit, signer=request.POST["signer"], signed_on=date.today(),
                                             signature_key=request.POST["key"], by=request.user), PactError)
        return redirect("pacts:register", slug=slug)
    return render(request, "pacts/register.html", {"unit": unit, "pacts": pacts_of(unit)})


@login_required
def pact_page(request, slug: str, pk: int):
    pact = get_pact_for_user(request, slug, pk)
    return render(request, "pacts/register.html", {"unit": pact.unit, "pacts": [pact]})
""",
    "urls.py": """from django.urls import path

from . import views

app_name = "pacts"
urlpatterns = [
    path("<slug:slug>/", views.register_page, name="register"),
    path("<slug:slug>/<int:pk>/", views.pact_page, name="detail"),
]
""",
    "templates/pacts/register.html": """{% extends "base.html" %}
{% block content %}<ul>{% for pact in pacts %}<li>{{ pact.signer }}</li>{% endfor %}</ul>{% endblock %}
""",
}
ENTRY = {"face": [], "uses": ["lib", "orgs", "audit"]}  # exactly what the module imports


@pytest.fixture
def tree(tmp_path, monkeypatch):
    yield from recipe_tree(tmp_path, monkeypatch, APP, FILES, ENTRY)


@pytest.mark.filterwarnings("ignore:.*known architecture violations")
def test_the_recipe_passes_the_architecture_test_and_a_reach_into_the_wbs_fails_it(tree):
    assert {r.target for r in arch.references() if r.app == APP} == {"lib", "orgs", "audit"}
    for check in ARCHITECTURE_CHECKS:
        check()
    services = tree / "zona" / APP / "services.py"
    services.write_text(
        services.read_text("utf-8")
        + "\n\ndef peek():\n    from zona.wbs.selectors import reports_visible_to\n"
    )
    clear_caches()
    with pytest.raises(AssertionError, match=r"pacts → wbs\.selectors"):
        arch.test_every_reference_is_allowed_or_a_known_violation()


@pytest.mark.filterwarnings("ignore:.*known architecture violations")
def test_a_known_violation_is_tolerated_until_it_is_fixed(tree):
    services = tree / "zona" / APP / "services.py"
    clean = services.read_text("utf-8")
    services.write_text(clean + "\n\ndef peek():\n    from zona.wbs.selectors import reports_visible_to\n")
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


@pytest.mark.trail  # reads what the module's changes wrote in the audit trail
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
    client.force_login(cast["outsider"])  # a pact through its selector: 404 from Jambi's page
    other = client.get(f"/pakta/{units['JAMBI'].slug}/{pact.pk}/")
    assert other.status_code == 404 and SIGNER not in other.content.decode()
    client.force_login(cast["coordinator"])
    assert SIGNER in client.get(f"{url}{pact.pk}/").content.decode()
    refused = client.post(url, {"signer": " ", "key": "x"}, follow=True)  # attempt: the refusal shown
    assert "Nama penanda tangan wajib diisi." in refused.content.decode()
    assert pacts.objects.count() == 1
    registry_checks.test_every_model_of_zona_is_recorded_or_declared_never()  # Pact in the registry too

    entries = list(LogEntry.objects.get_for_object(pact))
    assert len(entries) == 1 and entries[0].additional_data == {"unit": units["SUMSEL"].pk}
    written = str(entries[0].changes) + str(entries[0].serialized_data or "")
    assert SIGNER in written and "signature_key" not in written
    assert not [piece for piece in pieces(SECRET) if piece in written]
