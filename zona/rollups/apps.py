from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupsConfig(AppConfig):
    name = "zona.rollups"
    verbose_name = _("Roll-ups")

    def ready(self) -> None:
        from . import signals, sources  # noqa: F401 - connects the change hooks, offers the national tables

        signals.connect()
