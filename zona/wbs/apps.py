from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WbsConfig(AppConfig):
    name = "zona.wbs"
    verbose_name = _("Whistleblowing system (WBS)")

    def ready(self) -> None:
        from django.urls import reverse

        from zona.cases.registry import register_channel

        from . import lke_rules  # noqa: F401 - feeds the LKE (A.I.5.iv) with aggregate figures only
        from .keys import channel_open

        register_channel(
            "wbs", lambda unit: reverse("wbs_public:intake", args=[unit.slug]) if channel_open(unit) else None
        )
