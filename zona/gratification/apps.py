from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GratificationConfig(AppConfig):
    name = "zona.gratification"
    verbose_name = _("Gratification control (UPG)")

    def ready(self) -> None:
        from . import lke_rules  # noqa: F401 - feeds the LKE (A.I.5.i)
        from .limits import regulations

        regulations()  # the limits file is checked when Zona starts
