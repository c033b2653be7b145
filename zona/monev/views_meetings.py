"""Monev meetings and their documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import attempt_on_form, submitted
from zona.orgs.permissions import Action, can
from zona.plans.selectors import get_plan_for_user

from .forms import (
    DocumentForm,
    FindingForm,
    MeetingForm,
)
from .selectors import get_meeting_for_user, open_cycle_of
from .services import (
    MonevError,
    meeting_attach,
    meeting_create,
)
from .views_shared import upload_evidence


@login_required
def meeting_new(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk, Action.MANAGE_PLAN)
    form = MeetingForm(request.POST or None, unit=plan.unit)
    if request.method == "POST" and form.is_valid():
        cycle = open_cycle_of(plan)
        meeting = attempt_on_form(
            form,
            lambda: meeting_create(plan=plan, cycle=cycle, by=request.user, **form.cleaned_data),
            MonevError,
        )
        if meeting is not None:
            messages.success(request, _("Meeting recorded."))
            return redirect("monev:meeting", pk=meeting.pk)
    return render(request, "monev/meeting_form.html", {"plan": plan, "form": form})


@login_required
def meeting_detail(request, pk: int):
    meeting = get_meeting_for_user(request, pk)
    unit = meeting.plan.unit
    return render(
        request,
        "monev/meeting.html",
        {
            "meeting": meeting,
            "plan": meeting.plan,
            "documents": meeting.documents.select_related("item").prefetch_related("item__versions"),
            "findings": meeting.findings.select_related("owner"),
            "document_form": DocumentForm(),
            "finding_form": FindingForm(unit=unit),
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
            "can_find": can(request.user, Action.RECORD_FINDING, unit),
        },
    )


@login_required
@require_POST
def meeting_document_view(request, pk: int):
    meeting = get_meeting_for_user(request, pk, Action.MANAGE_PLAN)
    submitted(
        request,
        DocumentForm(request.POST, request.FILES),
        lambda data: _attach(request, meeting, data),
        RuleError,
        _("Document saved."),
        refused=_("Document not saved: %(errors)s"),
    )
    return redirect("monev:meeting", pk=meeting.pk)


@transaction.atomic
def _attach(request, meeting, data: dict) -> None:
    kind = data["kind"]
    item = upload_evidence(request, meeting.plan.unit, data["file"], f"{meeting.title}: {kind}")
    meeting_attach(meeting=meeting, kind=kind, item=item, by=request.user)
