"""A unit's integrity records per topic: socialisation, evaluations, follow-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import as_arguments, submitted
from zona.orgs.models import Role
from zona.orgs.permissions import Action, can

from .forms import EvaluationForm, FollowUpDoneForm, SocialisationForm
from .models import Topic
from .selectors import (
    evaluations_of,
    get_follow_up_for_user,
    get_topic_unit_for_user,
    roles_held,
    socialisations_of,
    units_visible_to,
)
from .services import evaluation_record, follow_up_done, socialisation_record


@login_required
def hub(request):
    """Where each integrity instrument is, for the units the user works in."""
    held = roles_held(request.user)
    units = units_visible_to(request.user)
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
    unit = get_topic_unit_for_user(request, slug, topic)
    return render(
        request,
        "integrity/topic.html",
        {
            "unit": unit,
            "topic": topic,
            "topic_label": Topic(topic).label,
            "socialisations": socialisations_of(unit, topic),
            "evaluations": evaluations_of(unit, topic),
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
        RuleError,
        _("Recorded."),
    )
    return redirect("integrity:topic", slug=slug, topic=topic)


def _adding(form_class, service):
    """The view that adds one record of a topic (a socialisation, an evaluation) to the unit."""

    @login_required
    @require_POST
    def add(request, slug: str, topic: str):
        unit = get_topic_unit_for_user(request, slug, topic, Action.MANAGE_INTEGRITY)
        form = form_class(request.POST, request.FILES)
        return _saved(request, slug, topic, form, service, unit=unit, topic=topic)

    return add


socialisation_add = _adding(SocialisationForm, socialisation_record)
evaluation_add = _adding(EvaluationForm, evaluation_record)


@login_required
@require_POST
def follow_up_done_view(request, pk: int):
    follow_up = get_follow_up_for_user(request, pk)
    evaluation = follow_up.evaluation
    slug, topic = evaluation.unit.slug, evaluation.topic
    form = FollowUpDoneForm(request.POST, request.FILES)
    return _saved(request, slug, topic, form, follow_up_done, follow_up=follow_up)
