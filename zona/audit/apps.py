from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "zona.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from .trail import install

        install()  # every field-level log entry carries its unit
