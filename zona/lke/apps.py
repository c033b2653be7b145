from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkeConfig(AppConfig):
    name = "zona.lke"
    verbose_name = _("LKE self-assessment")

    def ready(self) -> None:
        from zona.plans.importers.lke_questions import register

        from . import lke_plans  # noqa: F401 - registers the plan-based suggestion rules
        from .plan_questions import plan_questions

        register(plan_questions)  # the plan importer places and links rows by LKE question

        from zona.plans.snapshots import name_kind

        from .models import QuestionLink

        # replacing a plan deletes its links to LKE questions: the confirmed ones are someone's work
        # (the suggested ones are suggested again)
        name_kind(QuestionLink, _("confirmed links to LKE questions"), counted=lambda link: link.confirmed)
