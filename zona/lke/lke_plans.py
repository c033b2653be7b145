"""The LKE suggestion rules from the work plan (the LKE may read plans; other modules register
their own in their `lke_rules.py`)."""

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
            figures=((_("plan established"), 1),),
        )
    return Suggestion(
        "Tidak",
        _("The %(year)s work plan is still a draft") % {"year": plan.year},
        figures=((_("plan established"), 0),),
    )


@rule("A.I.1.ii.b")
def plan_has_priorities(assessment):
    plan = _plan(assessment)
    if plan is None:
        return None
    """A: priority targets in all six areas of an established (ditetapkan) plan; B: in some, or
    in all six of a plan still in draft; C: none. The LKE asks for the targets "dalam dokumen
    pembangunan": a draft is not yet the unit's document (A.I.1.ii.a asks it established)."""
    with_priorities = sum(1 for area in plan.areas.all() if area.priorities)
    answer = "A" if with_priorities == 6 else "B" if with_priorities else "C"
    reason = _("Priority targets (Lampiran I) in %(n)s of 6 areas") % {"n": with_priorities}
    if answer == "A" and plan.status != PlanStatus.ESTABLISHED:
        answer = "B"
        reason += "; " + _(
            "the %(year)s work plan is still a draft, not established (ditetapkan): A needs the targets "
            "in the established development document (LKE A.I.1.ii.a–b, PermenPAN-RB 90/2021)"
        ) % {"year": plan.year}
    established = int(plan.status == PlanStatus.ESTABLISHED)
    figures = ((_("areas with priority targets"), with_priorities), (_("plan established"), established))
    return Suggestion(answer, reason, figures=figures)
