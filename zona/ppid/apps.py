from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "zona.ppid"
    verbose_name = _("Public information (PPID)")

    def ready(self) -> None:
        from zona.cases.registry import CaseKind, register
        from zona.orgs.permissions import Action

        from . import lke_rules  # noqa: F401 - feeds the LKE (A.I.2.iii) from the DIP and the report
        from .models import KIND, PREFIX, workflow
        from .report import reports_remind
        from .views_public import track

        register(
            CaseKind(
                kind=KIND,
                prefix=PREFIX,
                label=_("Information requests (PPID)"),
                namespace="ppid",
                workflow=workflow,
                action=Action.HANDLE_PPID,
                daily=reports_remind,
                track=track,
                unit_links=(
                    (_("Record a request"), "ppid:new"),
                    (_("Registers and report"), "ppid:registers"),
                    ("DIP", "ppid:dip"),
                ),
            )
        )
