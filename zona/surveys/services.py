"""Every survey write: surveys per service and period, answers (online, paper, upload), suspect
marks, one-time codes, closing and publishing, follow-ups as plan steps; service standards,
their maklumat and reviews. The running tally moves with every answer in the same transaction."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.registry import KINDS
from zona.evidence.services import evidence_file_or
from zona.lib.errors import RuleError
from zona.lib.yamlfile import load_yaml
from zona.plans.models import ActionStep, Indicator

from .definitions import Definition, DefinitionError, library, parse
from .figures import figures
from .ikm import Result, Tally
from .models import (
    Channel,
    CustomDefinition,
    FollowUp,
    Response,
    Service,
    ServiceStandard,
    StandardReview,
    Status,
    Survey,
    SurveyTally,
    Ticket,
)
from .respondents import RespondentsError, read
from .standards import COMPONENTS

PROFILE_FIELDS = ("age_group", "sex", "education", "occupation")
MINIMUM_SHOWN = 3  # a profile group smaller than this is not published


class SurveyError(RuleError):
    """A rule was broken; the message is for the user."""


def _today() -> date:
    return timezone.localdate()


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


def device_key(token: str) -> str:
    """What is stored of a device's token: a keyed hash (the token itself is never stored)."""
    return hmac.new(settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256).hexdigest() if token else ""


def _add_to_tally(survey: Survey, answers: list[int | None], sign: int) -> None:
    changes = {"respondents": F("respondents") + sign}
    for index, value in enumerate(answers, start=1):
        if value is not None:
            changes[f"s{index}"] = F(f"s{index}") + sign * value
            changes[f"c{index}"] = F(f"c{index}") + sign
    SurveyTally.objects.filter(survey=survey).update(**changes)


def _check_answers(survey: Survey, answers: dict[str, int | None]) -> list[int | None]:
    spec = survey.spec()
    values: list[int | None] = []
    for item in spec.items:
        value = answers.get(item.key)
        if value is not None and not spec.scale_min <= value <= spec.scale_max:
            raise SurveyError(
                _("%(item)s: answer %(low)s–%(high)s.")
                % {"item": item.name, "low": spec.scale_min, "high": spec.scale_max}
            )
        values.append(value)
    if all(v is None for v in values):
        raise SurveyError(_("Answer at least one question."))
    return values


def _profile(profile: dict[str, str]) -> dict[str, str]:
    return {name: (profile.get(name) or "").strip()[:60] for name in PROFILE_FIELDS}


def not_accepting(survey: Survey, *, online: bool = True) -> str:
    """Why the survey takes no answer now ("" when it does): closed, or (online) outside its
    period. Paper questionnaires of the period may be typed in until it is closed."""
    if survey.status != Status.OPEN:
        return _("This survey is closed.")
    if online and not survey.period_start <= _today() <= survey.period_end:
        return _("This survey collects answers from %(start)s to %(end)s.") % {
            "start": survey.period_start.strftime("%d-%m-%Y"),
            "end": survey.period_end.strftime("%d-%m-%Y"),
        }
    return ""


def response_submit(
    *,
    survey: Survey,
    answers: dict[str, int | None],
    profile: dict[str, str],
    device: str = "",
    ticket: str = "",
    channel: str = Channel.ONLINE,
    by=None,
) -> Response:
    """One questionnaire. Online answers come while the survey collects them, within its period;
    a device answers once (unless the survey allows more) and a one-time code is used once."""
    values = _check_answers(survey, answers)
    refusal = not_accepting(survey, online=channel == Channel.ONLINE)
    if refusal:
        raise SurveyError(refusal)
    hashed = device_key(device) if channel == Channel.ONLINE else ""
    code = (ticket or "").strip().upper()[:20]
    with transaction.atomic():
        if survey.require_ticket and channel == Channel.ONLINE and not code:
            raise SurveyError(_("Type the code printed on your receipt or queue ticket."))
        if code:
            used = (
                Ticket.objects.select_for_update()
                .filter(survey=survey, code=code, used=False)
                .update(used=True)
            )
            if not used:
                raise SurveyError(_("This code is not valid, or it was used already."))
        if (
            hashed
            and survey.one_per_device
            and Response.objects.filter(survey=survey, device=hashed).exists()
        ):
            raise SurveyError(_("This device has answered this survey already. Thank you!"))
        response = Response.objects.create(
            survey=survey,
            channel=channel,
            device=hashed,
            ticket=code,
            entered_by=by if getattr(by, "is_authenticated", False) else None,
            **_profile(profile),
            **{f"a{i}": v for i, v in enumerate(values, start=1)},
        )
        _add_to_tally(survey, values, +1)
    return response


