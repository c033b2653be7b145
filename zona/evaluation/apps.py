"""The TPI's evaluation of a unit's LKE: the team's tiers (anggota tim, ketua tim, pengendali
teknis) side by side with the self-assessment, each tier's approval and release to the unit, and
the evaluators' requests for data or information."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "zona.evaluation"
    verbose_name = _("TPI evaluation")

    def ready(self) -> None:
        from zona.lke.providers import register_tpi_answer_owner
        from zona.lke.review import on_finalise
        from zona.lke.services import on_answer_changed

        from .rules import request_rules, tiers
        from .services import approvals_cancel_after, direct_answer_check, finalise_check

        tiers(), request_rules()  # a broken data file stops Zona here
        on_answer_changed(approvals_cancel_after)  # a unit's changed answer cancels the approvals
        on_finalise(finalise_check)  # with a team, only the last tier's approval finalises
        register_tpi_answer_owner(direct_answer_check)  # with a team, no TPI answer typed on the LKE

        from zona.lib.reminders import daily

        from .rfi import reminders_send

        daily("information requests", reminders_send)  # `zona send-reminders` without the worker
