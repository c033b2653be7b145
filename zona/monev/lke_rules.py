"""What monev knows, offered to the LKE as suggested answers (the LKE never imports monev)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lke.suggestions import Suggestion, rule

from .models import CycleStatus, MonevCycle, Team, TeamKind


@rule("A.I.1.i.a")
def work_team_formed(assessment):
    team = Team.objects.filter(
        unit=assessment.unit,
        kind=TeamKind.WORK_TEAM,
        period_start__year__lte=assessment.year,
        period_end__year__gte=assessment.year,
    ).first()
    if team is None:
        return None
    return Suggestion(
        "Ya", _("ZI work team recorded (decree %(number)s)") % {"number": team.decree_number or "-"}
    )


@rule("A.I.1.iii.b")
def monev_regular(assessment):
    closed = MonevCycle.objects.filter(
        plan__unit=assessment.unit, plan__year=assessment.year, status=CycleStatus.CLOSED
    ).count()
    answer = {4: "A", 3: "B", 2: "B", 1: "C"}.get(closed, "D")
    return Suggestion(
        answer,
        _("%(n)s of 4 quarterly monev cycles closed in %(year)s") % {"n": closed, "year": assessment.year},
    )
