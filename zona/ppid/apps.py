from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "zona.ppid"
    verbose_name = _("Public information (PPID)")

    def ready(self) -> None:
        from zona.cases.services import register_module
        from zona.orgs.permissions import Action

        from .models import KIND, workflow

        register_module(KIND, workflow, action=Action.HANDLE_PPID)
