from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "zona.surveys"
    verbose_name = _("Surveys and service standards")

    def ready(self) -> None:
        from . import lke_rules  # noqa: F401 - feeds the LKE (A.I.6.i, A.I.6.iv, Hasil IPAK/IPKP)
        from .definitions import library

        library()  # the library's definitions are checked when Zona starts

        from zona.plans.snapshots import name_kind

        from .models import FollowUp

        name_kind(FollowUp, _("survey follow-ups"))  # a plan whose steps they are is never replaced
