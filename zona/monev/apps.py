from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "zona.monev"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        from zona.plans.services import step_state_changed
        from zona.plans.snapshots import name_kind

        from . import export_kinds, lke_rules  # noqa: F401 - registers its exports; feeds the LKE
        from .models import Finding, Meeting, MeetingDocument, MonevCycle, StepReport
        from .services import report_follows_step

        # the open cycle's report follows the plan step (the one source of truth)
        step_state_changed.connect(report_follows_step, dispatch_uid="monev.report_follows_step")

        # what replacing a plan would delete of monev's, in the words its refusal uses
        name_kind(MonevCycle, _("monev cycles"))
        name_kind(StepReport, _("step reports"))
        name_kind(Meeting, _("meetings"))
        name_kind(MeetingDocument, _("meeting documents (minutes, attendance lists, photos)"))
        name_kind(Finding, _("findings"))
        name_kind(StepReport.evidence.through, _("evidence linked to step reports"))
        name_kind(Finding.evidence.through, _("evidence linked to findings"))
        name_kind(Meeting.attendees.through, _("meeting attendees"))
