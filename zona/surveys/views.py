"""The unit's side of surveys and service standards: services, surveys per period, the live
figures, answers (paper entry, upload, suspect marks), one-time codes, the QR poster, closing and
publishing, follow-ups into the plan; service standards, maklumat, reviews, own questionnaires."""

from __future__ import annotations

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import as_arguments, attempt, flash_errors, outcome, submitted
from zona.lib.render import pdf_response
from zona.orgs.holders import people_of
from zona.orgs.permissions import Action, can, require, unit_for

from .answers import response_mark, response_submit, responses_import, tickets_make
from .definitions import library
from .exporters import qr_poster_pdf, tickets_csv
from .figures import figures
from .forms import (
    DefinitionForm,
    FollowUpForm,
    ProfileForm,
    ReviewForm,
    ServiceForm,
    StandardForm,
    SurveyForm,
    TicketsForm,
    UploadForm,
)
from .models import Channel, Survey
from .selectors import (
    custom_definitions,
    follow_up_indicators,
    get_response,
    get_service,
    get_standard,
    get_survey_for_user,
    latest_standard,
    services_with_standards,
    survey_responses,
    ticket_counts,
    unit_services,
    unit_surveys,
    units_visible_to,
)
from .service_standards import standard_publish, standard_review, standard_save
from .services import (
    SurveyError,
    definition_save,
    definitions_for,
    follow_up_create,
    service_add,
    survey_close,
    survey_create,
    survey_posted,
    survey_publish,
)
from .standards import COMPONENTS
from .views_public import posted_answers, results_context

_REFUSALS = RuleError


def _done(request, call, success: str, target: str):
    attempt(request, call, _REFUSALS, success)
    return redirect(target)


def _form_done(request, form, call, success: str, target: str):
    """A posted form: its errors as messages, or `call(data)` run as in `_done`."""
    submitted(request, form, call, _REFUSALS, success)
    return redirect(target)


@login_required
def hub(request):
    """Where each unit's services, surveys and standards are, for the units the user sees."""
    return render(request, "surveys/hub.html", {"units": units_visible_to(request.user)[:200]})


@login_required
def unit_page(request, slug: str):
    unit = unit_for(request, slug)
    services = unit_services(unit)
    surveys = unit_surveys(unit)[:300]
    return render(
        request,
        "surveys/unit.html",
        {
            "unit": unit,
            "services": services,
            "rows": [(s, figures(s, s.tally)) for s in surveys],
            "may_manage": can(request.user, Action.MANAGE_SERVICES, unit),
            "service_form": ServiceForm(),
            "survey_form": SurveyForm(
                services=services.filter(active=True), definitions=definitions_for(unit)
            ),
        },
    )


@login_required
@require_POST
def service_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_SERVICES)
    return _form_done(
        request,
        ServiceForm(request.POST),
        lambda data: service_add(unit=unit, by=request.user, **data),
        _("Service added."),
        reverse("surveys:unit", args=[slug]),
    )


