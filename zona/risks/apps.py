from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "zona.risks"
    verbose_name = _("Risk register (SPIP)")

    def ready(self) -> None:
        from . import lke_rules, panels  # noqa: F401 - feeds the LKE (A.I.5.ii) and monev's pages
        from .matrix import scheme

        scheme()  # the matrices are checked when Zona starts
