"""The evaluators' requests of one assessment: the list (late ones marked), the evaluator's form
to raise one, the unit's answer, the evaluator's decision."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import attempt, flash_errors
from zona.lib.forms import ids_from
from zona.lke.services import instrument_of
from zona.orgs.permissions import Action, can

from .forms import DecisionForm, RequestAnswerForm, RequestForm
from .rfi import request_answer, request_decide, request_raise
from .rules import source_shown
from .selectors import (
    evaluates,
    evidence_choices,
    get_assessment_for_user,
    get_request_for_user,
    is_late,
    requests_of,
    unit_evidence,
)
from .services import EvaluationError


@login_required
def requests_view(request, pk: int):
    """GET: the assessment's requests; POST: an evaluator raises one."""
    assessment = get_assessment_for_user(request, pk)
    evaluator = evaluates(request.user, assessment)
    form = RequestForm(request.POST or None, initial={"ref": request.GET.get("ref", "")[:40]})
    if request.method == "POST":
        get_assessment_for_user(request, pk, Action.VERIFY)
        if not form.is_valid():
            flash_errors(request, form)
        elif attempt(
            request,
            lambda: request_raise(
                assessment=assessment, by=request.user, today=timezone.localdate(), **form.cleaned_data
            ),
            EvaluationError,
            _("The request is sent to the unit."),
        ):
            return redirect("evaluation:requests", pk=pk)
    today = timezone.localdate()
    may_answer = can(request.user, Action.REPORT, assessment.unit)
    rows = list(requests_of(assessment))
    for row in rows:
        row.late = is_late(row, today)
    return render(
        request,
        "evaluation/requests.html",
        {
            "assessment": assessment,
            "rows": rows,
            "late": sum(1 for r in rows if r.late),
            "evaluator": evaluator,
            "may_answer": may_answer,
            "files": evidence_choices(assessment) if may_answer else [],
            "form": form if evaluator else None,
            "questions": instrument_of(assessment).questions,
            "rule": source_shown("requests"),
        },
    )


def _back(found):
    target = redirect("evaluation:requests", pk=found.assessment_id)
    target["Location"] += f"#rfi-{found.pk}"
    return target


@login_required
@require_POST
def answer_view(request, pk: int):
    found = get_request_for_user(request, pk, Action.REPORT)
    form = RequestAnswerForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return _back(found)
    ids = ids_from(request.POST, "evidence")
    items = unit_evidence(found.assessment, ids)
    attempt(
        request,
        lambda: request_answer(
            request=found, answer=form.cleaned_data["answer"], evidence=items, by=request.user
        ),
        EvaluationError,
        _("The answer is sent to the evaluator."),
    )
    return _back(found)


@login_required
@require_POST
def decide_view(request, pk: int):
    found = get_request_for_user(request, pk, Action.VERIFY)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return _back(found)
    accept = form.cleaned_data["accept"] == "1"
    attempt(
        request,
        lambda: request_decide(request=found, accept=accept, note=form.cleaned_data["note"], by=request.user),
        EvaluationError,
        _("The answer is accepted.") if accept else _("The answer is rejected."),
    )
    return _back(found)
