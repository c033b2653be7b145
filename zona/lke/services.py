"""LKE writes: assessments, answers per level, links, sheet import (the review steps: review.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.models import EvidenceItem
from zona.evidence.services import evidence_create_file
from zona.lib.errors import RuleError
from zona.orgs.models import Unit
from zona.plans.models import Indicator

from .instrument import CHOICE_TYPES, Instrument, resolve
from .models import Answer, Assessment, Level, QuestionLink
from .providers import OutsideFacts, outside_facts, tpi_direct_refusal
from .revocations import decree_revoked_in, revoked_years
from .scoring import Answer as Parsed
from .scoring import AnswerError, Result, as_json, parse_answer, score
from .states import stored_flags
from .suggestions import RULES, suggest, suggest_one


class AssessmentError(RuleError):
    """An LKE rule was broken; the message is for the user (Indonesian UI text)."""


# Called, inside the write's transaction, after the unit changed answers of its self-assessment:
# `hook(assessment=, changes={ref: (before, after)}, by=, why=)`. Later apps register here (the
# TPI's tiers cancel their approvals); the LKE names none of them.
ANSWER_CHANGED: list[Callable[..., None]] = []


def on_answer_changed(hook: Callable[..., None]) -> None:
    if hook not in ANSWER_CHANGED:
        ANSWER_CHANGED.append(hook)


def _answers_changed(assessment: Assessment, changes: dict, by, why: str) -> None:
    changes = {ref: pair for ref, pair in changes.items() if pair[0] != pair[1]}
    if changes:
        for hook in ANSWER_CHANGED:
            hook(assessment=assessment, changes=changes, by=by, why=why)


def locked_at_level(assessment: Assessment, level: str, *, direct: bool = True) -> Assessment:
    """The assessment locked for a write to one level's answers (inside the caller's
    transaction); refused when that level is not the one open at this stage, and a TPI answer
    written on the LKE itself (`direct`) when a later app owns them (the TPI's tiers)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.editable_level() != level:
        raise AssessmentError(_("These answers are frozen at this stage."))
    refusal = tpi_direct_refusal(assessment) if direct and level == Level.TPI else ""
    if refusal:
        raise AssessmentError(refusal)
    return assessment


def instrument_of(assessment: Assessment) -> Instrument:
    return resolve(assessment.instrument_urn)


def level_answers(
    assessment: Assessment, level: str, outside: OutsideFacts | None = None
) -> dict[str, Parsed]:
    """A level's answers, parsed; the figures a later app settles for the year (the TPN's survey
    indexes, providers.py; `outside` when the caller has read them) replace the unit's own
    stand-in at every level."""
    instrument = instrument_of(assessment)
    result = {}
    for answer in assessment.answers.filter(level=level):
        question = instrument.questions.get(answer.ref)
        if question is not None:
            result[answer.ref] = parse_answer(question, answer.value)
    for ref, value in (outside_facts(assessment) if outside is None else outside).answers.items():
        question = instrument.questions.get(ref)
        if question is not None:
            result[ref] = parse_answer(question, value)
    return result


def gate_facts(assessment: Assessment, outside: OutsideFacts | None = None) -> dict:
    """What the gates read beside the answers, as `score()` takes it: the WBK the unit holds (by
    its decree on the assessment while no revocation of that WBK ended it, or a predicate in force
    recorded by a later app), the years its predicate was revoked (data/revocations.yaml and the
    recorded revocations), the assessment's year."""
    outside = outside_facts(assessment) if outside is None else outside
    typed = assessment.holds_wbk and decree_revoked_in(assessment, outside) is None
    return {
        "prior": ({"WBK"} if typed else set()) | set(outside.prior),
        "revoked": tuple(sorted(set(revoked_years(assessment.unit.code)) | set(outside.revoked))),
        "year": assessment.year,
    }


# Sent after an assessment's stored scores change (they are written with `update()`, which sends
# no post_save): the summaries of the national pages follow them (zona.rollups.signals).
scores_changed = Signal()  # sender=Assessment, assessment=


def answers_and_facts(assessment: Assessment, level: str) -> tuple[dict[str, Parsed], dict]:
    """`level_answers` and `gate_facts` together, the other apps' facts read once for both."""
    outside = outside_facts(assessment)
    return level_answers(assessment, level, outside), gate_facts(assessment, outside)


def level_score(assessment: Assessment, level: str) -> Result:
    answers, facts = answers_and_facts(assessment, level)
    return score(instrument_of(assessment), answers, options=assessment.options, **facts)


def rescore(assessment: Assessment, levels=(Level.SELF, Level.TPI)) -> None:
    """Refresh the stored scores of the given levels (after their answers changed)."""
    scores = dict(assessment.scores)
    for level in levels:
        if level == Level.TPI and not assessment.answers.filter(level=Level.TPI).exists():
            scores.pop(level, None)
            continue
        instrument = instrument_of(assessment)
        scores[level] = {
            **as_json(level_score(assessment, level)),
            **stored_flags(assessment, instrument, level),
        }
    assessment.scores = scores
    Assessment.objects.filter(pk=assessment.pk).update(scores=scores)
    scores_changed.send(sender=Assessment, assessment=assessment)


@transaction.atomic
def assessment_create(*, unit: Unit, year: int, by, instrument_urn: str | None = None) -> Assessment:
    instrument = resolve(instrument_urn)
    if Assessment.objects.filter(unit=unit, year=year).exists():
        raise AssessmentError(
            _("%(unit)s already has an LKE for %(year)s") % {"unit": unit.code, "year": year}
        )
    assessment = Assessment.objects.create(unit=unit, year=year, instrument_urn=instrument.urn, created_by=by)
    carried = _carry_forward(assessment, instrument)
    rescore(assessment, levels=(Level.SELF,))
    audit_record(
        actor=by,
        action="lke.created",
        obj=assessment,
        unit=unit,
        changes={"instrument": instrument.urn, "carried_forward": carried},
    )
    return assessment


@transaction.atomic
def assessment_wbk_decree(
    *, assessment: Assessment, number: str, decree_date: date, upload, by
) -> Assessment:
    """Record the decree that awarded the unit the WBK predicate (the WBBM prerequisite): its
    number, its date and the file, kept as the unit's evidence. Scores are recomputed."""
    if not number.strip() or decree_date is None or upload is None:
        raise AssessmentError(_("The WBK decree needs its number, its date and the file."))
    if decree_date.year > assessment.year:
        raise AssessmentError(
            _("A WBK awarded after %(year)s can't count for %(year)s.") % {"year": assessment.year}
        )
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    item = evidence_create_file(
        unit=assessment.unit,
        title=f"SK WBK {number.strip()}"[:300],
        upload=upload,
        by=by,
        effective_date=decree_date,
    )
    assessment.wbk_decree_number = number.strip()[:200]
    assessment.wbk_decree_date = decree_date
    assessment.wbk_decree = item
    assessment.save(update_fields=["wbk_decree_number", "wbk_decree_date", "wbk_decree"])
    rescore(assessment)
    audit_record(
        actor=by,
        action="lke.wbk_decree",
        obj=assessment,
        unit=assessment.unit,
        changes={
            "number": assessment.wbk_decree_number,
            "date": decree_date.isoformat(),
            "evidence": item.pk,
        },
    )
    return assessment


def _carry_forward(assessment: Assessment, instrument: Instrument) -> int:
    """Last year's self-assessment answers, mapped by reference, as this year's starting point —
    except the figures a rule derives from the year's records (numeric answers and indexes: IPAK,
    IPKP, complaint counts, SAKIP achievement) and the derived results (Hasil, B.*: the SAKIP
    achievement B.1.b is a WBK/WBBM gate): last year's say nothing of this year, so they start
    empty and this year's suggestion (with its provenance) stands instead."""
    previous = (
        Assessment.objects.filter(unit=assessment.unit, year__lt=assessment.year).order_by("-year").first()
    )
    if previous is None:
        return 0
    copied = 0
    for old in previous.answers.filter(level=Level.SELF).prefetch_related("evidence"):
        ref, value = _carried(instrument, old.ref, old.value)
        if value is None:
            continue
        new = Answer.objects.create(
            assessment=assessment,
            level=Level.SELF,
            ref=ref,
            value=value,
            justification=old.justification,
            effective_date=old.effective_date,
            carried_over=True,
        )
        new.evidence.set(old.evidence.all())
        copied += 1
    return copied


def _carried(instrument: Instrument, ref: str, value: str) -> tuple[str, str | None]:
    """Last year's answer as this year's (its reference mapped), or None for one that is this
    year's own: a derived figure, or a derived result (Hasil, B.*: a gate)."""
    ref = instrument.carry_forward.get(ref, ref)
    question = instrument.questions.get(ref)
    if question is None or (ref in RULES and (question.type not in CHOICE_TYPES or ref.startswith("B."))):
        return ref, None
    try:
        return ref, parse_answer(question, value).as_text()
    except ValueError:
        return ref, None


CHUNK = 500  # units read at a time when many assessments are carried forward


def carry_forward_bulk(assessments: list[Assessment]) -> int:
    """Last year's self-assessment answers (and their evidence) into many new, empty assessments
    of one year at once — the year opened for many units — by the same rule as one assessment's
    carry-forward, in a few queries per 500 units. Their scores are computed at the first change."""
    copied = 0
    for start in range(0, len(assessments), CHUNK):
        by_unit = {a.unit_id: a for a in assessments[start : start + CHUNK]}
        previous: dict[int, int] = {}
        found = Assessment.objects.filter(unit_id__in=list(by_unit), year__lt=assessments[0].year)
        for pk, unit_id in found.order_by("unit_id", "-year").values_list("pk", "unit_id"):
            previous.setdefault(unit_id, pk)
        copied += _carry_chunk({pk: by_unit[unit_id] for unit_id, pk in previous.items()})
    return copied


def _carry_chunk(targets: dict[int, Assessment]) -> int:
    """Carry the answers of the previous assessments `targets` maps (old pk → new assessment)."""
    rows = Answer.objects.filter(assessment_id__in=list(targets), level=Level.SELF).values_list(
        "pk", "assessment_id", "ref", "value", "justification", "effective_date"
    )
    new, source = [], {}
    for pk, old_assessment, old_ref, old_value, justification, effective in rows:
        target = targets[old_assessment]
        ref, value = _carried(instrument_of(target), old_ref, old_value)
        if value is not None:
            source[(target.pk, ref)] = pk
            new.append(
                Answer(
                    assessment=target,
                    level=Level.SELF,
                    ref=ref,
                    value=value,
                    justification=justification,
                    effective_date=effective,
                    carried_over=True,
                )  # fmt: skip
            )
    Answer.objects.bulk_create(new, batch_size=1000)
    links = Answer.evidence.through.objects.filter(answer_id__in=list(source.values()))
    evidence: dict[int, list[int]] = {}
    for answer_id, item_id in links.values_list("answer_id", "evidenceitem_id"):
        evidence.setdefault(answer_id, []).append(item_id)
    Answer.evidence.through.objects.bulk_create(
        [
            Answer.evidence.through(answer_id=answer.pk, evidenceitem_id=item)
            for answer in new
            for item in evidence.get(source[(answer.assessment_id, answer.ref)], [])
        ],
        batch_size=1000,
    )
    return len(new)


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    level: str,
    ref: str,
    raw: str,
    by,
    justification: str = "",
    effective_date: date | None = None,
    evidence: list[EvidenceItem] | None = None,
    note: str = "",
    confirmed: bool = False,
) -> Answer:
    assessment = locked_at_level(assessment, level)
    question = instrument_of(assessment).questions.get(ref)
    if question is None:
        raise AssessmentError(_("Unknown question %(ref)s.") % {"ref": ref})
    value = parse_answer(question, raw).as_text()  # AnswerError for a bad answer
    suggestion = suggest_one(assessment, ref)
    same = suggestion is not None and value == _as_answer(question, suggestion.answer)
    if level == Level.SELF and suggestion and not same and not justification.strip():
        raise AssessmentError(
            _("The answer differs from the suggestion (%(answer)s: %(source)s): give a reason.")
            % {"answer": suggestion.answer, "source": suggestion.source}
        )
    if level == Level.SELF and same and suggestion.confirm and not confirmed:
        raise AssessmentError(
            _("The suggestion is a stand-in: confirm it before it becomes the answer (%(what)s).")
            % {"what": suggestion.confirm}
        )
    for item in evidence or []:
        if item.unit_id != assessment.unit_id or item.restricted_to:
            raise AssessmentError(_("This evidence belongs to another unit."))
    before = Answer.objects.filter(assessment=assessment, level=level, ref=ref).values("value").first()
    answer = _answer_store(
        assessment,
        level,
        ref,
        value,
        suggestion,
        by,
        new=before is None,
        justification=justification,
        effective_date=effective_date,
        note=note,
    )
    if evidence is not None:
        answer.evidence.set(evidence)
    rescore(assessment, levels=(level,))
    audit_record(
        actor=by,
        action=f"lke.answer.{level}",
        obj=assessment,
        unit=assessment.unit,
        changes={"ref": ref, "value": [before["value"] if before else None, value]},
    )
    if level == Level.SELF:
        _answers_changed(assessment, {ref: (before["value"] if before else None, value)}, by, justification)
    return answer


