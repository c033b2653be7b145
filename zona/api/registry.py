"""The API's registry of routers: every Zona app that has an `api` module with a `router` (a
django-ninja Router) has its endpoints mounted on the central API, in the order of
INSTALLED_APPS. The API app names none of them; an app joins the API by writing its `api.py`."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule
from ninja import Router

MODULE = "api"  # the name of each app's API module


def app_routers() -> list[Router]:
    """Each Zona app's router (the API app's own excepted), in the order the apps are installed."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("zona.") or config.name == __package__:
            continue
        if module_has_submodule(config.module, MODULE):
            router = getattr(import_module(f"{config.name}.{MODULE}"), "router", None)
            if isinstance(router, Router):
                found.append(router)
    return found
