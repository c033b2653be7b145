from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "zona.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from .registry import discover

        discover()  # each app's audit.py says which of its models the field-level trail records