def _as_answer(question, text: str) -> str:
    """A suggestion's answer written as a saved answer is ("3.60" is saved as "3.6")."""
    try:
        return parse_answer(question, text).as_text()
    except AnswerError:
        return text


def _answer_store(
    assessment: Assessment, level: str, ref: str, value: str, suggestion, by, *, new: bool, **fields
) -> Answer:
    """Write one answer with the suggestion it was given beside (what Zona proposed, and why).
    `new`: the caller, holding the assessment locked (locked_at_level), found no answer to this
    question at this level, so it is inserted without looking again."""
    values = {
        "value": value,
        "answered_by": by,
        "suggested_value": suggestion.answer if suggestion else "",
        "suggestion_source": suggestion.source[:500] if suggestion else "",
        "carried_over": False,  # the unit's own answer for this year: confirmed
        **fields,
    }
    if new:
        return Answer.objects.create(assessment=assessment, level=level, ref=ref, **values)
    answer, _created = Answer.objects.update_or_create(
        assessment=assessment, level=level, ref=ref, defaults=values
    )
    return answer


# -- links between questions and plan indicators ---------------------------------------------
_WORD = re.compile(r"[a-z]{4,}")
_COMMON = set(
    "telah dalam yang dengan untuk sudah kerja unit terhadap secara "
    "adanya dilakukan terdapat pada atas kepada seluruh jika serta".split()
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _COMMON}


