"""The road to WBK/WBBM: the predicate's gates with their margins, the forecast at the proposal
date, the cheapest path through the failing gates, the what-if sandbox, evidence readiness and the
evaluation calendar."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadConfig(AppConfig):
    name = "zona.road"
    verbose_name = _("Road to the predicate")

    def ready(self) -> None:
        from . import export_kinds, panels, signals  # noqa: F401 - the national XLSX, the dashboard's countdown (tasks.py: Huey finds it)

        signals.connect()  # what moves a forecast, noted as it is saved (snapshots.py)

        from zona.lib.reminders import daily

        from .readiness import expiry_reminders_send

        daily("evidence expiry", expiry_reminders_send)  # `zona send-reminders` without the worker
