from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "zona.plans"
    verbose_name = _("ZI work plans")

    def ready(self) -> None:
        from . import export_kinds  # noqa: F401 - registers the plan's exports
