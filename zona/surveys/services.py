"""The survey lifecycle: questionnaires (the library's and a unit's own), services, a survey
per service and period, closing, publishing and posting its results, and follow-ups of weak items
as steps of the unit's plan. Answers are in answers.py, what the public sees in publication.py,
the service standards in service_standards.py."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.lib.errors import RuleError
from zona.lib.yamlfile import load_yaml
from zona.plans.models import ActionStep, Indicator

from .definitions import Definition, DefinitionError, library, parse
from .figures import figures
from .models import CustomDefinition, FollowUp, Service, Status, Survey, SurveyTally


class SurveyError(RuleError):
    """A rule was broken; the message is for the user."""


def _today() -> date:
    return timezone.localdate()


def surveys_today() -> date:
    """Today in the surveys' calendar (every survey module reads it here; tests set `_today`)."""
    return _today()


# -- definitions -----------------------------------------------------------------------------


def definitions_for(unit) -> dict[str, Definition]:
    """The library's definitions and the unit's own."""
    found = dict(library())
    for custom in CustomDefinition.objects.filter(unit=unit):
        try:
            definition = parse(load_yaml(custom.text))
        except (DefinitionError, ValueError):
            continue
        found[definition.key] = definition
    return found


@transaction.atomic
def definition_save(*, unit, text: str, by) -> CustomDefinition:
    """A unit's own questionnaire, as YAML, checked like the library's."""
    try:
        definition = parse(load_yaml(text))
    except DefinitionError as exc:
        raise SurveyError("; ".join(exc.problems)) from exc
    except Exception as exc:  # a YAML syntax error of any kind
        raise SurveyError(_("The definition is not valid YAML.")) from exc
    if definition.key in library():
        raise SurveyError(
            _("The library already has %(key)s: give yours another code or version.")
            % {"key": definition.key}
        )
    if definition.kind == "skm":
        raise SurveyError(_("The SKM is the regulation's: its definition can't be replaced."))
    custom, _created = CustomDefinition.objects.update_or_create(
        unit=unit, code=definition.code, version=definition.version, defaults={"text": text, "created_by": by}
    )
    audit_record(
        actor=by, action="survey.definition_saved", obj=custom, unit=unit, changes={"key": definition.key}
    )
    return custom


# -- surveys ---------------------------------------------------------------------------------


@transaction.atomic
def service_add(*, unit, name: str, description: str = "", by) -> Service:
    if Service.objects.filter(unit=unit, name__iexact=name.strip()).exists():
        raise SurveyError(_("This service is already listed."))
    service = Service.objects.create(unit=unit, name=name.strip()[:200], description=description)
    audit_record(actor=by, action="survey.service_added", obj=service, unit=unit)
    return service


@transaction.atomic
def survey_create(
    *,
    unit,
    service: Service,
    definition_key: str,
    period_start: date,
    period_end: date,
    by,
    title: str = "",
    population: int = 0,
    weight: str = "exact",
    one_per_device: bool = True,
    require_ticket: bool = False,
) -> Survey:
    if service.unit_id != unit.pk:
        raise SurveyError(_("This service belongs to another unit."))
    definition = definitions_for(unit).get(definition_key)
    if definition is None:
        raise SurveyError(_("Unknown questionnaire %(key)s.") % {"key": definition_key})
    if period_end < period_start:
        raise SurveyError(_("The period ends before it starts."))
    survey = Survey.objects.create(
        unit=unit,
        service=service,
        title=(
            title or f"{definition.name} · {service.name} · {period_start:%d-%m-%Y}–{period_end:%d-%m-%Y}"
        )[:200],
        definition_key=definition.key,
        definition=definition.raw,
        kind=definition.kind,
        period_start=period_start,
        period_end=period_end,
        population=population,
        weight=weight,
        one_per_device=one_per_device,
        require_ticket=require_ticket,
        created_by=by,
    )
    SurveyTally.objects.create(survey=survey)
    audit_record(
        actor=by, action="survey.created", obj=survey, unit=unit, changes={"definition": definition.key}
    )
    return survey


# -- closing, publishing, follow-up ----------------------------------------------------------


def _moved(survey: Survey, status: str, dated: str, action: str, by) -> Survey:
    """The survey in its new status (closed, published) since today, in the trail."""
    survey.status = status
    setattr(survey, dated, surveys_today())
    survey.save(update_fields=["status", dated])
    audit_record(actor=by, action=action, obj=survey, unit=survey.unit)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by) -> Survey:
    if survey.status != Status.OPEN:
        raise SurveyError(_("This survey is already closed."))
    return _moved(survey, Status.CLOSED, "closed_on", "survey.closed", by)


@transaction.atomic
def survey_publish(*, survey: Survey, by) -> Survey:
    """One click once the period is over: the results page, poster and open data go public."""
    if survey.status == Status.OPEN:
        if survey.period_end >= surveys_today():
            raise SurveyError(
                _("The period is not over: close the survey first, or wait until %(date)s.")
                % {"date": survey.period_end.strftime("%d-%m-%Y")}
            )
        survey_close(survey=survey, by=by)
    if not figures(survey).result.respondents:
        raise SurveyError(_("No answer to publish."))
    return _moved(survey, Status.PUBLISHED, "published_on", "survey.published", by)


@transaction.atomic
def survey_posted(*, survey: Survey, day: date, by) -> Survey:
    """The poster is on the board at the service (published offline too)."""
    if survey.status != Status.PUBLISHED:
        raise SurveyError(_("Publish the results first."))
    survey.posted_on = day
    survey.save(update_fields=["posted_on"])
    audit_record(
        actor=by, action="survey.posted", obj=survey, unit=survey.unit, changes={"on": day.isoformat()}
    )
    return survey


@transaction.atomic
def follow_up_create(
    *, survey: Survey, item_key: str, indicator: Indicator, text: str, pic, due_on: date, by
) -> FollowUp:
    """A follow-up of a weak item, as a step of the unit's plan with its owner and date."""
    if item_key not in {i.key for i in survey.spec().items}:
        raise SurveyError(_("Unknown item."))
    if indicator.component.area.plan.unit_id != survey.unit_id:
        raise SurveyError(_("Choose an indicator of this unit's plan."))
    if not text.strip():
        raise SurveyError(_("Say what will be done."))
    order = (indicator.steps.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    step = ActionStep.objects.create(
        indicator=indicator, text=text.strip()[:2000], order=order, pic=pic, due_on=due_on
    )
    follow_up = FollowUp.objects.create(survey=survey, item_key=item_key, step=step, created_by=by)
    audit_record(
        actor=by,
        action="survey.follow_up",
        obj=survey,
        unit=survey.unit,
        changes={"item": item_key, "step": step.pk},
    )
    return follow_up
