from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "zona.performance"
    verbose_name = _("Performance accountability (SAKIP)")

    def ready(self) -> None:
        from . import lke_rules, lke_sakip  # noqa: F401 - feed the LKE (A.I.4, A.II.4.i.a, A.II.4.iii.a, B.1.b)
