"""The figures of one survey as its pages, reports and the LKE read them: the tally, NRR per item,
the IKM or index, the sample its population needs, and the index on the LKE's scale with what it
adds to the LKE's Hasil (the weight read from the instrument, never repeated here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from zona.lke.instrument import resolve

from .definitions import Definition
from .ikm import Result, Tally, compute, rounded, sample_size
from .models import Status, Survey, SurveyTally
from .rules import Conversion, index_on_lke_scale


@dataclass(frozen=True)
class Figures:
    survey: Survey
    spec: Definition
    result: Result
    tally: Tally

    @property
    def sample_needed(self) -> int:
        return sample_size(self.survey.population)

    @property
    def below_sample(self) -> bool:
        """Fewer respondents than the Krejcie-Morgan sample for the stated number of service
        users (PermenPAN-RB 14/2017): the index is published with that caveat."""
        return bool(self.survey.population) and self.result.respondents < self.sample_needed

    def rows(self) -> list[tuple]:
        """(item, NRR, answered) per item, with the NRR on the item's own scale."""
        return [
            (item, nrr, count)
            for item, nrr, count in zip(self.spec.items, self.result.nrr, self.tally.counts, strict=True)
        ]

    @property
    def weakest(self):
        index = self.result.weakest()
        return self.spec.items[index] if index is not None else None

    @property
    def lke_index(self) -> Conversion | None:
        """The index on the LKE's 1–4 scale (converted, and how, from another scale), or None."""
        if self.result.ikm is None:
            return None
        return index_on_lke_scale(self.result.ikm, self.spec.scale_min, self.spec.scale_max)

    @property
    def lke_score(self) -> Decimal | None:
        """What the index would add to the LKE's Hasil (IPAK B.1.a, IPKP B.2.a): index ÷ the
        question's scale × its weight, both read from the LKE instrument."""
        converted = self.lke_index
        if converted is None or not self.spec.lke_ref:
            return None
        instrument = resolve(None)
        question = instrument.questions.get(self.spec.lke_ref)
        if question is None:
            return None
        return rounded(Fraction(converted.value) / question.scale * instrument.weight_of(question.ref))


def figures(survey: Survey, row: SurveyTally | None = None) -> Figures:
    """The survey's figures from its running tally: `row` when a list fetched it with the survey
    (`select_related("tally")`, one query for the whole list), else the row read now."""
    spec = survey.spec()
    row = row if row is not None else SurveyTally.objects.get(survey=survey)
    tally = row.as_tally(len(spec.items))
    return Figures(survey, spec, compute(tally, survey.weight), tally)


@dataclass(frozen=True)
class PublishedResult:
    """A published survey's index as the public's open statistics list it (no answer, no
    respondent's profile)."""

    unit_id: int
    service: str
    period_start: date
    period_end: date
    ikm: Decimal | None  # on the 25-100 scale
    mutu: str
    respondents: int
    sample_needed: int
    below_sample: bool


def published_results(units) -> list[PublishedResult]:
    """The published SKM surveys (the IKM) of `units` (a queryset or ids), in one query."""
    surveys = (
        Survey.objects.filter(unit__in=units, status=Status.PUBLISHED, kind="skm")
        .select_related("service", "tally")
        .order_by("-period_end", "service__name", "pk")
    )
    found = []
    for survey in surveys:
        spec = survey.spec()
        tally = survey.tally.as_tally(len(spec.items))
        shown = Figures(survey, spec, compute(tally, survey.weight), tally)
        result = shown.result
        found.append(
            PublishedResult(
                survey.unit_id,
                survey.service.name,
                survey.period_start,
                survey.period_end,
                result.converted,
                result.mutu,
                result.respondents,
                shown.sample_needed,
                shown.below_sample,
            )
        )
    return found