@transaction.atomic
def links_suggest(*, assessment: Assessment, by) -> int:
    """Suggest links by area (LKE area n ↔ plan area n) and by shared keywords; returns how many."""
    instrument = instrument_of(assessment)
    indicators = list(
        Indicator.objects.filter(
            component__area__plan__unit=assessment.unit, component__area__plan__year=assessment.year
        ).select_related("component__area")
    )
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
    existing = set(assessment.links.values_list("ref", "indicator_id"))
    created = 0
    for ref, question in instrument.questions.items():
        parts = ref.split(".")
        if len(parts) < 3 or not parts[2].isdigit():
            continue
        area = int(parts[2])
        words = _words(question.text)
        ranked = sorted(
            (
                (len(words & _words(f"{i.component.name} {i.text} {i.evidence_text}")), i.pk)
                for i in indicators
                if roman.get(i.component.area.code) == area
            ),
            reverse=True,
        )
        for overlap, indicator_id in ranked[:2]:
            if overlap >= 2 and (ref, indicator_id) not in existing:
                QuestionLink.objects.create(assessment=assessment, ref=ref, indicator_id=indicator_id)
                created += 1
    audit_record(
        actor=by,
        action="lke.links_suggested",
        obj=assessment,
        unit=assessment.unit,
        changes={"created": created},
    )
    return created


