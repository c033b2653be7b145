from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "zona.complaints"
    verbose_name = _("Public complaints")

    def ready(self) -> None:
        from zona.cases.services import register_module
        from zona.orgs.permissions import Action

        from . import lke_rules  # noqa: F401 - feeds the LKE (A.II.5.ii.a) with complaint counts
        from .models import KIND, workflow

        register_module(
            KIND,
            workflow,
            lambda case: {"complaint_type": case.complaint.complaint_type},
            action=Action.HANDLE_COMPLAINT,
        )
