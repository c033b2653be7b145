"""The LKE's review pages: confirm carried-over answers, submit after seeing what is missing, the
TPI's agreement with the unit's answers, and the search for an answer's evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zona.lib.feedback import attempt, outcome
from zona.orgs.permissions import Action

from .models import Level
from .review import answers_confirm, assessment_submit, review_agree
from .selectors import evidence_search, get_assessment_for_user, self_evidence_of
from .services import AssessmentError, instrument_of
from .states import self_state


def _back(pk: int, assessment, section: str, ref: str = ""):
    node = instrument_of(assessment).nodes.get(section)
    target = redirect("lke:section", pk=pk, ref=node.ref) if node else redirect("lke:detail", pk=pk)
    if ref:
        target["Location"] += f"#q-{ref}"
    return target


@login_required
@require_POST
def confirm_view(request, pk: int):
    """Confirm one carried-over answer (`ref`) or every one of a section (`refs`)."""
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    one = request.POST.get("ref", "")
    refs = [one] if one else request.POST.getlist("refs")
    count = outcome(
        request, lambda: answers_confirm(assessment=assessment, refs=refs, by=request.user), AssessmentError
    )
    if count is not None:
        messages.success(request, _("%(n)s answers confirmed for this year.") % {"n": count})
    return _back(pk, assessment, request.POST.get("section", ""), one)


@login_required
@require_POST
def agree_view(request, pk: int):
    """The TPI takes the unit's answers to the ticked section's questions as its own review."""
    assessment = get_assessment_for_user(request, pk, Action.VERIFY)
    count = outcome(
        request,
        lambda: review_agree(assessment=assessment, refs=request.POST.getlist("refs"), by=request.user),
        AssessmentError,
    )
    if count is not None:
        messages.success(request, _("%(n)s questions reviewed: the unit's answer accepted.") % {"n": count})
    return _back(pk, assessment, request.POST.get("section", ""))


@login_required
def submit_view(request, pk: int):
    """GET: what the TPI will receive, with what is unanswered, unsupported or unconfirmed;
    POST: the unit's confirmation, which submits."""
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    if request.method == "POST":
        if attempt(
            request,
            lambda: assessment_submit(assessment=assessment, by=request.user),
            AssessmentError,
            _("Submitted to the TPI."),
        ):
            return redirect("lke:detail", pk=pk)
        return redirect("lke:submit", pk=pk)
    instrument = instrument_of(assessment)
    state = self_state(assessment, instrument)

    def listed(refs):
        return [(ref, instrument.questions[ref].text) for ref in refs]

    return render(
        request,
        "lke/submit_confirm.html",
        {
            "assessment": assessment,
            "may_submit": assessment.editable_level() == Level.SELF,
            "unconfirmed": listed(state.unconfirmed),
            "unanswered": listed(state.unanswered),
            "unsupported": listed(state.unsupported),
        },
    )


@login_required
@require_GET
def evidence_search_view(request, pk: int):
    """The unit's files matching the search, a page at a time, as checkboxes for one answer."""
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    ref = request.GET.get("ref", "")
    if ref not in instrument_of(assessment).questions:
        raise Http404
    chosen = self_evidence_of(assessment, ref)
    page = evidence_search(assessment, request.GET.get("q", "")[:200], request.GET.get("page", 1), chosen)
    return render(
        request,
        "lke/_evidence_results.html",
        {"assessment": assessment, "ref": ref, "page": page, "q": request.GET.get("q", "")[:200]},
    )
