"""What-if: a person's own copy of an assessment's answers, tried and scored against the gates
without touching the assessment, its answers, its stored scores or its review.

The copy is taken from the answers whose gates count (the self-assessment, or the TPI's once every
question is reviewed); a `Sandbox` row per person and assessment holds it (no session state)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from zona.lke.gates import GateReport, gates_of, shown_level
from zona.lke.instrument import CHOICE_TYPES, Question
from zona.lke.models import Assessment
from zona.lke.reading import answer_words
from zona.lke.scoring import AnswerError, parse_answer, score
from zona.lke.services import gate_facts, instrument_of, level_answers

from .models import Sandbox
from .services import RoadError


def sandbox_open(*, assessment: Assessment, user) -> Sandbox:
    """The person's sandbox of the assessment, copied from the answers that count when new."""
    found = Sandbox.objects.filter(assessment=assessment, user=user).first()
    return found or sandbox_reset(assessment=assessment, user=user)


@transaction.atomic
def sandbox_reset(*, assessment: Assessment, user) -> Sandbox:
    """Copy the answers that count now into the person's sandbox (again)."""
    level = shown_level(assessment)
    answers = {ref: answer.as_text() for ref, answer in level_answers(assessment, level).items()}
    sandbox, _created = Sandbox.objects.update_or_create(
        assessment=assessment, user=user, defaults={"level": level, "answers": answers}
    )
    return sandbox


def _question(sandbox: Sandbox, ref: str) -> Question:
    question = instrument_of(sandbox.assessment).questions.get(ref)
    if question is None:
        raise RoadError(_("Unknown question %(ref)s.") % {"ref": ref})
    return question


@transaction.atomic
def sandbox_set(*, sandbox: Sandbox, ref: str, raw: str) -> Sandbox:
    """Try an answer in the sandbox (an empty one leaves the question unanswered). A bad answer
    raises AnswerError with the allowed answers; the sandbox keeps its other answers."""
    question = _question(sandbox, ref)
    sandbox = Sandbox.objects.select_for_update().get(pk=sandbox.pk)
    answers = dict(sandbox.answers)
    if raw.strip():
        answers[ref] = parse_answer(question, raw).as_text()
    else:
        answers.pop(ref, None)
    sandbox.answers = answers
    sandbox.save(update_fields=["answers", "updated_at"])
    return sandbox


def sandbox_gates(sandbox: Sandbox) -> GateReport:
    """The gates on the sandbox's answers, with the assessment's options and facts."""
    assessment = sandbox.assessment
    instrument = instrument_of(assessment)
    parsed = {}
    for ref, text in sandbox.answers.items():
        question = instrument.questions.get(ref)
        if question is None:
            continue
        try:
            parsed[ref] = parse_answer(question, text)
        except AnswerError:
            continue  # an answer of an older instrument: left out, as the LKE leaves it
    result = score(instrument, parsed, options=assessment.options, **gate_facts(assessment))
    options = {**instrument.option_defaults(), **assessment.options}
    return GateReport(sandbox.level, result, gates_of(result, instrument), options)


@dataclass
class Tried:
    """A question in the sandbox: the answer that counts, the one tried, whether they differ."""

    question: Question
    real: str
    tried: str
    options: dict[str, str] = field(default_factory=dict)  # the instrument options in force

    @property
    def changed(self) -> bool:
        return self.real != self.tried

    @property
    def real_words(self) -> str:
        """The answer that counts as the LKE page reads it ("1 dari 9 … (11,11 %)")."""
        return answer_words(self.question, self.real, self.options)

    @property
    def fields(self) -> list[tuple[int, str, str]]:
        """A numeric question's inputs as the LKE page asks them: (index, label, the tried count)."""
        if self.question.type in CHOICE_TYPES or self.question.type == "index":
            return []
        counts = self.tried.split(";") if self.tried else []
        counts += [""] * (len(self.question.inputs) - len(counts))
        return [(i, label, counts[i]) for i, (_key, label) in enumerate(self.question.inputs)]

    @property
    def dom(self) -> str:
        return self.question.ref.replace(".", "-")


def sandbox_rows(sandbox: Sandbox) -> list[Tried]:
    real = {ref: a.as_text() for ref, a in level_answers(sandbox.assessment, sandbox.level).items()}
    instrument = instrument_of(sandbox.assessment)
    options = {**instrument.option_defaults(), **sandbox.assessment.options}
    return [
        Tried(question, real.get(ref, ""), sandbox.answers.get(ref, ""), options)
        for ref, question in instrument.questions.items()
    ]


def typed_answer(data) -> str:
    """The tried answer as posted: `value`, or a numeric question's counts n0, n1… joined as the
    LKE stores them ("9;1"); every count left empty: no answer."""
    numbers = [data.get(f"n{i}", "").strip() for i in range(10) if f"n{i}" in data]
    if not numbers:
        return data.get("value", "")
    return ";".join(numbers) if any(numbers) else ""
