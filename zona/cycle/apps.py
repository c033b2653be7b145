from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "zona.cycle"
    label = "cycle"
    verbose_name = _("National evaluation cycle")

    def ready(self) -> None:
        from zona.cases.incidents import on_incident
        from zona.lke.providers import register

        from .incidents import incident_task_open
        from .predicates import lke_facts
        from .rules import rules

        rules()  # a broken data file stops Zona with the reason
        register(lke_facts)  # the TPN's figures, the WBK in force and revocations in the LKE's gates
        on_incident(incident_task_open)  # the APIP's mark opens the TPI's confirmation task
