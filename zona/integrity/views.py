"""A unit's integrity records per topic: socialisation, evaluations, follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.files import FileRejected
from zona.orgs.models import Role, RoleAssignment, Unit
from zona.orgs.permissions import Action, can, require

from .forms import EvaluationForm, FollowUpDoneForm, SocialisationForm
from .models import Evaluation, FollowUp, Socialisation, Topic
from .services import IntegrityError, evaluation_record, follow_up_done, socialisation_record


def _unit_topic(request, slug: str, topic: str, action: Action = Action.VIEW):
    if topic not in Topic.values:
        raise Http404
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    require(request.user, action, unit)
    return unit


@login_required
def hub(request):
    """Where each integrity instrument is, for the units the user works in."""
    held = set(RoleAssignment.objects.filter(user=request.user).values_list("role", flat=True))
    units = Unit.objects.visible_to(request.user)[:100]
    return render(
        request,
        "integrity/hub.html",
        {
            "units": units,
            "topics": Topic.choices,
            "wbs": bool(held & {Role.WBS_RECIPIENT, Role.WBS_CUSTODIAN}),
            "upg_units": [u for u in units if can(request.user, Action.HANDLE_GRATIFICATION, u)],
        },
    )


@login_required
def topic_page(request, slug: str, topic: str):
    unit = _unit_topic(request, slug, topic)
    return render(
        request,
        "integrity/topic.html",
        {
            "unit": unit,
            "topic": topic,
            "topic_label": Topic(topic).label,
            "socialisations": Socialisation.objects.filter(unit=unit, topic=topic).prefetch_related(
                "evidence"
            )[:200],
            "evaluations": Evaluation.objects.filter(unit=unit, topic=topic).prefetch_related(
                "follow_ups", "evidence"
            )[:100],
            "may_manage": can(request.user, Action.MANAGE_INTEGRITY, unit),
            "socialisation_form": SocialisationForm(),
            "evaluation_form": EvaluationForm(),
            "done_form": FollowUpDoneForm(),
        },
    )


def _saved(request, slug, topic, call) -> object:
    try:
        call()
    except (IntegrityError, FileRejected) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Recorded."))
    return redirect("integrity:topic", slug=slug, topic=topic)


def _form_errors(request, form, slug, topic):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("integrity:topic", slug=slug, topic=topic)


@login_required
@require_POST
def socialisation_add(request, slug: str, topic: str):
    unit = _unit_topic(request, slug, topic, Action.MANAGE_INTEGRITY)
    form = SocialisationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors(request, form, slug, topic)
    data = form.cleaned_data
    return _saved(
        request,
        slug,
        topic,
        lambda: socialisation_record(
            unit=unit,
            topic=topic,
            held_on=data["held_on"],
            title=data["title"],
            channel=data["channel"],
            audience=data["audience"],
            participants=data["participants"],
            uploads=data["files"],
            by=request.user,
        ),
    )


@login_required
@require_POST
def evaluation_add(request, slug: str, topic: str):
    unit = _unit_topic(request, slug, topic, Action.MANAGE_INTEGRITY)
    form = EvaluationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors(request, form, slug, topic)
    data = form.cleaned_data
    return _saved(
        request,
        slug,
        topic,
        lambda: evaluation_record(
            unit=unit,
            topic=topic,
            held_on=data["held_on"],
            summary=data["summary"],
            actions=data["actions"],
            uploads=data["files"],
            by=request.user,
        ),
    )


@login_required
@require_POST
def follow_up_done_view(request, pk: int):
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("evaluation__unit").filter(
            evaluation__unit__in=Unit.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    evaluation = follow_up.evaluation
    require(request.user, Action.MANAGE_INTEGRITY, evaluation.unit)
    slug, topic = evaluation.unit.slug, evaluation.topic
    form = FollowUpDoneForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors(request, form, slug, topic)
    data = form.cleaned_data
    return _saved(
        request,
        slug,
        topic,
        lambda: follow_up_done(
            follow_up=follow_up,
            done_on=data["done_on"],
            note=data["note"],
            uploads=data["files"],
            by=request.user,
        ),
    )
