"""`zona lke explain`: every answer Zona derived for a unit and year — its inputs, the rule and
its source, the records' page — beside what the unit's self-assessment says, and the answers
the unit typed itself (no rule derives them), and those neither derived nor answered yet.

A question a rule covers is always listed with the derived ones: where the rule found no records
(it returned nothing) it says "tidak ada catatan" with what the rule looks for, beside the
unit's typed answer if there is one — never as "typed by the unit, no rule"."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .derivations import rule_of
from .figures import figures
from .instrument import resolve
from .models import Assessment, Level
from .scoring import AnswerError, parse_answer
from .suggestions import RULES, rule_name


def _same(question, typed: str, derived: str) -> bool:
    try:
        return parse_answer(question, typed) == parse_answer(question, derived)
    except AnswerError:
        return typed.strip() == derived.strip()


def explain(unit, year: int) -> dict:
    assessment = Assessment.objects.filter(unit=unit, year=year).first()
    instrument = resolve(assessment.instrument_urn if assessment else None)
    typed = {a.ref: a for a in assessment.answers.filter(level=Level.SELF)} if assessment else {}
    derived = []
    for figure in figures(unit, year):
        if not figure.function:
            continue  # a numeric question no rule answers
        answer = typed.get(figure.ref)
        if answer is None:
            status = "unanswered"
        elif _same(instrument.questions[figure.ref], answer.value, figure.answer):
            status = "confirmed"
        else:
            status = "differs"
        derived.append(
            {
                **figure.as_json(),
                "self_answer": answer.value if answer else None,
                "justification": answer.justification if answer else "",
                "status": status,
            }
        )
    refs = {d["ref"] for d in derived}
    derived += _without_records(instrument, typed, refs)
    refs = {d["ref"] for d in derived}
    own = [
        {"ref": ref, "answer": a.value, "justification": a.justification}
        for ref, a in sorted(typed.items())
        if ref not in refs
    ]
    # every question appears: derived, typed by the unit, or neither (no rule, no answer yet)
    neither = [ref for ref in instrument.questions if ref not in refs and ref not in typed]
    return {
        "unit": unit.code,
        "year": year,
        "assessment": assessment is not None,
        "derived": derived,
        "typed": own,
        "unanswered": neither,
    }


def _without_records(instrument, typed: dict, refs: set[str]) -> list[dict]:
    """The questions a rule covers that it could not derive: no records of the year in Zona."""
    out = []
    for ref, question in instrument.questions.items():
        if ref in refs or ref not in RULES:
            continue
        rule, source = rule_of(ref)
        why = _("no record of the year in Zona")
        if rule:
            why = _("the rule looks for: %(rule)s") % {"rule": rule}
        answer = typed.get(ref)
        out.append(
            {
                "ref": ref,
                "question": question.text,
                "answer": "",
                "inputs": {},
                "percent": None,
                "inputs_note": _("no records: %(why)s") % {"why": why},
                "rule": rule,
                "source": source,
                "records": "",
                "link": "",
                "function": ", ".join(rule_name(f) for f in RULES[ref]),
                "self_answer": answer.value if answer else None,
                "justification": answer.justification if answer else "",
                "status": "no_records",
            }
        )
    return out