@transaction.atomic
def responses_import(*, survey: Survey, data: bytes, filename: str, by) -> int:
    """Paper questionnaires typed into a spreadsheet: every row read or none."""
    if survey.status != Status.OPEN:
        raise SurveyError(_("This survey is closed."))
    spec = survey.spec()
    try:
        rows = read(data, filename, [i.key for i in spec.items], spec.scale_min, spec.scale_max)
    except RespondentsError as exc:
        raise SurveyError("; ".join(exc.problems[:50])) from exc
    rows = [r for r in rows if any(v is not None for v in r.answers)]
    if not rows:
        raise SurveyError(_("The file holds no answered questionnaire."))
    Response.objects.bulk_create(
        Response(
            survey=survey,
            channel=Channel.UPLOAD,
            entered_by=by,
            **_profile(r.profile),
            **{f"a{i}": v for i, v in enumerate(r.answers, start=1)},
        )
        for r in rows
    )
    tally = Tally.of((r.answers for r in rows), len(spec.items))
    changes = {"respondents": F("respondents") + tally.respondents}
    for i in range(len(spec.items)):
        changes[f"s{i + 1}"] = F(f"s{i + 1}") + tally.sums[i]
        changes[f"c{i + 1}"] = F(f"c{i + 1}") + tally.counts[i]
    SurveyTally.objects.filter(survey=survey).update(**changes)
    audit_record(
        actor=by,
        action="survey.imported",
        obj=survey,
        unit=survey.unit,
        changes={"rows": len(rows), "file": filename},
    )
    return len(rows)


