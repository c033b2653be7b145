from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "zona.performance"
    verbose_name = _("Performance accountability (SAKIP)")

    def ready(self) -> None:
        from . import lke_rules  # noqa: F401 - feeds the LKE (A.II.4.i.a, B.1.b)
