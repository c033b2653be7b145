"""Helpers of the recipe tests: write a module the way a docs/adding-*.md recipe says into a
temporary copy of the tree, run the architecture test over that tree, and install the module
for one test (its tables created, its URLs mounted), leaving nothing behind."""

from __future__ import annotations

import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import yaml
from auditlog.registry import auditlog
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.test import override_settings

import zona
from zona.audit.registry import RECORDED
from zona.tests import test_architecture as arch

ARCHITECTURE_CHECKS = [
    arch.test_apps_use_only_apps_listed_before_them,
    arch.test_every_face_module_exists,
    arch.test_every_reference_is_allowed_or_a_known_violation,
    arch.test_known_violations_still_happen_so_the_list_only_shrinks,
    arch.test_every_allowed_use_is_used,
    arch.test_each_role_has_its_file_name,
    arch.test_access_helpers_are_named_alike,
    arch.test_every_refusal_derives_from_rule_error,
    arch.test_no_module_over_500_lines_and_no_function_over_80,
    arch.test_object_access_helpers_have_one_name_and_one_signature,
    arch.test_views_read_through_their_selectors,
    arch.test_views_report_refusals_through_the_feedback_helper,
    arch.test_url_namespaces_follow_the_app_label,
    arch.test_apps_are_mounted_at_their_prefix_in_the_project_urls,
    arch.test_public_pages_live_in_views_public_under_the_public_namespace,
    arch.test_files_are_built_in_exporters,
]


def clear_caches() -> None:
    for function in (
        arch.apps,
        arch.namespaces,
        arch.template_owners,
        arch.tag_libraries,
        arch.references,
        arch.app_modules,
    ):
        function.cache_clear()
    arch.spec.cache_clear()


def build_tree(root: Path, monkeypatch, app: str, files: dict[str, str], entry: dict) -> Path:
    """A copy of what the architecture test reads, with `app` written from `files` and its
    `entry` in the architecture file; the test reads this tree until the monkeypatch is undone."""
    skip = shutil.ignore_patterns("tests", "migrations", "__pycache__", "libraries", "fixtures")
    shutil.copytree(arch.ZONA, root / "zona", ignore=skip)
    shutil.copytree(arch.ROOT / "config", root / "config", ignore=skip)
    shutil.copytree(arch.ROOT / "templates", root / "templates")
    for name, text in files.items():
        (root / "zona" / app / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "zona" / app / name).write_text(text, "utf-8")
    spec_file = root / "zona" / "architecture.yaml"
    spec = yaml.safe_load(spec_file.read_text("utf-8"))
    spec["apps"][app] = entry
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    monkeypatch.setattr(arch, "ROOT", root)
    monkeypatch.setattr(arch, "ZONA", root / "zona")
    monkeypatch.setattr(arch, "SPEC_FILE", spec_file)
    clear_caches()
    return root


def recipe_tree(root: Path, monkeypatch, app: str, files: dict[str, str], entry: dict):
    """A fixture's body: the tree with the app while the test runs, the real tree again after."""
    yield build_tree(root, monkeypatch, app, files, entry)
    monkeypatch.undo()
    clear_caches()


@contextmanager
def installed(root: Path, app: str, prefix: str, public: str | None = None):
    """`zona.<app>` from the tree installed, its models' tables created and its URLs mounted
    under `prefix` (its urls_public.py under `public`, when given); yields the app's models."""
    mounted = f'path("{prefix}", include("zona.{app}.urls"))'
    if public is not None:
        mounted += f', path("{public}", include("zona.{app}.urls_public"))'
    (root / "recipe_urls.py").write_text(
        "from django.urls import include, path\n\nfrom config.urls import urlpatterns as project\n\n"
        f"urlpatterns = [{mounted}, *project]\n",
        "utf-8",
    )
    zona.__path__.append(str(root / "zona"))
    sys.path.insert(0, str(root))
    try:
        with override_settings(
            INSTALLED_APPS=[*settings.INSTALLED_APPS, f"zona.{app}"], ROOT_URLCONF="recipe_urls"
        ):
            models = list(django_apps.get_app_config(app).get_models())
            with connection.schema_editor() as editor:
                for model in models:
                    editor.create_model(model)
            try:
                yield {model.__name__: model for model in models}
            finally:
                with connection.schema_editor() as editor:
                    for model in models:
                        editor.delete_model(model)
                for model in models:
                    auditlog.unregister(model)
                    RECORDED.pop(model, None)
    finally:
        sys.path.remove(str(root))
        zona.__path__.remove(str(root / "zona"))
        for name in [n for n in sys.modules if n == "recipe_urls" or n.startswith(f"zona.{app}")]:
            del sys.modules[name]
        django_apps.all_models.pop(app, None)
        django_apps.clear_cache()


def pieces(secret: str) -> list[str]:
    """Every four characters of a secret, to look for in what was written."""
    return [secret[i : i + 4] for i in range(len(secret) - 3)]
