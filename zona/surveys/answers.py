"""A survey's answers: one questionnaire online or on paper, a spreadsheet of paper
questionnaires, suspect marks, one-time codes, and the running tally that moves with every
answer in the same transaction (and its recount)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from zona.audit.services import audit_record

from .ikm import Tally
from .models import Channel, Response, Status, Survey, SurveyTally, Ticket
from .respondents import RespondentsError, read
from .services import SurveyError, surveys_today

PROFILE_FIELDS = ("age_group", "sex", "education", "occupation")


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
    if online and not survey.period_start <= surveys_today() <= survey.period_end:
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
