"""LKE scoring and WBK/WBBM eligibility (PermenPAN-RB 90/2021), exact and database-free.

Every answer maps to a value in [0, 1]; a sub-component scores weight × mean of its questions'
values (unanswered count 0); every node above is the sum of its children; the total is
Pengungkit + Hasil. Eligibility is the AND of every criterion of the predicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from zona.lib.errors import RuleError

from .instrument import CHOICE_TYPES, Instrument, Node, Question, summed

ZERO = Fraction(0)
ONE = Fraction(1)


class AnswerError(RuleError, ValueError):
    """An answer that does not fit its question; the message is for the user."""


# What people type into spreadsheets: "c", "YA", "ya", "Tidak", "3,6", "100.00%".
_YES = {"ya", "y", "yes", "1"}
_NO = {"tidak", "t", "no", "n", "0"}


MAGNITUDE = 30  # the largest power of ten a typed number may have (a count or a percentage)


def _number(text: str) -> Fraction:
    value = text.strip().replace(" ", "")
    if value.endswith("%"):
        return _number(value[:-1]) / 100
    if "," in value and "." not in value:
        value = value.replace(",", ".")  # Indonesian decimal comma
    try:
        decimal = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise AnswerError(_("“%(value)s” is not a number") % {"value": text}) from exc
    # "inf", "NaN" and "1e999999999" parse as decimals but are no count or percentage (the last
    # would build an integer of a billion digits): refused as any other text
    if not decimal.is_finite() or abs(decimal.adjusted()) > MAGNITUDE:
        raise AnswerError(_("“%(value)s” is not a number") % {"value": text})
    return Fraction(decimal)


@dataclass(frozen=True)
class Answer:
    """A normalised answer: a choice key ("Ya", "B"), or numbers (inputs, or one index)."""

    choice: str = ""
    numbers: tuple[Fraction, ...] = ()

    def as_text(self) -> str:
        if self.choice:
            return self.choice
        return ";".join(_plain(n) for n in self.numbers)


def _plain(number: Fraction) -> str:
    text = format(Decimal(number.numerator) / Decimal(number.denominator), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_answer(question: Question, raw: str) -> Answer:
    """Normalise what a person wrote; raise AnswerError (naming the allowed answers) if invalid."""
    text = (raw or "").strip()
    if question.type in CHOICE_TYPES:
        key = text.rstrip(".").strip()
        if question.type == "yn":
            lowered = key.lower()
            if lowered in _YES:
                return Answer(choice="Ya")
            if lowered in _NO:
                return Answer(choice="Tidak")
        elif key.upper() in question.options:
            return Answer(choice=key.upper())
        raise AnswerError(
            _("“%(answer)s” is not an answer to %(ref)s (allowed: %(allowed)s)")
            % {"answer": raw, "ref": question.ref, "allowed": ", ".join(question.options)}
        )
    parts = [p for p in re.split(r"[;|]", text) if p.strip()]
    if question.type == "index":
        if len(parts) != 1:
            raise AnswerError(
                _("%(ref)s takes one survey index (0–%(scale)s)")
                % {"ref": question.ref, "scale": question.scale}
            )
        value = _number(parts[0])
        if not 0 <= value <= question.scale:
            raise AnswerError(
                _("%(ref)s: the index must lie between 0 and %(scale)s")
                % {"ref": question.ref, "scale": question.scale}
            )
        return Answer(numbers=(value,))
    labels = ", ".join(label for _key, label in question.inputs)
    if len(parts) != len(question.inputs):
        raise AnswerError(
            _("%(ref)s takes %(n)s numbers separated by “;”: %(labels)s")
            % {"ref": question.ref, "n": len(question.inputs), "labels": labels}
        )
    numbers = tuple(_number(p) for p in parts)
    if any(n < 0 for n in numbers):
        raise AnswerError(_("%(ref)s: counts can't be negative") % {"ref": question.ref})
    values = dict(zip((k for k, _label in question.inputs), numbers, strict=True))
    labels_by_key = dict(question.inputs)
    for smaller, larger in question.formula.get("not_more_than", []):
        keys, bounds = summed(smaller), summed(larger)
        if sum(values[k] for k in keys) > sum(values[k] for k in bounds):
            raise AnswerError(
                _("%(ref)s: “%(a)s” can't exceed “%(b)s”")
                % {
                    "ref": question.ref,
                    "a": " + ".join(labels_by_key[k] for k in keys),
                    "b": " + ".join(labels_by_key[k] for k in bounds),
                }
            )
    return Answer(numbers=numbers)


def _clamp(value: Fraction) -> Fraction:
    return min(max(value, ZERO), ONE)


def _ratio(numerator: Fraction, denominator: Fraction, zero: str = "zero") -> Fraction:
    """numerator ÷ denominator in [0, 1]. Over 0 it is 0, except 0/0 (nothing to count in the
    year) under the choice "full" (the formula's `zero_option`, no regulation settles it)."""
    if denominator:
        return _clamp(numerator / denominator)
    return ONE if zero == "full" and not numerator else ZERO


def answer_value(question: Question, answer: Answer, options: dict[str, str]) -> Fraction:
    """The answer's value in [0, 1] (PermenPAN-RB 90/2021: the LKE's answer values and Hasil conversion)."""
    if question.type in CHOICE_TYPES:
        return question.options[answer.choice]
    if question.type == "index":
        return _clamp(answer.numbers[0] / question.scale)
    values = dict(zip((k for k, _label in question.inputs), answer.numbers, strict=True))
    formula = question.formula
    zero = options.get(formula.get("zero_option") or "", "zero")
    if formula["kind"] == "ratio":
        return _ratio(values[formula["numerator"]], values[formula["denominator"]], zero)
    previous, current = values[formula["previous"]], values[formula["current"]]
    if options.get(formula["option"]) == "bps_ratio":
        return _ratio(current, previous, zero)
    return _ratio(previous - current, previous, zero)  # decrease (the default)


@dataclass
class Criterion:
    name: str
    value: Fraction | bool
    threshold: Fraction | bool
    passed: bool
    # the tree nodes whose scores the criterion sums ("total" for the total); none for a fact
    # answers can't change (the WBK held, a revocation)
    nodes: tuple[str, ...] = ()
    kind: str = "node"  # node, area, prior, revocation
    note: str = ""  # what the criterion read, in words (no revocation recorded)

    @property
    def margin(self) -> Fraction | None:
        """value − threshold: how far above (≥ 0) or below (< 0) the gate; None for a yes/no."""
        if isinstance(self.value, bool) or isinstance(self.threshold, bool):
            return None
        return self.value - self.threshold


@dataclass
class Predicate:
    eligible: bool
    criteria: list[Criterion]


@dataclass
class Result:
    nodes: dict[str, Fraction]
    total: Fraction
    unanswered: list[str]
    predicates: dict[str, Predicate] = field(default_factory=dict)
    areas: list[dict[str, Any]] = field(default_factory=list)

    def node(self, ref: str) -> Fraction:
        return self.total if ref == "total" else self.nodes[ref]


def score(
    instrument: Instrument,
    answers: dict[str, Answer],
    *,
    options: dict[str, str] | None = None,
    prior: set[str] | frozenset[str] = frozenset(),
    revoked: tuple[int, ...] = (),
    year: int | None = None,
) -> Result:
    """Score `answers` (ref → Answer). `prior` holds the predicates the unit already has (WBK);
    `revoked` the years its predicate was revoked, `year` the assessment's (the revocation bar)."""
    chosen = {**instrument.option_defaults(), **(options or {})}
    for name, value in chosen.items():
        if name in instrument.options and value not in instrument.options[name]["choices"]:
            raise AnswerError(_("option %(name)s: unknown value %(value)s") % {"name": name, "value": value})
    questions = instrument.questions
    values = {ref: answer_value(questions[ref], a, chosen) for ref, a in answers.items() if ref in questions}
    nodes = node_scores(instrument, values)
    result = result_from_nodes(instrument, nodes, options=chosen, prior=prior, revoked=revoked, year=year)
    result.unanswered = [r for r in instrument.questions if r not in answers]
    return result


def node_scores(instrument: Instrument, values: dict[str, Fraction]) -> dict[str, Fraction]:
    """Every node's score from the questions' values (ref → value in [0, 1], absent: 0): a
    sub-component is its weight × the mean of its questions' values, every node above the sum of
    its children (PermenPAN-RB 90/2021). The one walk over the tree: `score` and the road's
    forecast scenarios both go through it."""
    nodes: dict[str, Fraction] = {}

    def walk(node: Node) -> Fraction:
        if node.is_group:
            result = node.weight * sum((values.get(q.ref, ZERO) for q in node.questions), ZERO)
            result /= len(node.questions)
        else:
            result = sum((walk(child) for child in node.children), ZERO)
        nodes[node.ref] = result
        return result

    for root in instrument.roots:
        walk(root)
    return nodes


def result_from_nodes(
    instrument: Instrument,
    nodes: dict[str, Fraction],
    *,
    options: dict[str, str],
    prior: set[str] | frozenset[str] = frozenset(),
    revoked: tuple[int, ...] = (),
    year: int | None = None,
) -> Result:
    """Totals, areas and every predicate's criteria from node scores."""
    total = sum((nodes[root.ref] for root in instrument.roots), ZERO)
    result = Result(nodes=nodes, total=total, unanswered=[])
    by_number: dict[int, dict[str, Node]] = {}
    for part in ("I", "II"):
        for area in instrument.areas(part):
            by_number.setdefault(area.area or 0, {})[part] = area
    result.areas = [
        {
            "code": number,
            "name": parts["I"].name,
            "pemenuhan": nodes[parts["I"].ref],
            "reform": nodes[parts["II"].ref],
            "nodes": parts,
        }
        for number, parts in sorted(by_number.items())
    ]
    chosen = {**instrument.option_defaults(), **options}
    for predicate, criteria in instrument.predicates.items():
        facts = GateFacts(frozenset(prior), tuple(revoked), year)
        result.predicates[predicate] = _judge(criteria, result, chosen, facts)
    return result


@dataclass(frozen=True)
class GateFacts:
    """What the gates read beside the answers: the predicates the unit holds, the years its
    predicate was revoked, the assessment's year."""

    prior: frozenset[str] = frozenset()
    revoked: tuple[int, ...] = ()
    year: int | None = None


def _judge(
    criteria: list[dict[str, Any]], result: Result, options: dict[str, str], facts: GateFacts
) -> Predicate:
    judged: list[Criterion] = []
    for criterion in criteria:
        name = criterion["name"]
        if "node" in criterion:
            value, threshold = result.node(criterion["node"]), Fraction(Decimal(criterion["min"]))
            judged.append(Criterion(name, value, threshold, value >= threshold, (criterion["node"],)))
        elif "area_fraction" in criterion:
            judged += _areas(name, Fraction(Decimal(criterion["area_fraction"])), result, options)
        elif "requires_prior" in criterion:
            held = criterion["requires_prior"] in facts.prior
            judged.append(Criterion(name, held, True, held, kind="prior"))
        elif "no_revocation_within" in criterion:
            judged.append(_revocation(name, int(criterion["no_revocation_within"]), facts))
    return Predicate(eligible=all(c.passed for c in judged), criteria=judged)


def _areas(name: str, fraction: Fraction, result: Result, options: dict[str, str]) -> list[Criterion]:
    """Each area pengungkit at `fraction` of its weight: the area combined, or each part."""
    judged = []
    for area in result.areas:
        parts = area["nodes"]
        if options.get("per_area_minimum") == "separate":
            for part, label in (("I", "Pemenuhan"), ("II", "Reform")):
                value = result.nodes[parts[part].ref]
                threshold = fraction * parts[part].weight
                label = f"{name}: {area['code']}. {area['name']} ({label})"
                judged.append(
                    Criterion(label, value, threshold, value >= threshold, (parts[part].ref,), "area")
                )
        else:
            value = area["pemenuhan"] + area["reform"]
            threshold = fraction * (parts["I"].weight + parts["II"].weight)
            refs = (parts["I"].ref, parts["II"].ref)
            label = f"{name}: {area['code']}. {area['name']}"
            judged.append(Criterion(label, value, threshold, value >= threshold, refs, "area"))
    return judged


def _revocation(name: str, years: int, facts: GateFacts) -> Criterion:
    """Barred while a revocation lies in the assessment's year or the `years` before it."""
    if not facts.revoked:
        return Criterion(name, True, True, True, kind="revocation", note=_("no revocation recorded"))
    barring = [y for y in facts.revoked if facts.year is None or 0 <= facts.year - y <= years]
    note = _("predicate revoked in %(years)s") % {"years": ", ".join(str(y) for y in sorted(facts.revoked))}
    return Criterion(name, not barring, True, not barring, kind="revocation", note=note)


def rounded(value: Fraction) -> Decimal:
    """For display and JSON: 2 decimals, half up (the comparison itself used the exact value)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def as_json(result: Result) -> dict[str, Any]:
    def number(value):
        return value if isinstance(value, bool) else float(rounded(value))

    return {
        "total": number(result.total),
        "pengungkit": number(result.nodes["A"]),
        "pemenuhan": number(result.nodes["A.I"]),
        "reform": number(result.nodes["A.II"]),
        "hasil": number(result.nodes["B"]),
        "areas": [
            {
                "code": a["code"],
                "name": a["name"],
                "pemenuhan": number(a["pemenuhan"]),
                "reform": number(a["reform"]),
            }
            for a in result.areas
        ],
        "nodes": {ref: number(value) for ref, value in result.nodes.items()},
        "unanswered": result.unanswered,
        **{
            name.lower(): {
                "eligible": p.eligible,
                "criteria": [
                    {
                        "name": c.name,
                        "value": number(c.value),
                        "threshold": number(c.threshold),
                        "passed": c.passed,
                        "margin": None if c.margin is None else number(c.margin),
                        "kind": c.kind,
                        "note": c.note,
                    }
                    for c in p.criteria
                ],
            }
            for name, p in result.predicates.items()
        },
    }
