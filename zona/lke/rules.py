"""Suggestion rules from the work plan (the LKE may read plans; other modules register their own)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.plans.models import Plan, PlanStatus

from .suggestions import Suggestion, rule


def _plan(assessment) -> Plan | None:
    return Plan.objects.filter(unit=assessment.unit, year=assessment.year).first()


@rule("A.I.1.ii.a")
def plan_document_exists(assessment):
    plan = _plan(assessment)
    if plan is None:
        return None
    if plan.status == PlanStatus.ESTABLISHED:
        return Suggestion(
            "Ya",
            _("Work plan %(year)s established (decree %(number)s) and published")
            % {"year": plan.year, "number": plan.decree_number or "-"},
        )
    return Suggestion("Tidak", _("The %(year)s work plan is still a draft") % {"year": plan.year})


@rule("A.I.1.ii.b")
def plan_has_priorities(assessment):
    plan = _plan(assessment)
    if plan is None:
        return None
    with_priorities = sum(1 for area in plan.areas.all() if area.priorities)
    answer = "A" if with_priorities == 6 else "B" if with_priorities else "C"
    return Suggestion(answer, _("Priority targets (Lampiran I) in %(n)s of 6 areas") % {"n": with_priorities})
