"""The TPI's tiers at work: seats on the team, each tier's answers (a score that differs from the
tier below, or from the tier's own earlier answer, needs a note), approval tier by tier, the
cancellation of every approval at or above a changed answer, and the release to the unit. The
last tier's approval sets the TPI's answers of the LKE and finalises its review."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zona.audit.services import audit_record
from zona.lib.errors import RuleError
from zona.lke.models import Assessment, Level, Stage
from zona.lke.review import assessment_finalize, review_take
from zona.lke.scoring import answer_value, parse_answer, score
from zona.lke.services import gate_facts, instrument_of
from zona.notifications.services import Notice, notify_now
from zona.orgs.holders import role_holders
from zona.orgs.models import Role, roles_on
from zona.orgs.services import role_grant

from .models import TeamMember, TierAnswer, TierApproval
from .rules import Tier, tier, tiers, top_tier


class EvaluationError(RuleError):
    """A rule of the TPI's evaluation was broken; the message is for the user."""


def _tier(code: str) -> Tier:
    found = tier(code)
    if found is None:
        raise EvaluationError(_("Unknown tier."))
    return found


def _locked(assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.stage != Stage.REVIEW:
        raise EvaluationError(_("The tiers work only while the LKE is under the TPI's review."))
    return assessment


def _seated(assessment: Assessment, code: str, by) -> Tier:
    found = _tier(code)
    if not TeamMember.objects.filter(assessment=assessment, user=by, tier=found.code).exists():
        raise EvaluationError(_("Only a member of the tier %(tier)s may do this.") % {"tier": found.name})
    return found


@transaction.atomic
def team_member_add(*, assessment: Assessment, user, tier_code: str, by) -> TeamMember:
    """Seat a person in one tier of the assessment's team: they may read the unit (a reviewer's
    role on the unit itself, nothing above or beside it) and answer in their tier."""
    found = _tier(tier_code)
    if Role.REVIEWER not in roles_on(user, assessment.unit):
        role_grant(user=user, unit=assessment.unit, role=Role.REVIEWER)
    member, _created = TeamMember.objects.update_or_create(
        assessment=assessment, user=user, defaults={"tier": found.code, "added_by": by}
    )
    audit_record(
        actor=by,
        action="evaluation.member",
        obj=assessment,
        unit=assessment.unit,
        changes={"user": user.username, "tier": found.code},
    )
    return member


def question_score(assessment: Assessment, ref: str, value: str) -> Fraction:
    """An answer's score: its value in [0, 1] (PermenPAN-RB 90/2021's answer values)."""
    instrument = instrument_of(assessment)
    question = instrument.questions[ref]
    options = {**instrument.option_defaults(), **assessment.options}
    return answer_value(question, parse_answer(question, value), options)


def values_below(assessment: Assessment, found: Tier) -> dict[str, str]:
    """ref → answer of the level the tier reviews: the unit's self-assessment for the first tier,
    else the tier below."""
    if found.order == 1:
        return dict(assessment.answers.filter(level=Level.SELF).values_list("ref", "value"))
    below = tiers()[found.order - 2]
    return dict(assessment.tier_answers.filter(tier=below.code).values_list("ref", "value"))


def _cancel(assessment: Assessment, lowest: int, by, why: str) -> list[str]:
    """Cancel every standing approval of a tier at or above `lowest` (its order), recorded with
    who and why. The tiers whose approval was cancelled."""
    codes = [t.code for t in tiers() if t.order >= lowest]
    standing = assessment.tier_approvals.filter(tier__in=codes, cancelled_at__isnull=True)
    cancelled = sorted(standing.values_list("tier", flat=True), key=codes.index)
    if cancelled:
        standing.update(cancelled_at=timezone.now(), cancelled_by=by, cancel_reason=why[:5000])
        audit_record(
            actor=by,
            action="evaluation.approvals_cancelled",
            obj=assessment,
            unit=assessment.unit,
            changes={"tiers": cancelled, "why": why[:5000]},
        )
    return cancelled


def approvals_cancel_after(*, assessment: Assessment, changes: dict, by, why: str) -> list[str]:
    """The unit changed answers of its self-assessment (the LKE's hook): every tier's approval
    falls."""
    listed = "; ".join(
        f"{ref}: {before or '–'} → {after}" for ref, (before, after) in sorted(changes.items())
    )
    reason = _("The unit changed its answer (%(changes)s).") % {"changes": listed}
    if why.strip():
        reason += " " + why.strip()
    return _cancel(assessment, 1, by, reason)


@transaction.atomic
def tier_answer_save(
    *, assessment: Assessment, tier_code: str, ref: str, raw: str, note: str, by
) -> TierAnswer:
    """A tier's answer to one question. A score that differs from the level below or from the
    tier's earlier answer needs a note; a changed answer cancels the tier's approval and every one
    above it (the answer's `cancelled`: the codes of the tiers whose approval fell)."""
    assessment = _locked(assessment)
    found = _seated(assessment, tier_code, by)
    question = instrument_of(assessment).questions.get(ref)
    if question is None:
        raise EvaluationError(_("Unknown question %(ref)s.") % {"ref": ref})
    value = parse_answer(question, raw).as_text()  # AnswerError for a bad answer
    new = question_score(assessment, ref, value)
    before = TierAnswer.objects.filter(assessment=assessment, tier=found.code, ref=ref).first()
    below = values_below(assessment, found).get(ref)
    compared = [v for v in (before.value if before else None, below) if v is not None]
    if any(question_score(assessment, ref, v) != new for v in compared) and not note.strip():
        raise EvaluationError(_("The score differs from the one before it: say why in the note."))
    answer, _created = TierAnswer.objects.update_or_create(
        assessment=assessment,
        tier=found.code,
        ref=ref,
        defaults={"value": value, "note": note.strip()[:5000], "score": _decimal(new), "answered_by": by},
    )
    answer.cancelled = []  # the tiers whose approval the change cancelled, lowest first
    if before is None or before.value != value:
        change = f"{ref}: {before.value if before else '–'} → {value}"
        why = f"{found.name} {change}. {note.strip()}".strip()
        answer.cancelled = _cancel(assessment, found.order, by, why)
    audit_record(
        actor=by,
        action="evaluation.answer",
        obj=assessment,
        unit=assessment.unit,
        changes={
            "tier": found.code,
            "ref": ref,
            "value": [before.value if before else None, value],
            "note": note,
        },
    )
    return answer


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0001"))


@transaction.atomic
def tier_take(*, assessment: Assessment, tier_code: str, by) -> int:
    """The tier, having read them, takes the answers of the level below as its own for the
    questions it has not answered yet (the same score: no note needed). How many."""
    assessment = _locked(assessment)
    found = _seated(assessment, tier_code, by)
    done = set(assessment.tier_answers.filter(tier=found.code).values_list("ref", flat=True))
    questions = instrument_of(assessment).questions
    taken = [
        TierAnswer(
            assessment=assessment,
            tier=found.code,
            ref=ref,
            value=value,
            score=_decimal(question_score(assessment, ref, value)),
            answered_by=by,
        )
        for ref, value in values_below(assessment, found).items()
        if ref not in done and ref in questions
    ]
    TierAnswer.objects.bulk_create(taken)
    if taken:
        _cancel(
            assessment,
            found.order,
            by,
            _("%(tier)s took %(n)s answers.") % {"tier": found.name, "n": len(taken)},
        )
        audit_record(
            actor=by,
            action="evaluation.taken",
            obj=assessment,
            unit=assessment.unit,
            changes={"tier": found.code, "refs": sorted(t.ref for t in taken)},
        )
    return len(taken)


def tier_total(assessment: Assessment, answers: dict[str, str]) -> Fraction:
    instrument = instrument_of(assessment)
    parsed = {
        ref: parse_answer(instrument.questions[ref], v)
        for ref, v in answers.items()
        if ref in instrument.questions
    }
    return score(instrument, parsed, options=assessment.options, **gate_facts(assessment)).total


def _missing(assessment: Assessment, found: Tier) -> list[str]:
    asked = set(assessment.answers.filter(level=Level.SELF).values_list("ref", flat=True))
    done = set(assessment.tier_answers.filter(tier=found.code).values_list("ref", flat=True))
    order = list(instrument_of(assessment).questions)
    return sorted((asked - done) & set(order), key=order.index)


@transaction.atomic
def tier_approve(*, assessment: Assessment, tier_code: str, by) -> TierApproval:
    """The tier approves its answers, once the tier below has approved and the tier has answered
    every question the unit answered. The last tier's approval finalises the TPI's review."""
    assessment = _locked(assessment)
    found = _seated(assessment, tier_code, by)
    standing = assessment.tier_approvals.filter(cancelled_at__isnull=True)
    if standing.filter(tier=found.code).exists():
        raise EvaluationError(_("This tier has already approved."))
    if found.order > 1 and not standing.filter(tier=tiers()[found.order - 2].code).exists():
        raise EvaluationError(
            _("The tier %(tier)s has to approve first.") % {"tier": tiers()[found.order - 2].name}
        )
    missing = _missing(assessment, found)
    if missing:
        raise EvaluationError(
            ngettext(
                "%(n)s question is not answered by this tier yet: %(refs)s.",
                "%(n)s questions are not answered by this tier yet: %(refs)s.",
                len(missing),
            )
            % {"n": len(missing), "refs": ", ".join(missing[:12])}
        )
    rows = assessment.tier_answers.filter(tier=found.code)
    answers = {a.ref: {"value": a.value, "note": a.note, "score": str(a.score)} for a in rows}
    total = tier_total(assessment, {ref: a["value"] for ref, a in answers.items()})
    approval = TierApproval.objects.create(
        assessment=assessment, tier=found.code, answers=answers, total=_decimal(total), approved_by=by
    )
    audit_record(
        actor=by,
        action="evaluation.approved",
        obj=assessment,
        unit=assessment.unit,
        changes={"tier": found.code, "total": str(approval.total)},
    )
    if found == top_tier():
        review_take(
            assessment=assessment, answers={r: (a["value"], a["note"]) for r, a in answers.items()}, by=by
        )
        assessment_finalize(assessment=assessment, by=by)
    return approval


def _release_told(assessment: Assessment, found: Tier) -> list[Notice]:
    text = _("The TPI's %(tier)s released its result on the LKE %(unit)s %(year)s") % {
        "tier": found.name,
        "unit": assessment.unit.code,
        "year": assessment.year,
    }
    url = reverse("evaluation:board", args=[assessment.pk])
    return [
        Notice(user_id=person.pk, key=f"tier-released:{assessment.pk}:{found.code}", text=text, url=url)
        for person in role_holders(assessment.unit, [Role.COORDINATOR])
    ]


def finalise_check(assessment: Assessment) -> str:
    """The LKE's check before its TPI review becomes final: with a team, only the last tier's
    standing approval finalises."""
    if not assessment.team.exists():
        return ""
    if assessment.tier_approvals.filter(tier=top_tier().code, cancelled_at__isnull=True).exists():
        return ""
    return _("The TPI evaluates this LKE in tiers: the approval of %(tier)s finalises it.") % {
        "tier": top_tier().name
    }


def direct_answer_check(assessment: Assessment) -> str:
    """The LKE's check before a TPI answer is written on the LKE itself (its section page, taking
    the unit's answers there): with a team seated, the tiers answer on their page and the approval
    of the last tier sets the TPI's answers, so nobody types them on the LKE."""
    if not assessment.team.exists():
        return ""
    return _(
        "The TPI evaluates this LKE in tiers: the TPI's answers are given on the page "
        "“TPI evaluation in tiers”, each in its own tier, and the approval of %(tier)s sets them."
    ) % {"tier": top_tier().name}


@transaction.atomic
def tier_release(*, assessment: Assessment, tier_code: str, by) -> TierApproval:
    """The tier shows its approved result to the unit."""
    found = _seated(assessment, tier_code, by)
    approval = (
        TierApproval.objects.select_for_update()
        .filter(assessment=assessment, tier=found.code, cancelled_at__isnull=True)
        .first()
    )
    if approval is None:
        raise EvaluationError(_("Only an approved result can be released to the unit."))
    if approval.released_at is None:
        approval.released_at, approval.released_by = timezone.now(), by
        approval.save(update_fields=["released_at", "released_by"])
        audit_record(
            actor=by,
            action="evaluation.released",
            obj=assessment,
            unit=assessment.unit,
            changes={"tier": found.code},
        )
        notify_now(_release_told(assessment, found))
    return approval
