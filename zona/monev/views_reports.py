"""A PIC's report on one step in an open cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.files import FileRejected
from zona.orgs.permissions import Action, require
from zona.plans.models import ActionStep
from zona.plans.selectors import may_report_step

from .forms import (
    ReportForm,
)
from .services import (
    MonevError,
    step_report,
)
from .views_access import (
    cycle_url,
    form_errors,
    get_cycle_for_user,
    upload_evidence,
)


@login_required
@require_POST
def step_report_view(request, pk: int, step_pk: int):
    cycle = get_cycle_for_user(request, pk)
    unit = cycle.plan.unit
    step = get_object_or_404(
        ActionStep.objects.select_related("indicator__component__area"),
        pk=step_pk,
        indicator__component__area__plan=cycle.plan,
    )
    if not may_report_step(request.user, step):
        require(request.user, Action.REPORT, unit)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Report not saved: %(errors)s") % {"errors": form_errors(form)})
        return redirect(f"{cycle_url(cycle)}#step-{step.pk}")
    data = form.cleaned_data
    try:
        with transaction.atomic():
            item = upload_evidence(request, unit, data["file"], f"TW {cycle.quarter}: {step.text}")
            step_report(
                cycle=cycle,
                step=step,
                status=data["status"],
                progress=data["progress"],
                note=data["note"],
                by=request.user,
                evidence=[item] if item else None,
            )
    except (MonevError, FileRejected) as exc:
        messages.error(request, _("Report not saved: %(errors)s") % {"errors": exc})
    else:
        messages.success(request, _("Report saved."))
    return redirect(f"{cycle_url(cycle)}#step-{step.pk}")
