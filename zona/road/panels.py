"""What the road adds to the monev dashboard: the countdown to the proposal deadline and the
gates the unit's LKE still fails."""

from __future__ import annotations

from django.utils import timezone

from zona.monev.panels import panel

from .calendar import countdowns


@panel("dashboard")
def countdown_panel(request, *, unit, year):
    (row,) = countdowns([unit], timezone.localdate())
    return "road/panel_countdown.html", {"row": row}
