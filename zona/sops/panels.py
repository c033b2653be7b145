"""What the SOP register adds to the unit's dashboard: reviews overdue or falling due."""

from __future__ import annotations

from zona.monev.panels import panel

from .services import due_soon


@panel("dashboard")
def reviews_due(request, *, unit, year):
    rows = due_soon(unit)
    if not rows:
        return None
    return "sops/panel_dashboard.html", {"unit": unit, "rows": rows}
