from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "zona.monev"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        from . import export_kinds, lke_rules  # noqa: F401 - registers its exports; feeds the LKE
