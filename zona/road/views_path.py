"""The road's pages: the gates with the cheapest paths (and the action that turns a path into
plan steps), the coordinator's efforts, and the what-if sandbox (htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import attempt, outcome
from zona.lib.records import parse_date
from zona.lke.scoring import AnswerError
from zona.orgs.holders import people_of
from zona.orgs.permissions import Action, can

from .path import paths
from .sandbox import sandbox_gates, sandbox_open, sandbox_reset, sandbox_rows, sandbox_set, typed_answer
from .selectors import get_assessment_for_user
from .services import RoadError, effort_set, path_to_plan


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


@login_required
def gates_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    inputs, found = paths(assessment)
    can_manage = can(request.user, Action.MANAGE_PLAN, assessment.unit)
    return render(
        request,
        "road/gates.html",
        {
            "assessment": assessment,
            "report": inputs.report,
            "paths": found,
            "efforts": inputs.efforts,
            "can_manage": can_manage,
            "people": people_of(assessment.unit) if can_manage else [],
        },
    )


@login_required
@require_POST
def plan_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    done = outcome(
        request,
        lambda: path_to_plan(
            assessment=assessment,
            predicate=request.POST.get("predicate", ""),
            refs=request.POST.getlist("ref"),
            pic_id=_int(request.POST.get("pic")),
            due_on=parse_date(request.POST.get("due", "")),
            by=request.user,
        ),
        RoadError,
    )
    if done is not None:
        created, skipped = done
        messages.success(
            request, _("%(n)s plan steps added: the path is now in the work plan.") % {"n": len(created)}
        )
        if skipped:
            messages.info(
                request,
                _("Skipped, already in the work plan (open steps): %(refs)s.") % {"refs": ", ".join(skipped)},
            )
    return redirect("road:gates", pk=assessment.pk)


@login_required
@require_POST
def effort_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    raw = request.POST.get("effort", "").strip()

    def save():
        effort = None if raw == "" else _int(raw)
        if raw and effort is None:
            raise RoadError(_("The effort is a whole number from 1 to 100."))
        effort_set(assessment=assessment, ref=request.POST.get("ref", ""), effort=effort, by=request.user)

    attempt(request, save, RoadError, success="")
    return redirect("road:gates", pk=assessment.pk)


@login_required
def sandbox_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    sandbox = sandbox_open(assessment=assessment, user=request.user)
    return render(
        request,
        "road/sandbox.html",
        {"assessment": assessment, "report": sandbox_gates(sandbox), "rows": sandbox_rows(sandbox)},
    )


@login_required
@require_POST
def sandbox_answer_view(request, pk: int):
    """One tried answer (htmx): the gates again, or the answer's error beside them."""
    assessment = get_assessment_for_user(request, pk)
    sandbox = sandbox_open(assessment=assessment, user=request.user)
    error = ""
    try:
        sandbox = sandbox_set(
            sandbox=sandbox, ref=request.POST.get("ref", ""), raw=typed_answer(request.POST)
        )
    except (AnswerError, RoadError) as exc:
        error = str(exc)
    context = {"assessment": assessment, "report": sandbox_gates(sandbox), "error": error, "sandbox": True}
    if request.htmx:
        return render(request, "road/_gate_table.html", context)
    return redirect("road:sandbox", pk=assessment.pk)


@login_required
@require_POST
def sandbox_reset_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    sandbox_reset(assessment=assessment, user=request.user)
    messages.info(request, _("The sandbox holds the assessment's answers again."))
    return redirect("road:sandbox", pk=assessment.pk)
