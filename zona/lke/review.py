"""The LKE's review steps: the unit confirms carried-over answers and submits to the TPI (after
seeing what is unanswered or unsupported); the TPI answers each question itself (nothing is
pre-filled from the unit's answers), sends questions back, and finalises once every question is
reviewed. Each step freezes the level's answers as a submission."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zona.audit.services import audit_record

from .models import Answer, Assessment, Level, Stage, Submission
from .notices import return_told
from .scoring import as_json
from .services import AssessmentError, instrument_of, level_score, locked_at_level, rescore
from .states import review_state, self_state

# Checks later apps add before the TPI's review becomes final: each returns its refusal (for the
# user), or "" when it has none (the tiered evaluation: only its last tier's approval finalises).
FINALISE_CHECKS: list[Callable[[Assessment], str]] = []


def on_finalise(check: Callable[[Assessment], str]) -> None:
    if check not in FINALISE_CHECKS:
        FINALISE_CHECKS.append(check)


def _refs_text(refs: list[str], limit: int = 12) -> str:
    shown = ", ".join(refs[:limit])
    more = len(refs) - limit
    if more > 0:
        shown += " " + ngettext("and %(n)s more", "and %(n)s more", more) % {"n": more}
    return shown


def _freeze(assessment: Assessment, level: str, outcome: str, by, note: str = "") -> Submission:
    number = assessment.submissions.filter(level=level).count() + 1
    answers = {
        a.ref: {
            "value": a.value,
            "justification": a.justification,
            "note": a.note,
            "evidence": sorted(item.pk for item in a.evidence.all()),  # prefetched, no query an answer
        }
        for a in assessment.answers.filter(level=level).prefetch_related("evidence")
    }
    return Submission.objects.create(
        assessment=assessment,
        level=level,
        round=number,
        outcome=outcome,
        answers=answers,
        scores=as_json(level_score(assessment, level)),
        note=note,
        submitted_by=by,
    )


@transaction.atomic
def answers_confirm(*, assessment: Assessment, refs: list[str], by) -> int:
    """The unit confirms answers carried over from last year (one, or all of a section): they
    become this year's answers. Returns how many were confirmed."""
    assessment = locked_at_level(assessment, Level.SELF)
    found = assessment.answers.filter(level=Level.SELF, ref__in=refs, carried_over=True)
    confirmed = sorted(found.values_list("ref", flat=True))
    found.update(carried_over=False, answered_by=by)
    return _answered(assessment, Level.SELF, confirmed, by=by, action="lke.confirmed")


def _answered(assessment: Assessment, level: str, refs: list[str], *, by, action: str) -> int:
    """After answers of one level were confirmed or taken over: the level scored again, the
    questions recorded in the trail (when there were any). How many there were."""
    rescore(assessment, levels=(level,))
    if refs:
        audit_record(actor=by, action=action, obj=assessment, unit=assessment.unit, changes={"refs": refs})
    return len(refs)


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by) -> Assessment:
    """The unit submits its self-assessment to the TPI: its answers freeze. The TPI's column stays
    empty until a reviewer answers. Refused while carried-over answers are unconfirmed."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.stage not in (Stage.SELF, Stage.RETURNED):
        raise AssessmentError(_("Only a self-assessment in progress can be submitted."))
    if not assessment.answers.filter(level=Level.SELF).exists():
        raise AssessmentError(_("Answer at least one question before submitting."))
    state = self_state(assessment, instrument_of(assessment))
    if state.unconfirmed:
        raise AssessmentError(
            _("Confirm the answers carried over from last year first: %(refs)s.")
            % {"refs": _refs_text(state.unconfirmed)}
        )
    assessment.answers.filter(level=Level.SELF).update(returned=False)
    _freeze(assessment, Level.SELF, Stage.REVIEW, by)
    assessment.stage = Stage.REVIEW
    assessment.save(update_fields=["stage"])
    rescore(assessment, levels=(Level.SELF,))
    audit_record(actor=by, action="lke.submitted", obj=assessment, unit=assessment.unit)
    return assessment


@transaction.atomic
def review_agree(*, assessment: Assessment, refs: list[str], by, note: str = "") -> int:
    """The reviewer, having read them, takes the unit's answers to the given questions as the
    TPI's own (an explicit review, one question or a section at a time). Questions the TPI has
    already answered keep the TPI's answer. Returns how many were reviewed."""
    assessment = locked_at_level(assessment, Level.TPI)
    reviewed = set(assessment.answers.filter(level=Level.TPI).values_list("ref", flat=True))
    created = []
    for answer in assessment.answers.filter(level=Level.SELF, ref__in=refs).exclude(ref__in=reviewed):
        Answer.objects.create(
            assessment=assessment,
            level=Level.TPI,
            ref=answer.ref,
            value=answer.value,
            note=note[:5000],
            answered_by=by,
        )
        created.append(answer.ref)
    return _answered(assessment, Level.TPI, created, by=by, action="lke.review_agreed")


