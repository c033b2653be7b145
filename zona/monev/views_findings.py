"""Monev findings and their follow-up (tindak lanjut)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import submitted
from zona.orgs.permissions import Action, can, require
from zona.plans.selectors import get_plan_for_user

from .forms import (
    FindingCloseForm,
    FindingForm,
)
from .selectors import get_finding_for_user, get_plan_meeting, open_cycle_of
from .services import (
    MonevError,
    finding_close,
    finding_create,
)
from .views_shared import upload_evidence


@login_required
@require_POST
def finding_create_view(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk, Action.RECORD_FINDING)
    form = FindingForm(request.POST, unit=plan.unit)
    meeting = None
    if request.POST.get("meeting"):
        meeting = get_plan_meeting(plan, request.POST["meeting"])
    back = redirect("monev:meeting", pk=meeting.pk) if meeting else redirect("monev:plan", plan_pk=plan.pk)
    submitted(
        request,
        form,
        lambda data: finding_create(
            plan=plan,
            title=data["title"],
            description=data["description"],
            owner=data["owner"],
            due_date=data["due_date"],
            meeting=meeting,
            by=request.user,
            cycle=open_cycle_of(plan),
        ),
        MonevError,
        _("Finding recorded."),
        refused=_("Finding not saved: %(errors)s"),
    )
    return back


@login_required
def finding_detail(request, pk: int):
    finding = get_finding_for_user(request, pk)
    unit = finding.plan.unit
    may_close = finding.owner_id == request.user.pk or can(request.user, Action.MANAGE_PLAN, unit)
    return render(
        request,
        "monev/finding.html",
        {
            "finding": finding,
            "plan": finding.plan,
            "form": FindingCloseForm(),
            "may_close": may_close,
            "items": finding.evidence.prefetch_related("versions"),
        },
    )


@login_required
@require_POST
def finding_close_view(request, pk: int):
    finding = get_finding_for_user(request, pk)
    unit = finding.plan.unit
    if finding.owner_id != request.user.pk:
        require(request.user, Action.MANAGE_PLAN, unit)
    submitted(
        request,
        FindingCloseForm(request.POST, request.FILES),
        lambda data: _close(request, finding, data),
        RuleError,
        _("Finding closed."),
        refused=_("Finding not closed: %(errors)s"),
    )
    return redirect("monev:finding", pk=finding.pk)


@transaction.atomic
def _close(request, finding, data: dict) -> None:
    item = upload_evidence(request, finding.plan.unit, data["file"], f"Tindak lanjut: {finding.title}")
    finding_close(
        finding=finding, follow_up=data["follow_up"], by=request.user, evidence=[item] if item else None
    )
