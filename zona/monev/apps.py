from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "zona.monev"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        from . import lke_rules  # noqa: F401 - feeds the LKE with suggested answers
