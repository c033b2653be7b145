"""A unit's integrity records per topic: socialisation, evaluations, follow-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import as_arguments, submitted
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


def _saved(request, slug, topic, form, service, /, **given) -> object:
    """A posted form to one service (its fields by name, plus `given`): the form's errors or the
    service's refusal as messages, else "Recorded."; back to the topic page."""
    submitted(
        request,
        form,
        lambda data: service(by=request.user, **given, **as_arguments(data)),
        (IntegrityError, FileRejected),
        _("Recorded."),
    )
    return redirect("integrity:topic", slug=slug, topic=topic)


def _adding(form_class, service):
    """The view that adds one record of a topic (a socialisation, an evaluation) to the unit."""

    @login_required
    @require_POST
    def add(request, slug: str, topic: str):
        unit = _unit_topic(request, slug, topic, Action.MANAGE_INTEGRITY)
        form = form_class(request.POST, request.FILES)
        return _saved(request, slug, topic, form, service, unit=unit, topic=topic)

    return add


socialisation_add = _adding(SocialisationForm, socialisation_record)
evaluation_add = _adding(EvaluationForm, evaluation_record)


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
    return _saved(request, slug, topic, form, follow_up_done, follow_up=follow_up)
