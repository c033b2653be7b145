from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zona.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from zona.workdays.services import RECALCULATORS

        from .services import cases_recalculate

        if cases_recalculate not in RECALCULATORS:
            RECALCULATORS.append(cases_recalculate)
