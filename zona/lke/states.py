"""What an LKE may claim: answers carried over and not yet confirmed, answers without the
evidence their question expects, questions the TPI has not reviewed. While any of these remain,
the eligibility shown is provisional ("sementara"), never a plain "memenuhi syarat"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from .instrument import Instrument, Question
from .models import Assessment, Level, Stage


def expects_evidence(question: Question) -> bool:
    """The LKE names the evidence (bukti dukung) an evaluator expects for the question."""
    return bool(question.guidance.get("bukti"))


@dataclass
class SelfState:
    """The unit's self-assessment: what it still has to confirm, support or answer."""

    unconfirmed: list[str] = field(default_factory=list)  # carried over from last year
    unsupported: list[str] = field(default_factory=list)  # answered, evidence expected, none given
    unanswered: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)  # sent back by the TPI

    @property
    def provisional(self) -> bool:
        return bool(self.unconfirmed or self.unsupported)


@dataclass
class ReviewState:
    """The TPI's review: how many of the questions the unit answered a reviewer has answered too
    (a question the unit left open scores 0 at both levels; the TPI may still answer it)."""

    reviewed: int
    questions: int
    missing: list[str] = field(default_factory=list)

    @property
    def started(self) -> bool:
        return self.reviewed > 0

    @property
    def complete(self) -> bool:
        return not self.missing


def self_state(assessment: Assessment, instrument: Instrument) -> SelfState:
    state = SelfState()
    answered = set()
    rows = (
        assessment.answers.filter(level=Level.SELF)
        .annotate(files=Count("evidence"))
        .values_list("ref", "carried_over", "returned", "files")
    )
    for ref, carried, returned, files in rows:
        question = instrument.questions.get(ref)
        if question is None:
            continue
        answered.add(ref)
        if carried:
            state.unconfirmed.append(ref)
        if returned:
            state.returned.append(ref)
        if not files and expects_evidence(question):
            state.unsupported.append(ref)
    order = list(instrument.questions)
    state.unanswered = [ref for ref in order if ref not in answered]
    for name in ("unconfirmed", "unsupported", "returned"):
        setattr(state, name, sorted(getattr(state, name), key=order.index))
    return state


def review_state(assessment: Assessment, instrument: Instrument) -> ReviewState:
    answered: dict[str, set[str]] = {Level.SELF: set(), Level.TPI: set()}
    for level, ref in assessment.answers.values_list("level", "ref"):
        if ref in instrument.questions:
            answered[level].add(ref)
    asked = answered[Level.SELF] | answered[Level.TPI]
    missing = [ref for ref in instrument.questions if ref in asked and ref not in answered[Level.TPI]]
    return ReviewState(len(answered[Level.TPI]), len(asked), missing)


def stored_flags(assessment: Assessment, instrument: Instrument, level: str) -> dict:
    """What `Assessment.scores[level]` records beside the numbers, so that every reader (the
    start page, recaps, the API, exports) knows whether the eligibility is provisional."""
    if level == Level.SELF:
        state = self_state(assessment, instrument)
        return {
            "provisional": state.provisional,
            "to_confirm": len(state.unconfirmed),
            "without_evidence": len(state.unsupported),
        }
    review = review_state(assessment, instrument)
    return {"provisional": not review.complete, "reviewed": review.reviewed, "questions": review.questions}


def shown_score(scores: dict) -> tuple[str, dict] | None:
    """The level a summary shows from stored scores: the TPI's once a reviewer has answered
    every question, else the self-assessment (with its provisional flag); None without scores."""
    tpi = scores.get(Level.TPI)
    if tpi and not tpi.get("provisional", True):
        return Level.TPI, tpi
    own = scores.get(Level.SELF)
    return (Level.SELF, own) if own else None


@dataclass
class Standing:
    """What a list of units says of one unit's LKE: the latest FINAL score with its eligibility,
    and the year of a newer LKE still under way ("2025: 78,50 (final); 2026: draf"). Without a
    final LKE, the newest one's score, marked draft, and no eligibility claimed."""

    year: int | None = None
    total: float | None = None
    level: str = ""  # "tpi" when a reviewer scored every question, else "mandiri"
    provisional: bool = False
    final: bool = False
    wbk: bool | None = None  # from the final LKE only
    draft_year: int | None = None  # a newer LKE not final yet (or the only one)


def standings(unit_ids) -> dict[int, Standing]:
    """{unit id: Standing} for the units with an LKE, from the stored scores in one query."""
    out: dict[int, Standing] = {}
    newest: dict[int, dict] = {}
    for found in (
        Assessment.objects.filter(unit__in=list(unit_ids))
        .order_by("unit", "-year")
        .values("unit_id", "year", "stage", "scores")
    ):
        unit = found["unit_id"]
        newest.setdefault(unit, found)
        if unit in out and out[unit].final:
            continue
        final = found["stage"] == Stage.FINAL
        if not final and unit in out:
            continue  # an older draft says nothing the newest does not
        row = Standing(final=final)
        if newest[unit]["year"] != found["year"] or not final:
            row.draft_year = newest[unit]["year"]
        shown = shown_score(found["scores"] or {})
        if shown is not None:
            row.level, scores = shown
            row.year, row.total = found["year"], scores.get("total")
            row.provisional = scores.get("provisional", False)
            if final:
                row.wbk = (scores.get("wbk") or {}).get("eligible")
        out[unit] = row
    return out
