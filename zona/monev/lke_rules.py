"""What monev knows, offered to the LKE as suggested answers (the LKE never imports monev)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.lke.derivations import period_months
from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule

from .models import AgentChange, CycleStatus, Meeting, MonevCycle, Team, TeamKind, TeamMember

register_records_page(__name__, "monev:dashboard", ("slug",))


@rule("A.I.1.i.a")
def work_team_formed(assessment):
    teams = Team.objects.filter(
        unit=assessment.unit,
        kind=TeamKind.WORK_TEAM,
        period_start__year__lte=assessment.year,
        period_end__year__gte=assessment.year,
    )
    team = teams.exclude(decree_number="", decree__isnull=True).first()
    if team is None:
        undecreed = teams.first()
        if undecreed is None:
            return None
        return Suggestion(
            "Tidak",
            _("ZI work team recorded without its decree (no decree number or decree file)"),
            figures=((_("work team members"), undecreed.members.count()),),
        )
    return Suggestion(
        "Ya",
        _("ZI work team recorded (decree %(number)s)") % {"number": team.decree_number or "-"},
        figures=((_("work team members"), team.members.count()),),
    )


def periods_due(year: int, today: date) -> int:
    """How many monev periods of `year` have ended by `today` (all of them for a past year). A
    period is regular_periods.monev_months long (zona/lke/data/derivations.yaml, by default a
    quarter: "secara berkala" as Zona reads it, no regulation fixes it)."""
    months = period_months("monev")
    if year < today.year:
        return 12 // months
    if year > today.year:
        return 0
    return (today.month - 1) // months


def monev_answer(*, closed: int, due: int, leader_meetings: int) -> str:
    """A.I.1.iii.b: A — the leadership takes part and monev is regular (a closed cycle for every
    period that has ended); B — the leadership takes part, not regularly; C — monev without the
    leadership; D — no monev."""
    if closed == 0 and leader_meetings == 0:
        return "D"
    if leader_meetings == 0:
        return "C"
    return "A" if due > 0 and closed >= due else "B"


@rule("A.I.1.iii.b")
def monev_regular(assessment):
    closed = MonevCycle.objects.filter(
        plan__unit=assessment.unit, plan__year=assessment.year, status=CycleStatus.CLOSED
    ).count()
    leader = Meeting.objects.filter(
        plan__unit=assessment.unit, plan__year=assessment.year, leader_present=True
    ).count()
    due = periods_due(assessment.year, timezone.localdate())
    return Suggestion(
        monev_answer(closed=closed, due=due, leader_meetings=leader),
        _(
            "%(n)s of %(due)s monev cycles closed in %(year)s (one for every period of %(months)s "
            'months ended: "secara berkala" as Zona reads it, no regulation fixes it); the leader '
            "attended %(m)s evaluation meeting(s)"
        )
        % {"n": closed, "due": due, "year": assessment.year, "m": leader, "months": period_months("monev")},
        figures=(
            (_("monev cycles closed"), closed),
            (_("periods ended"), due),
            (_("evaluation meetings with the leader"), leader),
        ),
    )


def _agents(assessment):
    return TeamMember.objects.filter(
        team__unit=assessment.unit,
        team__kind=TeamKind.CHANGE_AGENTS,
        team__period_start__year__lte=assessment.year,
        team__period_end__year__gte=assessment.year,
    )


def _changes(assessment):
    return AgentChange.objects.filter(Q(member__in=_agents(assessment)) & Q(made_on__year=assessment.year))


@rule("A.II.1.i.a")
def agents_made_changes(assessment):
    agents = _agents(assessment).count()
    if not agents:
        return None
    changes = _changes(assessment).count()
    return Suggestion(
        f"{agents};{changes}",
        _("%(agents)s change agents recorded %(changes)s changes in %(year)s")
        % {"agents": agents, "changes": changes, "year": assessment.year},
    )


@rule("A.II.1.i.b")
def changes_integrated(assessment):
    changes = _changes(assessment)
    made = changes.count()
    if not made:
        return None
    integrated = changes.filter(integrated=True).count()
    return Suggestion(
        f"{made};{integrated}",
        _("%(integrated)s of the %(made)s changes of %(year)s are integrated into the management system")
        % {"integrated": integrated, "made": made, "year": assessment.year},
    )
