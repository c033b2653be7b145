from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "zona.complaints"
    verbose_name = _("Public complaints")

    def ready(self) -> None:
        from django.db.models import Q

        from zona.cases.registry import CaseKind, register
        from zona.orgs.models import Role
        from zona.orgs.permissions import Action

        # the register export (zona.evidence.exports); feed the LKE (A.I.5.iii, A.I.6.iii.a, A.II.5.ii.a)
        from . import export_kinds, lke_handling, lke_rules  # noqa: F401
        from .models import KIND, PREFIX, Category, workflow
        from .services import complaint_statistics, complaints_autoclose
        from .views_public import track

        register(
            CaseKind(
                kind=KIND,
                prefix=PREFIX,
                label=_("Complaints"),
                namespace="complaints",
                workflow=workflow,
                action=Action.HANDLE_COMPLAINT,
                deadline_values=lambda case: {"complaint_type": case.complaint.complaint_type},
                daily=complaints_autoclose,
                figures=complaint_statistics,
                supervisors=frozenset({Role.COMPLAINT_SUPERVISOR}),
                # Corruption, gratification, abuse of office: the unit's Inspektorat/APIP only.
                restricted_action=Action.HANDLE_INTEGRITY_COMPLAINT,
                is_restricted=lambda case: case.complaint.category == Category.INTEGRITY,
                restricted_q=Q(complaint__category=Category.INTEGRITY),
                track=track,
                unit_links=(
                    (_("Record a complaint"), "complaints:new"),
                    (_("Statistics"), "complaints:statistics"),
                    (_("Register (XLSX)"), "complaints:register"),
                ),
            )
        )
