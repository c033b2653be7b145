"""Recording socialisation, evaluations and their follow-up (each audited)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_create_file
from zona.lib.errors import RuleError

from .models import Evaluation, FollowUp, Socialisation


class IntegrityError(RuleError):
    """A rule was broken; the message is for the user."""


def _evidence(unit, title: str, uploads, by, day: date | None):
    return [
        evidence_create_file(unit=unit, title=title[:300], upload=u, by=by, effective_date=day)
        for u in uploads
    ]


@transaction.atomic
def socialisation_record(
    *,
    unit,
    topic: str,
    held_on: date,
    title: str,
    channel: str,
    by,
    audience: str = "",
    participants: int | None = None,
    uploads=(),
) -> Socialisation:
    item = Socialisation.objects.create(
        unit=unit,
        topic=topic,
        held_on=held_on,
        title=title,
        channel=channel,
        audience=audience,
        participants=participants,
        created_by=by,
    )
    item.evidence.set(_evidence(unit, title, uploads, by, held_on))
    audit_record(actor=by, action="integrity.socialisation", obj=item, unit=unit, changes={"topic": topic})
    return item


@transaction.atomic
def evaluation_record(
    *,
    unit,
    topic: str,
    held_on: date,
    summary: str,
    actions: list[tuple[str, str, date | None]],
    by,
    uploads=(),
) -> Evaluation:
    """An evaluation with its follow-up actions: (what, who, due)."""
    evaluation = Evaluation.objects.create(
        unit=unit, topic=topic, held_on=held_on, summary=summary, created_by=by
    )
    evaluation.evidence.set(
        _evidence(unit, _("Evaluation %(date)s") % {"date": held_on}, uploads, by, held_on)
    )
    FollowUp.objects.bulk_create(
        FollowUp(evaluation=evaluation, action=text[:500], owner=owner[:200], due_on=due)
        for text, owner, due in actions
        if text.strip()
    )
    audit_record(
        actor=by,
        action="integrity.evaluation",
        obj=evaluation,
        unit=unit,
        changes={"topic": topic, "follow_ups": len(actions)},
    )
    return evaluation


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, done_on: date, note: str, by, uploads=()) -> FollowUp:
    if follow_up.done_on:
        raise IntegrityError(_("This follow-up is already recorded as done."))
    if done_on < follow_up.evaluation.held_on:
        raise IntegrityError(_("A follow-up can't be done before the evaluation that asked for it."))
    follow_up.done_on = done_on
    follow_up.done_note = note
    follow_up.save(update_fields=["done_on", "done_note"])
    unit = follow_up.evaluation.unit
    follow_up.evidence.set(_evidence(unit, follow_up.action, uploads, by, done_on))
    audit_record(actor=by, action="integrity.follow_up_done", obj=follow_up, unit=unit)
    return follow_up
