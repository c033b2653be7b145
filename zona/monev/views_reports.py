"""A PIC's report on one step in an open cycle: the form starts from the step's own status and
progress, and moving a finished step back asks for a confirmation and a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zona.lib.errors import RuleError
from zona.lib.feedback import refuse
from zona.orgs.permissions import Action, require
from zona.plans.models import ActionStep
from zona.plans.selectors import may_report_step

from .forms import ReportForm
from .models import MonevCycle, StepReport
from .selectors import get_cycle_for_user, get_cycle_step, step_report_of
from .services import ReopenNeedsReason, step_report
from .views_shared import cycle_url, upload_evidence


def report_initial(step: ActionStep, report: StepReport | None) -> dict:
    """The form's start: the step's current state (the one source of truth) and this cycle's note."""
    return {"status": step.status, "progress": step.progress, "note": report.note if report else ""}


@login_required
@require_http_methods(["GET", "POST"])
def step_report_view(request, pk: int, step_pk: int):
    cycle = get_cycle_for_user(request, pk)
    step = get_cycle_step(cycle, step_pk)
    if not may_report_step(request.user, step):
        require(request.user, Action.REPORT, cycle.plan.unit)
    back = f"{cycle_url(cycle)}#step-{step.pk}"
    if cycle.is_closed:
        messages.error(request, _("This cycle is closed; its reports can no longer change."))
        return redirect(back)
    report = step_report_of(cycle, step)
    if request.method == "GET":
        form = ReportForm(initial=report_initial(step, report), step=step)
        return _page(request, cycle, step, report, form)
    form = ReportForm(request.POST, request.FILES, step=step)
    if not form.is_valid():
        return _page(request, cycle, step, report, form, status=400)
    try:
        _save(request, cycle, step, form.cleaned_data)
    except ReopenNeedsReason as exc:
        form.add_error("reopen_reason", str(exc))
        return _page(request, cycle, step, report, form, status=400)
    except RuleError as exc:  # after ReopenNeedsReason, which the form asks about
        refuse(request, [exc], _("Report not saved: %(errors)s"))
    else:
        messages.success(request, _("Report saved."))
    return redirect(back)


def _save(request, cycle: MonevCycle, step: ActionStep, data: dict) -> StepReport:
    with transaction.atomic():
        item = upload_evidence(request, cycle.plan.unit, data["file"], f"TW {cycle.quarter}: {step.text}")
        return step_report(
            cycle=cycle,
            step=step,
            status=data["status"],
            progress=data["progress"],
            note=data["note"],
            by=request.user,
            evidence=[item] if item else None,
            reason=data["reopen_reason"] if data["reopen_confirm"] else "",
        )


def _page(request, cycle, step, report, form, status: int = 200):
    context = {"cycle": cycle, "plan": cycle.plan, "step": step, "report": report, "form": form}
    return render(request, "monev/step_report.html", context, status=status)
