"""The package page: the letters' details (kept by the unit's managers) and one action that queues
the package in the background worker; the shared export pages show its progress and file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zona.evidence.views_exports import export_start
from zona.lib.errors import RuleError
from zona.lib.feedback import submitted
from zona.orgs.permissions import Action, can

from .exporters import predicate_of
from .forms import DetailsForm
from .selectors import KIND, details_initial, get_assessment_for_user, packages_of
from .services import proposal_details_save


def _page(request, assessment, form):
    context = {
        "assessment": assessment,
        "form": form,
        "may_edit": can(request.user, Action.MANAGE_PLAN, assessment.unit),
        "predicate": predicate_of(assessment),
        "jobs": packages_of(assessment, request.user),
    }
    return render(request, "proposal/package.html", context)


@login_required
def package_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    return _page(request, assessment, DetailsForm(initial=details_initial(assessment)))


@login_required
@require_POST
def details_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    form = DetailsForm(request.POST)
    save = lambda data: proposal_details_save(assessment=assessment, by=request.user, **data)  # noqa: E731
    if submitted(request, form, save, RuleError):
        return redirect("proposal:package", pk=pk)
    return _page(request, assessment, form)  # what was typed stays in the form, with its errors


@login_required
@require_POST
def build_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    back = reverse("proposal:package", args=[pk])
    return export_start(request, kind=KIND, obj=assessment, fmt="zip", back=back)
