from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoiConfig(AppConfig):
    name = "zona.coi"
    verbose_name = _("Conflict of interest")

    def ready(self) -> None:
        from . import lke_rules  # noqa: F401 - feeds the LKE (A.I.5.v)