@transaction.atomic
def response_mark(*, response: Response, suspect: bool, reason: str, by) -> Response:
    """Exclude a response from the figures (or take it back in); it is never deleted."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.suspect == suspect:
        return response
    if suspect and not reason.strip():
        raise SurveyError(_("Say why the answer is suspect."))
    items = len(response.survey.spec().items)
    _add_to_tally(response.survey, response.answers(items), -1 if suspect else +1)
    response.suspect, response.suspect_reason, response.suspect_by = suspect, reason.strip()[:500], by
    response.save(update_fields=["suspect", "suspect_reason", "suspect_by"])
    audit_record(
        actor=by,
        action="survey.suspect" if suspect else "survey.unsuspect",
        obj=response.survey,
        unit=response.survey.unit,
        changes={"response": response.pk, "reason": reason[:200]},
    )
    return response


@transaction.atomic
def tickets_make(*, survey: Survey, count: int, by) -> list[str]:
    """`count` new one-time codes (8 characters, no look-alike letters) to print on receipts."""
    if not 1 <= count <= 5000:
        raise SurveyError(_("Between 1 and 5000 codes at a time."))
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    existing = set(Ticket.objects.filter(survey=survey).values_list("code", flat=True))
    codes: list[str] = []
    while len(codes) < count:
        code = "".join(secrets.choice(alphabet) for _ in range(8))
        if code not in existing:
            existing.add(code)
            codes.append(code)
    Ticket.objects.bulk_create(Ticket(survey=survey, code=c) for c in codes)
    audit_record(actor=by, action="survey.tickets", obj=survey, unit=survey.unit, changes={"count": count})
    return codes


def recount(survey: Survey) -> Tally:
    """The tally computed afresh from the responses (one pass in the database): to check the
    running tally, or to rebuild it."""
    items = len(survey.spec().items)
    aggregates = {}
    for i in range(1, items + 1):
        aggregates[f"s{i}"] = Sum(f"a{i}")
        aggregates[f"c{i}"] = Count(f"a{i}")
    present = Q()
    for i in range(1, items + 1):
        present |= Q(**{f"a{i}__isnull": False})
    row = Response.objects.filter(survey=survey, suspect=False).aggregate(
        respondents=Count("pk", filter=present), **aggregates
    )
    return Tally(
        tuple(row[f"s{i}"] or 0 for i in range(1, items + 1)),
        tuple(row[f"c{i}"] for i in range(1, items + 1)),
        row["respondents"],
    )


@transaction.atomic
def tally_rebuild(survey: Survey) -> Tally:
    """Set the running tally to a fresh recount: after rows were loaded outside Zona's services
    (a bulk copy, a restored backup), or to repair it. Answers are held off while it runs."""
    SurveyTally.objects.select_for_update().get(survey=survey)
    tally = recount(survey)
    changes = {"respondents": tally.respondents}
    for index, (total, count) in enumerate(zip(tally.sums, tally.counts, strict=True), start=1):
        changes[f"s{index}"], changes[f"c{index}"] = total, count
    SurveyTally.objects.filter(survey=survey).update(**changes)
    return tally


def open_for_public(unit) -> list[Survey]:
    """The unit's surveys collecting answers today (for the portal)."""
    today = _today()
    return list(
        Survey.objects.filter(
            unit=unit, status=Status.OPEN, period_start__lte=today, period_end__gte=today
        ).select_related("service")[:20]
    )


def latest_published(unit, limit: int = 4) -> list[tuple[Survey, Result]]:
    """The unit's most recent published surveys with their figures (for the portal)."""
    surveys = (
        Survey.objects.filter(unit=unit, status=Status.PUBLISHED)
        .select_related("service")
        .order_by("-period_end", "service__name")[:limit]
    )
    return [(s, figures(s).result) for s in surveys]


def profile_counts(survey: Survey, *, public: bool) -> dict[str, list[tuple[str, int | None]]]:
    """Respondents per profile answer. For the public, groups under the minimum are neither
    named nor counted: they are pooled as "other answers", itself withheld (None) when small."""
    counts = {}
    base = Response.objects.filter(survey=survey, suspect=False)
    for name in PROFILE_FIELDS:
        rows = list(base.exclude(**{name: ""}).values_list(name).annotate(n=Count("pk")).order_by("-n", name))
        if not public:
            counts[name] = rows
            continue
        shown = [(value, n) for value, n in rows if n >= MINIMUM_SHOWN]
        pooled = sum(n for _value, n in rows if n < MINIMUM_SHOWN)
        if pooled:
            shown.append((_("other answers"), pooled if pooled >= MINIMUM_SHOWN else None))
        counts[name] = shown
    return counts


# -- closing, publishing, follow-up ----------------------------------------------------------


@transaction.atomic
def survey_close(*, survey: Survey, by) -> Survey:
    if survey.status != Status.OPEN:
        raise SurveyError(_("This survey is already closed."))
    survey.status, survey.closed_on = Status.CLOSED, _today()
    survey.save(update_fields=["status", "closed_on"])
    audit_record(actor=by, action="survey.closed", obj=survey, unit=survey.unit)
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey, by) -> Survey:
    """One click once the period is over: the results page, poster and open data go public."""
    if survey.status == Status.OPEN:
        if survey.period_end >= _today():
            raise SurveyError(
                _("The period is not over: close the survey first, or wait until %(date)s.")
                % {"date": survey.period_end.strftime("%d-%m-%Y")}
            )
        survey_close(survey=survey, by=by)
    if not figures(survey).result.respondents:
        raise SurveyError(_("No answer to publish."))
    survey.status, survey.published_on = Status.PUBLISHED, _today()
    survey.save(update_fields=["status", "published_on"])
    audit_record(actor=by, action="survey.published", obj=survey, unit=survey.unit)
    return survey


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