@login_required
@require_POST
def survey_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_SERVICES)
    form = SurveyForm(
        request.POST,
        services=unit_services(unit, active_only=True),
        definitions=definitions_for(unit),
    )
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("surveys:unit", slug=slug)
    data = form.cleaned_data
    survey = outcome(
        request,
        lambda: survey_create(
            unit=unit,
            service=data["service"],
            definition_key=data["definition"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            title=data["title"],
            population=data["population"] or 0,
            weight=data["weight"],
            one_per_device=data["one_per_device"],
            require_ticket=data["require_ticket"],
            by=request.user,
        ),
        SurveyError,
    )
    if survey is None:
        return redirect("surveys:unit", slug=slug)
    return redirect("surveys:detail", pk=survey.pk)


def _follow_up_form(survey: Survey, data=None) -> FollowUpForm:
    indicators = follow_up_indicators(survey.unit)
    people = people_of(survey.unit)
    spec = survey.spec()
    items = [(i.key, f"{i.key} {i.name}") for i in spec.items]
    linked = indicators.filter(lke_ref="A.I.6.iv.c").first()
    return FollowUpForm(
        data, items=items, indicators=indicators, people=people, initial={"indicator": linked}
    )


@login_required
def detail(request, pk: int):
    survey = get_survey_for_user(request, pk)
    responses = Paginator(survey_responses(survey), 50).get_page(request.GET.get("halaman"))
    spec = survey.spec()
    context = results_context(survey, public=False)
    context.update(
        {
            "may_manage": can(request.user, Action.MANAGE_SERVICES, survey.unit),
            "responses": responses,
            "answers": [(r, r.answers(len(spec.items))) for r in responses],
            "spec": spec,
            "answer_url": request.build_absolute_uri(reverse("surveys_public:answer", args=[survey.token])),
            "follow_up_form": _follow_up_form(survey),
            "upload_form": UploadForm(),
            "tickets_form": TicketsForm(),
            "profile_form": ProfileForm(),
            "today": timezone.localdate(),
            **ticket_counts(survey),
        }
    )
    return render(request, "surveys/detail.html", context)


@login_required
@require_POST
def paper_entry(request, pk: int):
    """One paper questionnaire typed in by staff (save and next)."""
    survey = get_survey_for_user(request, pk, Action.MANAGE_SERVICES)
    answers = posted_answers(request, survey)
    profile = ProfileForm(request.POST)
    profile.is_valid()
    target = reverse("surveys:detail", args=[pk]) + "#paper"
    return _done(
        request,
        lambda: response_submit(
            survey=survey,
            answers=answers,
            profile=profile.cleaned_data,
            channel=Channel.PAPER,
            by=request.user,
        ),
        _("Questionnaire saved. Next one."),
        target,
    )


@login_required
@require_POST
def upload(request, pk: int):
    survey = get_survey_for_user(request, pk, Action.MANAGE_SERVICES)
    form = UploadForm(request.POST, request.FILES)
    target = reverse("surveys:detail", args=[pk])
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(target)
    upload_file = form.cleaned_data["file"]
    count = outcome(
        request,
        lambda: responses_import(
            survey=survey, data=upload_file.read(), filename=upload_file.name or "", by=request.user
        ),
        SurveyError,
        refused=_("Nothing was saved: %(errors)s"),
    )
    if count is not None:
        messages.success(request, _("%(n)s questionnaires read.") % {"n": count})
    return redirect(target)


@login_required
@require_POST
def mark(request, pk: int, response_pk: int):
    survey = get_survey_for_user(request, pk, Action.MANAGE_SERVICES)
    response = get_response(survey, response_pk)
    suspect = request.POST.get("suspect") == "1"
    return _done(
        request,
        lambda: response_mark(
            response=response, suspect=suspect, reason=request.POST.get("reason", ""), by=request.user
        ),
        _("Marked suspect: left out of the figures.") if suspect else _("Counted again."),
        reverse("surveys:detail", args=[pk]) + "#responses",
    )


@login_required
@require_POST
def tickets(request, pk: int):
    survey = get_survey_for_user(request, pk, Action.MANAGE_SERVICES)
    form = TicketsForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("surveys:detail", pk=pk)
    codes = outcome(
        request,
        lambda: tickets_make(survey=survey, count=form.cleaned_data["count"], by=request.user),
        SurveyError,
    )
    if codes is None:
        return redirect("surveys:detail", pk=pk)
    response = HttpResponse(tickets_csv(codes), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kode-survei-{survey.pk}.csv"'
    return response


@login_required
def qr_poster(request, pk: int):
    """The poster for the counter: the survey's QR code and link."""
    survey = get_survey_for_user(request, pk)
    url = request.build_absolute_uri(reverse("surveys_public:answer", args=[survey.token]))
    return pdf_response(qr_poster_pdf(survey, url), f"qr-survei-{survey.pk}.pdf", inline=True)


@login_required
@require_POST
def state(request, pk: int):
    survey = get_survey_for_user(request, pk, Action.MANAGE_SERVICES)
    action = request.POST.get("action")
    calls = {
        "close": (lambda: survey_close(survey=survey, by=request.user), _("Survey closed.")),
        "publish": (lambda: survey_publish(survey=survey, by=request.user), _("Results published.")),
        "posted": (
            lambda: survey_posted(survey=survey, day=timezone.localdate(), by=request.user),
            _("Recorded: the poster is on the board."),
        ),
    }
    if action not in calls:
        return redirect("surveys:detail", pk=pk)
    call, success = calls[action]
    return _done(request, call, success, reverse("surveys:detail", args=[pk]))


@login_required
@require_POST
def follow_up(request, pk: int):
    survey = get_survey_for_user(request, pk, Action.MANAGE_SERVICES)
    return _form_done(
        request,
        _follow_up_form(survey, request.POST),
        lambda data: follow_up_create(
            survey=survey,
            item_key=data["item"],
            indicator=data["indicator"],
            text=data["text"],
            pic=data["pic"],
            due_on=data["due_on"],
            by=request.user,
        ),
        _("Follow-up added to the plan."),
        reverse("surveys:detail", args=[pk]) + "#follow-up",
    )


@login_required
def definitions(request, slug: str):
    unit = unit_for(request, slug)
    form = DefinitionForm(request.POST or None)
    if request.method == "POST":
        require(request.user, Action.MANAGE_SERVICES, unit)
        if form.is_valid() and attempt(
            request,
            lambda: definition_save(unit=unit, text=form.cleaned_data["text"], by=request.user),
            SurveyError,
            _("Questionnaire saved."),
        ):
            return redirect("surveys:definitions", slug=slug)
    elif request.GET.get("dari") in library():
        form = DefinitionForm(initial={"text": _yaml_of(library()[request.GET["dari"]].raw)})
    return render(
        request,
        "surveys/definitions.html",
        {
            "unit": unit,
            "library": library(),
            "custom": custom_definitions(unit),
            "form": form,
            "may_manage": can(request.user, Action.MANAGE_SERVICES, unit),
        },
    )


def _yaml_of(raw: dict) -> str:
    copy = dict(raw)
    copy["version"] = f"{copy.get('version', '1')}-unit"
    return yaml.safe_dump(copy, allow_unicode=True, sort_keys=False)


@login_required
def standards(request, slug: str):
    unit = unit_for(request, slug)
    services = services_with_standards(unit)
    return render(
        request,
        "surveys/standards.html",
        {
            "unit": unit,
            "services": services,
            "components": COMPONENTS,
            "may_manage": can(request.user, Action.MANAGE_SERVICES, unit),
            "review_form": ReviewForm(),
        },
    )


@login_required
def standard_new(request, slug: str, service_pk: int):
    unit = unit_for(request, slug, Action.MANAGE_SERVICES)
    service = get_service(unit, service_pk)
    latest = latest_standard(service)
    form = StandardForm(
        request.POST or None,
        initial_components=latest.components if latest else None,
        initial={
            "maklumat": latest.maklumat if latest else "",
            "decree_number": latest.decree_number if latest else "",
            "other_media": latest.other_media if latest else "",
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: standard_save(
                service=service,
                components=form.components(),
                maklumat=form.cleaned_data["maklumat"],
                effective_on=form.cleaned_data["effective_on"],
                decree_number=form.cleaned_data["decree_number"],
                other_media=form.cleaned_data["other_media"],
                by=request.user,
            ),
            SurveyError,
            _("New version of the standard saved."),
        )
    ):
        return redirect("surveys:standards", slug=slug)
    return render(
        request,
        "surveys/standard_form.html",
        {"unit": unit, "service": service, "form": form, "latest": latest},
    )


@login_required
@require_POST
def standard_state(request, slug: str, pk: int):
    unit = unit_for(request, slug, Action.MANAGE_SERVICES)
    standard = get_standard(unit, pk)
    target = reverse("surveys:standards", args=[slug])
    if request.POST.get("action") == "publish":
        return _done(
            request,
            lambda: standard_publish(standard=standard, by=request.user),
            _("Published on the portal."),
            target,
        )
    return _form_done(
        request,
        ReviewForm(request.POST, request.FILES),
        lambda data: standard_review(standard=standard, by=request.user, **as_arguments(data)),
        _("Review recorded."),
        target,
    )
