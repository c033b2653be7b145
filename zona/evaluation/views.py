"""The side-by-side page of the TPI's tiers: the team at work sees every tier; the unit sees the
tiers that released their approved result. A tier member answers, takes the level below,
approves and releases in their own tier."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import attempt, flash_errors, outcome
from zona.lke.models import Stage
from zona.lke.scoring import AnswerError
from zona.orgs.permissions import Action

from .forms import MemberForm, TierAnswerForm
from .rules import source_shown, tier
from .selectors import (
    active_person,
    board,
    cancelled_approvals,
    evaluates,
    get_assessment_for_user,
    requests_open,
    seat_of,
    team_of,
)
from .services import (
    EvaluationError,
    team_member_add,
    tier_answer_save,
    tier_approve,
    tier_release,
    tier_take,
)


@login_required
def board_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    live = evaluates(request.user, assessment)
    seat = seat_of(request.user, assessment)
    return render(
        request,
        "evaluation/board.html",
        {
            "assessment": assessment,
            "board": board(assessment, live=live, seat=seat.code if seat else ""),
            "seat": seat,
            "may_work": seat is not None and assessment.stage == Stage.REVIEW,
            "team": team_of(assessment) if live else [],
            "member_form": MemberForm() if live else None,
            "pending": requests_open(assessment).count(),
            "cancelled": cancelled_approvals(assessment) if live else [],
            "rule": source_shown("tiers"),
        },
    )


def _back(pk: int, ref: str = ""):
    target = redirect("evaluation:board", pk=pk)
    if ref:
        target["Location"] += f"#q-{ref.replace('.', '-')}"
    return target


@login_required
@require_POST
def answer_view(request, pk: int, ref: str):
    assessment = get_assessment_for_user(request, pk, Action.VERIFY)
    form = TierAnswerForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return _back(pk, ref)
    data = form.cleaned_data
    answer = outcome(
        request,
        lambda: tier_answer_save(
            assessment=assessment,
            tier_code=data["tier"],
            ref=ref,
            raw=data["value"],
            note=data["note"],
            by=request.user,
        ),
        (EvaluationError, AnswerError),
    )
    if answer is not None:
        messages.success(request, _saved_message(ref, answer.cancelled))
    return _back(pk, ref)


def _saved_message(ref: str, cancelled: list[str]) -> str:
    """ "Answer saved", naming the approvals the change cancelled ("… of A and B cancelled")."""
    saved = _("Answer to %(ref)s saved.") % {"ref": ref}
    if not cancelled:
        return saved
    names = [tier(code).name for code in cancelled]
    listed = (
        names[0]
        if len(names) == 1
        else _("%(some)s and %(last)s")
        % {
            "some": ", ".join(names[:-1]),
            "last": names[-1],
        }
    )
    return f"{saved} " + _("The approval of %(tiers)s is cancelled.") % {"tiers": listed}


def _tier_step(request, pk: int, service, success: str):
    assessment = get_assessment_for_user(request, pk, Action.VERIFY)
    tier_code = request.POST.get("tier", "")[:20]
    attempt(
        request,
        lambda: service(assessment=assessment, tier_code=tier_code, by=request.user),
        EvaluationError,
        success,
    )
    return _back(pk)


@login_required
@require_POST
def take_view(request, pk: int):
    return _tier_step(
        request,
        pk,
        tier_take,
        _("The answers of the level below are taken for the questions not answered yet."),
    )


@login_required
@require_POST
def approve_view(request, pk: int):
    return _tier_step(request, pk, tier_approve, _("The tier's answers are approved."))


@login_required
@require_POST
def release_view(request, pk: int):
    return _tier_step(request, pk, tier_release, _("The tier's result is released to the unit."))


@login_required
@require_POST
def member_view(request, pk: int):
    """A reviewer of the unit seats a person in a tier of the team."""
    assessment = get_assessment_for_user(request, pk, Action.VERIFY)
    form = MemberForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return _back(pk)
    person = active_person(form.cleaned_data["username"])
    if person is None:
        messages.error(request, _("No active account has this username."))
        return _back(pk)
    attempt(
        request,
        lambda: team_member_add(
            assessment=assessment, user=person, tier_code=form.cleaned_data["tier"], by=request.user
        ),
        EvaluationError,
        _("%(name)s joins the team.") % {"name": person.get_full_name() or person.username},
    )
    return _back(pk)
