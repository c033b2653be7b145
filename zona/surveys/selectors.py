"""What the survey pages read: a survey fetched and authorised for the unit's staff, a unit's
services, surveys, questionnaires and standards, and for the public only what is published."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zona.orgs.models import Unit
from zona.orgs.permissions import Action, require
from zona.plans.models import Indicator

from .models import CustomDefinition, Response, Service, ServiceStandard, Status, Survey


def get_survey_for_user(request, pk: int, action: Action = Action.VIEW) -> Survey:
    """404 when the survey's unit is not the user's to see, 403 when they may not do `action`."""
    survey = get_object_or_404(
        Survey.objects.select_related("unit", "service").filter(
            unit__in=Unit.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    require(request.user, action, survey.unit)
    return survey


def units_visible_to(user) -> QuerySet:
    return Unit.objects.visible_to(user)


def unit_services(unit: Unit, *, active_only: bool = False) -> QuerySet:
    services = Service.objects.filter(unit=unit)
    return services.filter(active=True) if active_only else services


def services_with_standards(unit: Unit) -> list[Service]:
    return list(unit_services(unit).prefetch_related("standards__reviews"))


def get_service(unit: Unit, pk: int) -> Service:
    return get_object_or_404(Service, unit=unit, pk=pk)


def get_standard(unit: Unit, pk: int) -> ServiceStandard:
    return get_object_or_404(ServiceStandard, service__unit=unit, pk=pk)


def unit_surveys(unit: Unit) -> QuerySet:
    return Survey.objects.filter(unit=unit).select_related("service", "tally")


def custom_definitions(unit: Unit) -> QuerySet:
    return CustomDefinition.objects.filter(unit=unit)


def follow_up_indicators(unit: Unit) -> QuerySet:
    """The indicators of the unit's plans a follow-up may go to, the latest plan first."""
    return (
        Indicator.objects.filter(component__area__plan__unit=unit)
        .select_related("component__area__plan")
        .order_by("-component__area__plan__year", "component__area__code", "component__order", "order")
    )


def survey_responses(survey: Survey) -> QuerySet:
    return Response.objects.filter(survey=survey).order_by("-id")


def ticket_counts(survey: Survey) -> dict[str, int]:
    """The survey's tickets (one-time answer codes): how many were made, how many used."""
    tickets = survey.tickets.all()
    return {"tickets": tickets.count(), "tickets_used": tickets.filter(used=True).count()}


def latest_standard(service: Service) -> ServiceStandard | None:
    """The service's latest standard, whatever its state (a new one starts from it)."""
    return service.standards.order_by("-version").first()


def get_response(survey: Survey, pk: int) -> Response:
    return get_object_or_404(Response, survey=survey, pk=pk)


# -- the public --------------------------------------------------------------------------------
def public_unit(slug: str) -> Unit:
    return get_object_or_404(Unit, slug=slug)


def survey_by_token(token: str) -> Survey:
    """The questionnaire behind a link or QR code (any state: a closed one says so itself)."""
    return get_object_or_404(Survey.objects.select_related("unit", "service"), token=token)


def published_survey(slug: str, token: str) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("unit", "service").filter(status=Status.PUBLISHED),
        unit__slug=slug,
        token=token,
    )


def published_surveys(unit: Unit) -> QuerySet:
    return (
        Survey.objects.filter(unit=unit, status=Status.PUBLISHED)
        .select_related("service", "tally")
        .order_by("-period_end")
    )


def current_standards(unit: Unit) -> list[ServiceStandard]:
    """Each service's latest published standard."""
    current = {}
    for standard in (
        ServiceStandard.objects.filter(service__unit=unit, published_on__isnull=False)
        .select_related("service")
        .order_by("service__name", "-version")
    ):
        current.setdefault(standard.service_id, standard)
    return list(current.values())


def published_standard(unit: Unit, pk: int) -> ServiceStandard:
    return get_object_or_404(
        ServiceStandard.objects.select_related("service"),
        pk=pk,
        service__unit=unit,
        published_on__isnull=False,
    )
