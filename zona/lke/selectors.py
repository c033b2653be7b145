"""Reads for the LKE pages: both levels' scores, answers, suggestions, links and the gap list."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from zona.evidence.models import EvidenceItem
from zona.lib.records import parse_date
from zona.orgs.models import Level as UnitLevel
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, require
from zona.plans.models import ActionStep, Indicator
from zona.plans.progress import Facts, indicator_progress

from .instrument import Instrument, Node
from .models import Answer, Assessment, Level, QuestionLink
from .reading import answer_words
from .scoring import Result, answer_value, parse_answer, score
from .services import answers_and_facts, instrument_of, level_score
from .states import ReviewState, SelfState, expects_evidence, review_state, self_state, shown_score
from .suggestions import suggest_some

WEAK = Fraction(1, 2)  # an answer worth less than half is "weak"


@dataclass
class Overview:
    instrument: Instrument
    self_result: Result
    tpi_result: Result | None
    gaps: list[tuple[str, str, Fraction]]  # ref, text, value: weak answers with no plan link
    state: SelfState
    review: ReviewState

    @property
    def tpi_provisional(self) -> bool:
        return not self.review.complete


def get_assessment_for_user(request, pk: int, action: Action = Action.VIEW) -> Assessment:
    """404 when the assessment is not the user's to see, 403 when they may not do `action`."""
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user).select_related("unit"), pk=pk)
    require(request.user, action, assessment.unit)
    return assessment


def get_link_for_user(request, pk: int, action: Action) -> QuestionLink:
    link = get_object_or_404(QuestionLink.objects.select_related("assessment__unit"), pk=pk)
    require(request.user, action, link.assessment.unit)
    return link


def assessments_visible_to(user):
    return Assessment.objects.visible_to(user).select_related("unit")


def get_unit_for_user(request, slug: str) -> Unit:
    return get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)


def unit_evidence(assessment: Assessment, ids: list[int]) -> list[EvidenceItem]:
    """The evidence items of the assessment's unit among `ids` (none restricted to a few roles)."""
    return list(EvidenceItem.objects.unrestricted().filter(unit=assessment.unit, pk__in=ids))


def question_links(assessment: Assessment):
    """The assessment's links between LKE questions and plan indicators, by question."""
    return assessment.links.select_related("indicator").order_by("ref")


def self_evidence_of(assessment: Assessment, ref: str) -> set[int]:
    """The evidence items the self-assessment's answer to `ref` cites."""
    chosen = Answer.objects.filter(assessment=assessment, level=Level.SELF, ref=ref)
    return set(chosen.values_list("evidence", flat=True)) - {None}


def self_answers_among(assessment: Assessment, refs) -> int:
    """How many of these questions the self-assessment has answered already (what a sheet would
    replace)."""
    return Answer.objects.filter(assessment=assessment, level=Level.SELF, ref__in=list(refs)).count()


def coded_indicators(assessment: Assessment):
    """The indicators of the unit's plan for the year that were written per LKE question (their
    `lke_ref`): links confirmed by the plan itself."""
    return Indicator.objects.filter(
        component__area__plan__unit=assessment.unit, component__area__plan__year=assessment.year
    ).exclude(lke_ref="")


def overview(assessment: Assessment) -> Overview:
    instrument = instrument_of(assessment)
    self_result = level_score(assessment, Level.SELF)
    review = review_state(assessment, instrument)
    linked = set(assessment.links.filter(confirmed=True).values_list("ref", flat=True))
    linked |= set(coded_indicators(assessment).values_list("lke_ref", flat=True))
    values = answer_values(assessment, instrument, Level.SELF)
    gaps = [
        (ref, q.text, values.get(ref, Fraction(0)))
        for ref, q in instrument.questions.items()
        if values.get(ref, Fraction(0)) < WEAK and ref not in linked
    ]
    # No TPI score until a reviewer has answered: the TPI's column starts empty.
    tpi_result = level_score(assessment, Level.TPI) if review.started else None
    return Overview(instrument, self_result, tpi_result, gaps, self_state(assessment, instrument), review)


def answer_values(assessment: Assessment, instrument: Instrument, level: str) -> dict[str, Fraction]:
    options = {**instrument.option_defaults(), **assessment.options}
    result = {}
    for answer in assessment.answers.filter(level=level):
        question = instrument.questions.get(answer.ref)
        if question is not None:
            result[answer.ref] = answer_value(question, parse_answer(question, answer.value), options)
    return result


@dataclass
class QuestionRow:
    question: object
    self_answer: Answer | None
    tpi_answer: Answer | None
    value: Fraction | None
    suggestion: object
    links: list[QuestionLink]
    self_words: str = ""  # the answers as people read them ("1 dari 9 sasaran tercapai (11,11 %)")
    tpi_words: str = ""
    unsupported: bool = False  # answered without the evidence the question expects
    suggestion_words: str = ""  # the suggested answer as people read it

    @property
    def dom(self) -> str:
        """The question's reference as an HTML id part (no dots, which CSS selectors would split)."""
        return self.question.ref.replace(".", "-")


