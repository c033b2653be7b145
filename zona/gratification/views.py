"""Gratification: an employee's reports (with the limits check as they type), the UPG's work on
each report, and the UPG's unit page with the recaps to the Inspektorat."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import attempt, flash_errors, outcome
from zona.lib.text import as_int

from .deadlines import late_consequences, overdue_to_kpk, upg_above, upg_level
from .forms import CheckForm, CompleteForm, ReportForm, StepForm
from .limits import LimitsError, assess
from .models import workflow
from .recaps import recap_send, recaps_missing
from .selectors import (
    get_report_for_user,
    get_upg_unit_for_user,
    may_handle,
    own_reports,
    report_units_visible_to,
    unit_year,
    upg_units_visible_to,
)
from .services import (
    REPORTER_STEPS,
    GratificationError,
    given_this_year,
    report_complete,
    report_create,
    report_step,
)


@login_required
def mine(request):
    units = report_units_visible_to(request.user)
    if not units.exists():
        raise Http404
    form = ReportForm(units=units)
    return render(
        request,
        "gratification/mine.html",
        {
            "form": form,
            "reports": own_reports(request.user)[:200],
            "upg_units": upg_units_visible_to(request.user),
        },
    )


@login_required
@require_POST
def check(request):
    """What the limits say, as the employee fills the form (htmx)."""
    form = CheckForm(request.POST)
    decision = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = assess(
                category=data["category"],
                value=data["value"],
                received_on=data["received_on"],
                money=data["form"] == "uang",
                same_giver_this_year=given_this_year(
                    reporter=request.user, giver_name=data["giver_name"], year=data["received_on"].year
                )
                if data["giver_name"]
                else 0,
                contrary_to_duty=data["contrary_to_duty"],
            )
        except LimitsError:
            decision = None
    return render(request, "gratification/_check.html", {"decision": decision})


@login_required
@require_POST
def report_new(request):
    form = ReportForm(request.POST, request.FILES, units=report_units_visible_to(request.user))
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("gratification:mine")
    data = dict(form.cleaned_data)
    unit, uploads, contrary = data.pop("unit"), data.pop("files"), data.pop("contrary_to_duty")
    direct = {key: data.pop(key) for key in ("channel", "kpk_reference", "sent_to_kpk_on")}
    report = outcome(
        request,
        lambda: report_create(
            unit=unit,
            reporter=request.user,
            fields=data,
            uploads=uploads,
            contrary_to_duty=contrary,
            **direct,
        ),
        RuleError,  # the rules' refusal, the limits', a refused file's
    )
    if report is None:
        return redirect("gratification:mine")
    messages.success(request, _("Report %(number)s sent to the UPG.") % {"number": report.number})
    return redirect("gratification:detail", pk=report.pk)


@login_required
def detail(request, pk: int):
    report = get_report_for_user(request, pk)
    handles = may_handle(request.user, report)
    flow = workflow()
    today = timezone.localdate()
    steps = (
        [t for t in flow.allowed(report.state) if t.action not in (*REPORTER_STEPS, "expire")]
        if handles
        else []
    )
    if upg_level(report) != "sub":
        steps = [t for t in steps if t.action != "pass_up"]
    if report.reportable is not False:
        steps = [t for t in steps if t.action != "record"]
    return render(
        request,
        "gratification/detail.html",
        {
            "report": report,
            "handles": handles,
            "is_reporter": report.reporter_id == request.user.pk,
            "state_label": flow.states[report.state].label,
            "steps": steps,
            "sub_upg": upg_level(report) == "sub",
            "upg_above": upg_above(report.unit) if upg_level(report) == "sub" else None,
            "late": late_consequences(report, today),
            "overdue": overdue_to_kpk(report, today),
            "step_form": StepForm(),
            "complete_form": CompleteForm(),
            "events": report.events.select_related("actor"),
            "attachments": report.attachments.select_related("evidence"),
        },
    )


@login_required
@require_POST
def step(request, pk: int):
    report = get_report_for_user(request, pk, "handle")
    form = StepForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            lambda: report_step(
                report=report,
                action=data["action"],
                by=request.user,
                reason=data["reason"],
                reportable=data["reportable"],
                asked_on=data["asked_on"],
                kpk_reference=data["kpk_reference"],
                forwarded_on=data["forwarded_on"],
                decision=data["decision"],
                decision_number=data["decision_number"],
                decided_on=data["decided_on"],
                proof=data["proof"],
            ),
            GratificationError,
        )
    return redirect("gratification:detail", pk=pk)


@login_required
@require_POST
def complete(request, pk: int):
    report = get_report_for_user(request, pk, "complete")
    form = CompleteForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(
            request,
            lambda: report_complete(
                report=report,
                by=request.user,
                note=form.cleaned_data["note"],
                uploads=form.cleaned_data["files"],
            ),
            RuleError,  # the rules' refusal or a refused file's
            _("Sent to the UPG again."),
        )
    return redirect("gratification:detail", pk=pk)


@login_required
def unit_page(request, slug: str):
    unit = get_upg_unit_for_user(request, slug)
    today = timezone.localdate()
    year = as_int(request.GET.get("tahun"), today.year) or today.year
    if not 2000 <= year <= 2100:
        year = today.year
    reports, recaps = unit_year(unit, year)
    return render(
        request,
        "gratification/unit.html",
        {
            "unit": unit,
            "year": year,
            "reports": reports,
            "recaps": recaps,
            "missing": recaps_missing(unit, year, today),
            "states": {code: state.label for code, state in workflow().states.items()},
            "today": today,
        },
    )


@login_required
@require_POST
def recap_new(request, slug: str):
    unit = get_upg_unit_for_user(request, slug)
    try:
        start, end = (
            date.fromisoformat(request.POST.get("start", "")),
            date.fromisoformat(request.POST.get("end", "")),
        )
    except ValueError as exc:
        raise PermissionDenied from exc
    recap = outcome(
        request, lambda: recap_send(unit=unit, start=start, end=end, by=request.user), GratificationError
    )
    if recap is not None:
        messages.success(
            request,
            _("Recap sent: %(n)s reports.") % {"n": recap.count}
            if not recap.nihil
            else _("Recap sent: nihil."),
        )
    return redirect("gratification:unit", slug=slug)