@transaction.atomic
def link_confirm(*, link: QuestionLink, keep: bool, by) -> None:
    if keep:
        link.confirmed = True
        link.confirmed_by = by
        link.save(update_fields=["confirmed", "confirmed_by"])
    else:
        link.delete()
    audit_record(
        actor=by,
        action="lke.link_confirmed" if keep else "lke.link_removed",
        obj=link.assessment,
        unit=link.assessment.unit,
        changes={"ref": link.ref, "indicator": link.indicator_id},
    )


@transaction.atomic
def sheet_import(
    *, assessment: Assessment, values: dict[str, str], notes: dict[str, str], source: str, by
) -> int:
    """Save the answers read from a filled LKE sheet as the unit's self-assessment, in one go.
    Each answer's justification is the sheet's note (or, without one, where it came from): the
    sheet is the unit's own record, so an answer that differs from Zona's suggestion keeps it."""
    assessment = locked_at_level(assessment, Level.SELF)
    instrument = instrument_of(assessment)
    suggestions = suggest(assessment)
    saved = {}
    before = dict(assessment.answers.filter(level=Level.SELF).values_list("ref", "value"))
    for ref, raw in values.items():
        question = instrument.questions.get(ref)
        if question is None:
            raise AssessmentError(_("Unknown question %(ref)s.") % {"ref": ref})
        value = parse_answer(question, raw).as_text()
        justification = (notes.get(ref) or "").strip() or _("Imported from the LKE sheet %(file)s.") % {
            "file": source
        }
        _answer_store(
            assessment,
            Level.SELF,
            ref,
            value,
            suggestions.get(ref),
            by,
            new=ref not in before,
            justification=justification[:5000],
        )
        saved[ref] = value
    rescore(assessment, levels=(Level.SELF,))
    audit_record(
        actor=by,
        action="lke.sheet_imported",
        obj=assessment,
        unit=assessment.unit,
        changes={"source": source, "answers": saved},
    )
    _answers_changed(assessment, {r: (before.get(r), v) for r, v in saved.items()}, by, source)
    return len(saved)
