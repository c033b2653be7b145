"""Sections other modules add to monev's pages, so monev never imports them (the same pattern as
the LKE's suggestion rules): the risk register's control actions in a quarter's cycle, the risk
heat map and reviews due on the dashboard.

A module registers `@panel("cycle")` or `@panel("dashboard")` on a function of
(request, **objects) that returns (template, context) or None (nothing to show); monev renders
them in registration order."""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

PLACES = ("cycle", "dashboard")
PANELS: dict[str, list[Callable]] = {place: [] for place in PLACES}


def panel(place: str):
    if place not in PLACES:
        raise ValueError(f"unknown panel place {place}")

    def register(function: Callable):
        PANELS[place].append(function)
        return function

    return register


def render_panels(place: str, request, **objects) -> list[SafeString]:
    shown = []
    for function in PANELS[place]:
        found = function(request, **objects)
        if found is not None:
            template, context = found
            shown.append(render_to_string(template, context, request=request))
    return shown
