"""Reads for the monev pages: the fetch-and-authorise helpers (`get_<thing>_for_user`) and the
querysets a page needs."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from zona.orgs.permissions import Action, require
from zona.plans.models import ActionStep, Plan

from .models import AgentChange, CycleStatus, Finding, Meeting, MonevCycle, StepReport, Team, TeamMember


def get_cycle_for_user(request, pk: int, action: Action = Action.VIEW) -> MonevCycle:
    cycle = get_object_or_404(MonevCycle.objects.visible_to(request.user).select_related("plan__unit"), pk=pk)
    require(request.user, action, cycle.plan.unit)
    return cycle


def get_meeting_for_user(request, pk: int, action: Action = Action.VIEW) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("plan__unit"), pk=pk)
    require(request.user, action, meeting.plan.unit)
    return meeting


def get_plan_meeting(plan: Plan, pk) -> Meeting:
    """A meeting of a plan the view has already authorised (404 for another plan's)."""
    return get_object_or_404(Meeting, pk=pk, plan=plan)


def get_finding_for_user(request, pk: int) -> Finding:
    finding = get_object_or_404(
        Finding.objects.visible_to(request.user).select_related("plan__unit", "owner"), pk=pk
    )
    require(request.user, Action.VIEW, finding.plan.unit)
    return finding


def get_team_for_user(request, pk: int, action: Action = Action.MANAGE_PLAN) -> Team:
    team = get_object_or_404(Team.objects.select_related("unit"), pk=pk)
    require(request.user, action, team.unit)
    return team


def get_member_for_user(request, pk: int, action: Action = Action.MANAGE_PLAN) -> TeamMember:
    member = get_object_or_404(TeamMember.objects.select_related("team__unit"), pk=pk)
    require(request.user, action, member.team.unit)
    return member


def get_agent_change_for_user(request, pk: int, action: Action = Action.MANAGE_PLAN) -> AgentChange:
    change = get_object_or_404(AgentChange.objects.select_related("member__team__unit"), pk=pk)
    require(request.user, action, change.member.team.unit)
    return change


def get_cycle_step(cycle: MonevCycle, pk: int) -> ActionStep:
    """A step of the cycle's plan (404 for a step of another plan)."""
    return get_object_or_404(
        ActionStep.objects.select_related("indicator__component__area", "pic").prefetch_related("evidence"),
        pk=pk,
        indicator__component__area__plan=cycle.plan,
    )


def open_cycle_of(plan: Plan) -> MonevCycle | None:
    """The plan's open monev cycle, if any (what a new meeting or finding belongs to)."""
    return MonevCycle.objects.filter(plan=plan, status=CycleStatus.OPEN).first()


def step_report_of(cycle: MonevCycle, step: ActionStep) -> StepReport | None:
    return StepReport.objects.filter(cycle=cycle, step=step).first()


def findings_of(plan: Plan):
    return Finding.objects.filter(plan=plan).select_related("owner")


def open_findings_of(plan: Plan):
    return Finding.objects.open().filter(plan=plan).select_related("owner")


def previous_closed_cycle(cycle: MonevCycle) -> MonevCycle | None:
    """The plan's last closed cycle before this one (the page compares each area with it)."""
    return (
        MonevCycle.objects.filter(plan=cycle.plan, status="closed", quarter__lt=cycle.quarter)
        .order_by("-quarter")
        .first()
    )


def plans_of(unit) -> list[Plan]:
    """The unit's own plans, the latest year first."""
    return list(Plan.objects.filter(unit=unit).order_by("-year"))


def plan_years_below(unit) -> list[int]:
    """The years that have a plan at the unit or a unit below it, the latest first."""
    years = Plan.objects.filter(unit__path__startswith=unit.path).order_by().values_list("year", flat=True)
    return sorted(set(years.distinct()), reverse=True)