@transaction.atomic
def assessment_return(*, assessment: Assessment, refs: list[str], note: str, by) -> Assessment:
    """The TPI sends questions back to the unit with its notes; the unit revises them."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.stage != Stage.REVIEW:
        raise AssessmentError(_("Only an assessment under review can be sent back."))
    refs = [r for r in refs if r in instrument_of(assessment).questions]
    if not refs:
        raise AssessmentError(_("Choose the questions to revise."))
    if not note.strip():
        raise AssessmentError(_("Say what must be revised."))
    assessment.answers.filter(level=Level.SELF, ref__in=refs).update(returned=True, note=note)
    _freeze(assessment, Level.TPI, Stage.RETURNED, by, note=note)
    assessment.stage = Stage.RETURNED
    assessment.save(update_fields=["stage"])
    audit_record(
        actor=by,
        action="lke.returned",
        obj=assessment,
        unit=assessment.unit,
        changes={"refs": refs, "note": note},
    )
    return_told(assessment, refs, note)
    return assessment


@transaction.atomic
def assessment_finalize(*, assessment: Assessment, by) -> Assessment:
    """The TPI's review becomes final, once a reviewer has answered every question."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.stage != Stage.REVIEW:
        raise AssessmentError(_("Only an assessment under review can be finalised."))
    for check in FINALISE_CHECKS:
        refusal = check(assessment)
        if refusal:
            raise AssessmentError(refusal)
    review = review_state(assessment, instrument_of(assessment))
    if review.missing:
        raise AssessmentError(
            ngettext(
                "%(n)s question is not reviewed yet: %(refs)s.",
                "%(n)s questions are not reviewed yet: %(refs)s.",
                len(review.missing),
            )
            % {"n": len(review.missing), "refs": _refs_text(review.missing)}
        )
    _freeze(assessment, Level.TPI, Stage.FINAL, by)
    assessment.stage = Stage.FINAL
    assessment.save(update_fields=["stage"])
    audit_record(actor=by, action="lke.final", obj=assessment, unit=assessment.unit)
    return assessment


@transaction.atomic
def review_take(*, assessment: Assessment, answers: dict[str, tuple[str, str]], by) -> int:
    """The TPI's answers (ref → answer, note) set in one go, replacing those given before: the
    answers the last tier of a tiered evaluation approved. Returns how many were set."""
    assessment = locked_at_level(assessment, Level.TPI, direct=False)  # the tiers' own way in
    questions = instrument_of(assessment).questions
    for ref, (value, note) in answers.items():
        if ref not in questions:
            raise AssessmentError(_("Unknown question %(ref)s.") % {"ref": ref})
        Answer.objects.update_or_create(
            assessment=assessment,
            level=Level.TPI,
            ref=ref,
            defaults={"value": value, "note": note[:5000], "answered_by": by},
        )
    return _answered(assessment, Level.TPI, sorted(answers), by=by, action="lke.review_taken")