def _refs_in(node: Node) -> list[str]:
    """The questions a section page shows: the node's and its children's, all the way down."""
    return [q.ref for q in node.questions] + [ref for child in node.children for ref in _refs_in(child)]


def section(assessment: Assessment, node: Node) -> list[tuple[Node, list[QuestionRow]]]:
    instrument = instrument_of(assessment)
    answers: dict[tuple[str, str], Answer] = {
        (a.level, a.ref): a for a in assessment.answers.prefetch_related("evidence")
    }
    values = answer_values(assessment, instrument, Level.SELF)
    options = {**instrument.option_defaults(), **assessment.options}
    suggestions = suggest_some(assessment, _refs_in(node))
    links: dict[str, list[QuestionLink]] = {}
    steps = Prefetch("indicator__steps", queryset=ActionStep.objects.order_by("order"))
    found = list(assessment.links.select_related("indicator__component__area").prefetch_related(steps))
    seen = {(link.ref, link.indicator_id) for link in found}
    for indicator in (
        coded_indicators(assessment)
        .select_related("component__area")
        .prefetch_related(Prefetch("steps", queryset=ActionStep.objects.order_by("order")))
    ):
        if (indicator.lke_ref, indicator.pk) not in seen:
            found.append(
                QuestionLink(
                    assessment=assessment, ref=indicator.lke_ref, indicator=indicator, confirmed=True
                )
            )
    for link in found:
        indicator = link.indicator
        all_steps = list(indicator.steps.all())
        done = sum(1 for s in all_steps if s.done_at)
        link.progress = indicator_progress(Facts(len(all_steps), done, False))
        links.setdefault(link.ref, []).append(link)
    groups: list[tuple[Node, list[QuestionRow]]] = []

    def row(q) -> QuestionRow:
        own, tpi = answers.get((Level.SELF, q.ref)), answers.get((Level.TPI, q.ref))
        return QuestionRow(
            q,
            own,
            tpi,
            values.get(q.ref),
            suggestions.get(q.ref),
            links.get(q.ref, []),
            answer_words(q, own.value, options) if own else "",
            answer_words(q, tpi.value, options) if tpi else "",
            own is not None and expects_evidence(q) and not own.evidence.all(),
            answer_words(q, suggestions[q.ref].answer, options) if q.ref in suggestions else "",
        )

    def walk(current: Node) -> None:
        if current.is_group:
            groups.append((current, [row(q) for q in current.questions]))
        for child in current.children:
            walk(child)

    walk(node)
    return groups


def rollup(unit, year: int) -> list[Assessment]:
    """Every assessment of the unit and the units below it, with both levels' stored scores
    (`Assessment.scores`, kept by the services): one query however many units."""
    rows = list(
        Assessment.objects.filter(unit__path__startswith=unit.path, year=year)
        .select_related("unit")
        .order_by("unit__path")
    )
    for row in rows:
        # the TPI's scores count once a reviewer has answered every question; before, the
        # self-assessment's, with whether its eligibility is provisional
        shown = shown_score(row.scores)
        row.shown_level, row.shown = shown if shown else ("", {})
    return rows


def sheet_result(assessment: Assessment, answers: dict) -> Result:
    """The self-assessment's score once a sheet's answers (ref → parsed answer) are saved over
    the answers it already has: what the import preview shows."""
    saved, facts = answers_and_facts(assessment, Level.SELF)
    return score(instrument_of(assessment), {**saved, **answers}, options=assessment.options, **facts)


SEARCH_PAGE = 10


def evidence_search(assessment: Assessment, query: str, page: int, exclude: set[int]):
    """The unit's files (those every role of the unit may read) matching `query` by name, by the
    plan indicator or action step they prove, or by date (31/01/2024, a year): one page of them."""
    found = EvidenceItem.objects.unrestricted().filter(unit=assessment.unit).exclude(pk__in=exclude)
    text = query.strip()
    if text:
        match = (
            Q(title__icontains=text)
            | Q(indicators__text__icontains=text)
            | Q(indicators__steps__text__icontains=text)
        )
        day = parse_date(text) if len(text) >= 8 else None
        if day is not None:
            match |= Q(effective_date=day) | Q(created_at__date=day)
        elif text.isdigit() and len(text) == 4:
            match |= Q(effective_date__year=int(text))
        ids = found.filter(match).values("pk")
        found = EvidenceItem.objects.filter(pk__in=ids)
    found = found.order_by("-effective_date", "-created_at", "-pk").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.only("id", "text"))
    )
    return Paginator(found, SEARCH_PAGE).get_page(page)


def provinces_below(unit: Unit):
    """The provinces at or under the unit: the recap's province filter."""
    return Unit.objects.filter(level=UnitLevel.PROVINCE, path__startswith=unit.path).order_by("name")
