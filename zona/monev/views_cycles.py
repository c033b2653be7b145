"""A plan's monev page and its quarterly cycles: open, show, close, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.evidence import views_exports
from zona.lib.feedback import attempt
from zona.lib.text import as_int
from zona.orgs.permissions import Action, can
from zona.plans.selectors import get_plan_for_user, steps_of

from .forms import (
    CloseForm,
    FindingForm,
    ReportForm,
)
from .panels import render_panels
from .selectors import findings_of, get_cycle_for_user, open_findings_of, previous_closed_cycle
from .services import (
    MonevError,
    cycle_close,
    cycle_open,
)
from .snapshot import cycle_data, only_steps


@login_required
def plan_monev(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk)
    cycles = {c.quarter: c for c in plan.cycles.all()}
    unit = plan.unit
    return render(
        request,
        "monev/plan.html",
        {
            "plan": plan,
            "quarters": [(q, cycles.get(q)) for q in range(1, 5)],
            "meetings": plan.meetings.all()[:50],
            "findings": findings_of(plan),
            "finding_form": FindingForm(unit=unit),
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
            "can_find": can(request.user, Action.RECORD_FINDING, unit),
        },
    )


@login_required
@require_POST
def cycle_open_view(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk, Action.MANAGE_PLAN)
    quarter = as_int(request.POST.get("quarter"), 0)  # junk: the service's "1 to 4"
    opened = []
    if not attempt(
        request,
        lambda: opened.append(cycle_open(plan=plan, quarter=quarter, by=request.user)),
        MonevError,
        "",
    ):
        return redirect("monev:plan", plan_pk=plan.pk)
    messages.success(request, _("Quarter %(q)s cycle opened.") % {"q": opened[0].quarter})
    return redirect("monev:cycle", pk=opened[0].pk)


@login_required
def cycle_detail(request, pk: int):
    cycle = get_cycle_for_user(request, pk)
    unit = cycle.plan.unit
    data = cycle_data(cycle)
    previous = previous_closed_cycle(cycle)
    before = {a["code"]: a["progress"] for a in previous.snapshot.get("areas", [])} if previous else {}
    for area in data["areas"]:
        area["before"] = before.get(area["code"])
    may_report = can(request.user, Action.REPORT, unit)
    own_steps = set(steps_of(cycle.plan, request.user).values_list("pk", flat=True))
    mine_only = request.GET.get("saya") == "1"
    if mine_only:
        data = only_steps(data, own_steps)
    for area in data["areas"]:  # an area holding the person's own steps starts unfolded
        area["mine"] = any(
            step["id"] in own_steps
            for component in area["components"]
            for ind in component["indicators"]
            for step in ind["steps"]
        )
    return render(
        request,
        "monev/cycle.html",
        {
            "cycle": cycle,
            "plan": cycle.plan,
            "data": data,
            "previous": previous,
            "open_findings": open_findings_of(cycle.plan),
            "may_report": may_report,
            "own_steps": own_steps,
            "mine_only": mine_only,
            "report_form": ReportForm(),
            "close_form": CloseForm(),
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
            "panels": render_panels("cycle", request, cycle=cycle),
        },
    )


@login_required
@require_POST
def cycle_close_view(request, pk: int):
    cycle = get_cycle_for_user(request, pk, Action.MANAGE_PLAN)
    form = CloseForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: cycle_close(cycle=cycle, by=request.user, summary=form.cleaned_data["summary"]),
            MonevError,
            _("The cycle is closed; its snapshot is kept."),
        )
    return redirect("monev:cycle", pk=cycle.pk)


@login_required
@require_POST
def export_start(request, pk: int, fmt: str):
    cycle = get_cycle_for_user(request, pk)
    back = reverse("monev:cycle", args=[cycle.pk])
    return views_exports.export_start(request, kind="monev.lembar", obj=cycle, fmt=fmt, back=back)
