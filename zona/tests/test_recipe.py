"""Following docs/adding-an-instrument.md from a clean tree gives a working module.

A minimal instrument (a register of signed integrity pacts, the app `pacts`) is written the way
the recipe says into a temporary copy of the tree: the architecture test runs over that tree and
passes (and fails once the app reaches into the WBS); the app is then installed for one test, and
its access (the effect for each person) and its trail (the unit carried, the secret left out)
hold."""

from __future__ import annotations

import shutil
import sys
from datetime import date

import pytest
import yaml
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.test import override_settings

import zona
from zona.audit.registry import RECORDED
from zona.tests import test_architecture as arch

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
ROOT_URLS = """from django.urls import include, path

from config.urls import urlpatterns as project

urlpatterns = [path("pakta/", include("zona.pacts.urls")), *project]
"""


def _clear_caches() -> None:
    for function in (arch.apps, arch.namespaces, arch.template_owners, arch.tag_libraries, arch.references):
        function.cache_clear()
    arch.spec.cache_clear()


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A copy of the tree (what the architecture test reads) with the recipe's app added."""
    skip = shutil.ignore_patterns("tests", "migrations", "__pycache__", "libraries", "fixtures")
    shutil.copytree(arch.ZONA, tmp_path / "zona", ignore=skip)
    shutil.copytree(arch.ROOT / "config", tmp_path / "config", ignore=skip)
    shutil.copytree(arch.ROOT / "templates", tmp_path / "templates")
    for name, text in FILES.items():
        (tmp_path / "zona" / APP / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "zona" / APP / name).write_text(text, "utf-8")
    spec = yaml.safe_load((tmp_path / "zona" / "architecture.yaml").read_text("utf-8"))
    spec["apps"][APP] = ENTRY
    (tmp_path / "zona" / "architecture.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    monkeypatch.setattr(arch, "ROOT", tmp_path)
    monkeypatch.setattr(arch, "ZONA", tmp_path / "zona")
    monkeypatch.setattr(arch, "SPEC_FILE", tmp_path / "zona" / "architecture.yaml")
    _clear_caches()
    yield tmp_path
    monkeypatch.undo()
    _clear_caches()


ARCHITECTURE_CHECKS = [
    arch.test_apps_use_only_apps_listed_before_them,
    arch.test_every_face_module_exists,
    arch.test_every_reference_is_allowed_or_a_known_violation,
    arch.test_known_violations_still_happen_so_the_list_only_shrinks,
    arch.test_every_allowed_use_is_used,
]


@pytest.mark.filterwarnings("ignore:.*known architecture violations")
def test_the_recipe_passes_the_architecture_test_and_a_reach_into_the_wbs_fails_it(tree):
    assert {r.target for r in arch.references() if r.app == APP} == {"orgs", "audit"}
    for check in ARCHITECTURE_CHECKS:
        check()
    services = tree / "zona" / APP / "services.py"
    services.write_text(
        services.read_text("utf-8") + "\n\ndef peek():\n    from zona.wbs.services import reports_for\n"
    )
    _clear_caches()
    with pytest.raises(AssertionError, match=r"pacts → wbs\.services"):
        arch.test_every_reference_is_allowed_or_a_known_violation()


@pytest.mark.filterwarnings("ignore:.*known architecture violations")
def test_a_known_violation_is_tolerated_until_it_is_fixed(tree):
    services = tree / "zona" / APP / "services.py"
    clean = services.read_text("utf-8")
    services.write_text(clean + "\n\ndef peek():\n    from zona.wbs.services import reports_for\n")
    spec_file = tree / "zona" / "architecture.yaml"
    spec = yaml.safe_load(spec_file.read_text("utf-8"))
    spec["known_violations"] = [{"app": APP, "uses": "wbs.services", "reason": "a test"}]
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    _clear_caches()
    arch.test_every_reference_is_allowed_or_a_known_violation()
    with pytest.warns(UserWarning, match="1 known architecture violations"):
        arch.test_known_violations_still_happen_so_the_list_only_shrinks()
    services.write_text(clean)  # fixed: the list must shrink
    _clear_caches()
    with pytest.raises(AssertionError, match="remove from known_violations"):
        arch.test_known_violations_still_happen_so_the_list_only_shrinks()


@pytest.fixture
def installed(tree):
    """The recipe's app installed, its table created and its URLs mounted, for one test."""
    (tree / "recipe_urls.py").write_text(ROOT_URLS, "utf-8")
    zona.__path__.append(str(tree / "zona"))
    sys.path.insert(0, str(tree))
    try:
        with override_settings(
            INSTALLED_APPS=[*settings.INSTALLED_APPS, f"zona.{APP}"], ROOT_URLCONF="recipe_urls"
        ):
            model = django_apps.get_model(APP, "Pact")
            with connection.schema_editor() as editor:
                editor.create_model(model)
            try:
                yield model
            finally:
                with connection.schema_editor() as editor:
                    editor.delete_model(model)
                auditlog.unregister(model)
                RECORDED.pop(model, None)
    finally:
        sys.path.remove(str(tree))
        zona.__path__.remove(str(tree / "zona"))
        for name in [n for n in sys.modules if n == "recipe_urls" or n.startswith(f"zona.{APP}")]:
            del sys.modules[name]
        django_apps.all_models.pop(APP, None)
        django_apps.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_the_recipes_module_keeps_its_units_apart_and_its_secret_out_of_the_trail(
    installed, client, cast, units
):
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
    assert list(installed.objects.values_list("signer", flat=True)) == [SIGNER]  # nothing else written

    entries = list(LogEntry.objects.get_for_object(pact))
    assert len(entries) == 1 and entries[0].additional_data == {"unit": units["SUMSEL"].pk}
    written = str(entries[0].changes) + str(entries[0].serialized_data or "")
    assert SIGNER in written and "signature_key" not in written
    assert not [SECRET[i : i + 4] for i in range(len(SECRET) - 3) if SECRET[i : i + 4] in written]