# -- service standards -----------------------------------------------------------------------


@transaction.atomic
def standard_save(
    *,
    service: Service,
    components: dict[str, str],
    maklumat: str,
    effective_on: date,
    by,
    decree_number: str = "",
    other_media: str = "",
) -> ServiceStandard:
    """A new version of the service's standard (earlier versions stay as they were); where else
    than the portal its maklumat is announced."""
    filled = {k: (components.get(k) or "").strip() for k in COMPONENTS}
    missing = [label for k, label in COMPONENTS.items() if not filled[k]]
    if missing:
        raise SurveyError(_("Fill in every component: %(missing)s.") % {"missing": ", ".join(missing)})
    if not maklumat.strip():
        raise SurveyError(_("Write the maklumat pelayanan."))
    version = (service.standards.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    standard = ServiceStandard.objects.create(
        service=service,
        version=version,
        decree_number=decree_number.strip()[:200],
        effective_on=effective_on,
        components=filled,
        maklumat=maklumat.strip(),
        other_media=other_media.strip()[:300],
        created_by=by,
    )
    audit_record(
        actor=by,
        action="survey.standard_saved",
        obj=standard,
        unit=service.unit,
        changes={"version": version},
    )
    return standard


@transaction.atomic
def standard_publish(*, standard: ServiceStandard, by) -> ServiceStandard:
    standard.published_on = _today()
    standard.save(update_fields=["published_on"])
    audit_record(actor=by, action="survey.standard_published", obj=standard, unit=standard.service.unit)
    return standard


def standard_figures(standard: ServiceStandard) -> dict:
    """What a review looks at: the service's latest survey and the unit's complaints this year."""
    latest = (
        Survey.objects.filter(service=standard.service, kind="skm")
        .exclude(status=Status.OPEN)
        .order_by("-period_end")
        .first()
    )
    found: dict = {}
    if latest is not None:
        result = figures(latest).result
        found["survey"] = {
            "title": latest.title,
            "ikm": str(result.converted) if result.converted is not None else None,
            "mutu": result.mutu,
            "respondents": result.respondents,
        }
    year = _today().year
    complaints = KINDS.get("complaint")  # registered by the complaints module, never imported
    if complaints is not None and complaints.figures is not None:
        units, start, end = [standard.service.unit], date(year, 1, 1), date(year, 12, 31)
        stats = complaints.figures(units=units, start=start, end=end)
        found["complaints"] = {"year": year, "received": stats.received, "completed": stats.completed}
    return found


@transaction.atomic
def standard_review(
    *,
    standard: ServiceStandard,
    reviewed_on: date,
    result: str,
    used_survey: bool,
    used_complaints: bool,
    stakeholders: str,
    by,
    upload=None,
) -> StandardReview:
    if not result.strip():
        raise SurveyError(_("Write what the review found and changed."))
    evidence = None
    if upload is not None:
        evidence = evidence_file_or(
            SurveyError,
            unit=standard.service.unit,
            title=f"Reviu standar pelayanan {standard}",
            upload=upload,
            by=by,
            effective_date=reviewed_on,
        )
    review = StandardReview.objects.create(
        standard=standard,
        reviewed_on=reviewed_on,
        used_survey=used_survey,
        used_complaints=used_complaints,
        stakeholders=stakeholders.strip()[:500],
        figures=standard_figures(standard),
        result=result.strip(),
        evidence=evidence,
        created_by=by,
    )
    audit_record(actor=by, action="survey.standard_reviewed", obj=standard, unit=standard.service.unit)
    return review
