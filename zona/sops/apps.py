from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopsConfig(AppConfig):
    name = "zona.sops"
    verbose_name = _("SOP register")

    def ready(self) -> None:
        from . import lke_rules, panels  # noqa: F401 - LKE A.I.2.i and the dashboard (tasks.py: Huey finds it)
