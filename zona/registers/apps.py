from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "zona.registers"
    verbose_name = _("Recap registers")

    def ready(self) -> None:
        # the recap exports (zona.evidence.exports); the Reform figures and HR answers for the LKE
        from . import export_kinds, lke_hr, lke_rules  # noqa: F401
        from .types import register_types

        register_types()  # the types are checked when Zona starts
