from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.evidence.forms import DATE_FIELDS, EvidenceForm, ReviewForm, VersionForm
from zona.evidence.services import evidence_create
from zona.evidence.views_exports import export_start
from zona.lib.feedback import attempt, flash_errors, outcome
from zona.lib.files import FileRejected
from zona.orgs.permissions import Action, can, require

from .forms import AssignForm
from .models import PlanStatus
from .selectors import (
    get_indicator_for_user,
    get_plan_for_user,
    get_step_for_user,
    late_by_indicator,
    may_report_step,
    my_steps,
    only_indicators,
    pic_candidates,
    plan_tree,
    plans_visible_to,
    steps_of,
)
from .services import (
    StepError,
    indicator_link_evidence,
    plan_set_status,
    step_assign,
    step_set_done,
)


def home(request):
    """The site root: the plans the person may see, or, for an anonymous visitor, the public
    portal (a list of units)."""
    if not request.user.is_authenticated:
        return redirect("portal:list")
    plans = plans_visible_to(request.user)
    return render(request, "plans/home.html", {"plans": plans[:200]})


@login_required
def plan_detail(request, pk: int):
    plan = get_plan_for_user(request, pk)
    unit = plan.unit
    tree = plan_tree(plan)
    late = late_by_indicator(plan, timezone.localdate())
    for area in tree.children:
        for component in area.children:
            for node in component.children:
                node.obj.late = late.get(node.obj.pk, 0)
    own = set(steps_of(plan, request.user).values_list("indicator_id", flat=True))
    mine_only = bool(own) and request.GET.get("saya") == "1"
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "tree": tree,
            "areas": only_indicators(tree, own).children if mine_only else tree.children,
            "has_own": bool(own),
            "mine_only": mine_only,
            # one reverse for the whole table: "/indikator/" + pk + "/" (a reverse per row costs)
            "indicator_url": reverse("plans:indicator", args=[0])[: -len("0/")],
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
            "can_audit": can(request.user, Action.VIEW_AUDIT, unit),
        },
    )


@login_required
@require_POST
def plan_status_view(request, pk: int):
    plan = get_plan_for_user(request, pk, Action.MANAGE_PLAN)
    status = request.POST.get("status", "")
    if status not in PlanStatus.values:
        return HttpResponseBadRequest()
    plan_set_status(plan=plan, status=status, by=request.user)
    if plan.is_established:
        messages.success(request, _("The plan is established and published on the unit's public page."))
    else:
        messages.success(request, _("The plan is a draft again and no longer public."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def plan_export(request, pk: int, fmt: str):
    """Queue the plan as XLSX or PDF in the background worker (read access is enough)."""
    plan = get_plan_for_user(request, pk)
    back = reverse("plans:detail", args=[plan.pk])
    return export_start(request, kind="plans.plan", obj=plan, fmt=fmt, back=back)


@login_required
def indicator_detail(request, pk: int):
    indicator = get_indicator_for_user(request, pk)
    plan = indicator.component.area.plan
    unit = plan.unit
    items = indicator.evidence.select_related("reviewed_by", "created_by").prefetch_related("versions")
    return render(
        request,
        "plans/indicator_detail.html",
        {
            "indicator": indicator,
            "plan": plan,
            "steps": indicator.steps.with_due().select_related("pic", "done_by").prefetch_related("evidence"),
            "today": timezone.localdate(),
            "items": items,
            "people": list(pic_candidates(unit)) if can(request.user, Action.MANAGE_PLAN, unit) else [],
            # what was typed before a refusal comes back (the file itself cannot)
            "form": EvidenceForm(initial=request.session.pop(_draft_key(pk), None)),
            "review_form": ReviewForm(),
            "version_form": VersionForm(),
            "can_report": can(request.user, Action.REPORT, unit),
            "can_verify": can(request.user, Action.VERIFY, unit),
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
        },
    )


@login_required
@require_POST
def indicator_add_evidence(request, pk: int):
    indicator = get_indicator_for_user(request, pk, Action.REPORT)
    unit = indicator.component.area.plan.unit
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_errors(request, form, _("Evidence not saved: %(errors)s"))
        return _refused(request, pk)
    data = form.cleaned_data
    item = outcome(
        request,
        lambda: evidence_create(
            unit=unit,
            title=data["title"],
            upload=data["file"],
            url=data["url"],
            by=request.user,
            **form.dates(),
        ),
        FileRejected,
        refused=_("Evidence not saved: %(errors)s"),
    )
    if item is None:
        return _refused(request, pk)
    indicator_link_evidence(indicator=indicator, item=item, by=request.user)
    messages.success(request, _("Evidence saved; it awaits review."))
    return redirect("plans:indicator", pk=pk)


def _draft_key(pk: int) -> str:
    return f"evidence-draft-{pk}"


def _refused(request, pk: int):
    """Back to the indicator with the typed title, link and date kept for the next try."""
    request.session[_draft_key(pk)] = {
        name: request.POST.get(name, "")[:1000] for name in ("title", "url", *DATE_FIELDS)
    }
    return redirect("plans:indicator", pk=pk)


@login_required
@require_POST
def step_toggle(request, pk: int):
    step = get_step_for_user(request, pk, Action.VIEW)
    unit = step.indicator.component.area.plan.unit
    if not may_report_step(request.user, step):
        require(request.user, Action.REPORT, unit)
    done, reason = request.POST.get("done") == "1", request.POST.get("reason", "")
    attempt(
        request, lambda: step_set_done(step=step, done=done, by=request.user, reason=reason), StepError, ""
    )
    return redirect("plans:indicator", pk=step.indicator_id)


@login_required
@require_POST
def step_assign_view(request, pk: int):
    step = get_step_for_user(request, pk, Action.MANAGE_PLAN)
    unit = step.indicator.component.area.plan.unit
    form = AssignForm(request.POST)
    pic = None
    if form.is_valid() and form.cleaned_data["pic"]:
        # only someone the picker offers: a role that reports on this unit
        pic = get_object_or_404(pic_candidates(unit), pk=form.cleaned_data["pic"])
    step_assign(step=step, pic=pic, by=request.user)
    messages.success(request, _("Person in charge saved."))
    return redirect("plans:indicator", pk=step.indicator_id)


@login_required
def my_tasks(request):
    today = timezone.localdate()
    steps = list(my_steps(request.user, today))
    overdue = [s for s in steps if s.due < today]
    due = [s for s in steps if s.due >= today]
    return render(request, "plans/my_tasks.html", {"overdue": overdue, "due": due, "today": today})
