from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkeConfig(AppConfig):
    name = "zona.lke"
    verbose_name = _("LKE self-assessment")

    def ready(self) -> None:
        from . import rules  # noqa: F401 - registers the plan-based suggestion rules
