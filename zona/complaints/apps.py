from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "zona.complaints"
    verbose_name = _("Public complaints")

    def ready(self) -> None:
        from . import lke_rules  # noqa: F401 - feeds the LKE (A.II.5.ii.a) with complaint counts
