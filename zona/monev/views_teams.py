"""The ZI work team and the change agents, with the changes the agents made."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import attempt, submitted
from zona.lib.files import FileRejected
from zona.orgs.permissions import Action, can, require, unit_for

from .forms import (
    AgentChangeForm,
    IntegrateForm,
    MemberForm,
    TeamForm,
)
from .models import Team
from .selectors import get_agent_change_for_user, get_member_for_user, get_team_for_user
from .services import (
    MonevError,
    agent_change_integrate,
    agent_change_record,
    team_member_add,
    team_member_remove,
    team_save,
)
from .views_shared import upload_evidence


def teams_of(unit):
    return unit.teams.prefetch_related("members__changes__evidence__versions").select_related("decree")


@transaction.atomic
def _team_save(request, unit, data: dict) -> None:
    decree = upload_evidence(request, unit, data["decree_file"], f"SK {data['decree_number']}".strip())
    team = Team(
        unit=unit,
        kind=data["kind"],
        decree_number=data["decree_number"],
        decree=decree,
        period_start=data["period_start"],
        period_end=data["period_end"],
    )
    team_save(team=team, by=request.user)


@login_required
def teams(request, unit_slug: str):
    unit = unit_for(request, unit_slug)
    may_manage = can(request.user, Action.MANAGE_PLAN, unit)
    form = TeamForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, Action.MANAGE_PLAN, unit)
        if form.is_valid() and attempt(
            request, lambda: _team_save(request, unit, form.cleaned_data), FileRejected, _("Team saved.")
        ):
            return redirect("monev:teams", unit_slug=unit.slug)
    return render(
        request,
        "monev/teams.html",
        {
            "unit": unit,
            "teams": [
                (team, [(m, AgentChangeForm(auto_id=f"id_%s_{m.pk}")) for m in team.members.all()])
                for team in teams_of(unit)
            ],
            "form": form,
            "member_form": MemberForm(),
            "may_manage": may_manage,
        },
    )


@login_required
@require_POST
def team_member_add_view(request, pk: int):
    team = get_team_for_user(request, pk)
    submitted(
        request,
        MemberForm(request.POST),
        lambda data: team_member_add(team=team, by=request.user, **data),
        MonevError,
        _("Member added."),
        refused=_("Member not added: %(errors)s"),
    )
    return redirect("monev:teams", unit_slug=team.unit.slug)


@login_required
@require_POST
def team_member_remove_view(request, pk: int):
    member = get_member_for_user(request, pk)
    team_member_remove(member=member, by=request.user)
    messages.success(request, _("Member removed."))
    return redirect("monev:teams", unit_slug=member.team.unit.slug)


@login_required
@require_POST
def agent_change_view(request, pk: int):
    member = get_member_for_user(request, pk)
    unit = member.team.unit
    submitted(
        request,
        AgentChangeForm(request.POST, request.FILES),
        lambda data: _change_record(request, member, data),
        RuleError,
        _("Change recorded."),
        refused=_("Change not saved: %(errors)s"),
    )
    return redirect("monev:teams", unit_slug=unit.slug)


@transaction.atomic
def _change_record(request, member, data: dict) -> None:
    evidence = upload_evidence(request, member.team.unit, data.pop("file"), f"Perubahan: {data['title']}")
    agent_change_record(member=member, by=request.user, evidence=evidence, **data)


@login_required
@require_POST
def agent_change_integrate_view(request, pk: int):
    change = get_agent_change_for_user(request, pk)
    unit = change.member.team.unit
    submitted(
        request,
        IntegrateForm(request.POST),
        lambda data: agent_change_integrate(change=change, by=request.user, **data),
        MonevError,
        _("Change recorded as integrated."),
        refused=_("Change not saved: %(errors)s"),
    )
    return redirect("monev:teams", unit_slug=unit.slug)
