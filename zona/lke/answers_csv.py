"""Reading an answers CSV (`ref,answer`) for `zona lke score`, naming the row of any error."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lib.errors import RuleError
from zona.lib.readers import ReadError, csv_rows

from .instrument import Instrument
from .scoring import Answer, AnswerError, parse_answer


class AnswersFileError(RuleError, ValueError):
    """A file the rules refuse to read; `problems` (one per row at fault) are for the user. Still a
    ValueError for callers that catch one."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems), problems)


def read_answers(text: str, instrument: Instrument) -> dict[str, Answer]:
    try:
        rows = csv_rows(text.lstrip("\ufeff"), delimiter=",")
    except ReadError as exc:
        raise AnswersFileError([str(exc)]) from exc
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["ref", "answer"]:
        raise AnswersFileError([_("row 1: the header must be “ref,answer”")])
    answers: dict[str, Answer] = {}
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        ref = row[0].strip()
        raw = row[1].strip() if len(row) > 1 else ""
        question = instrument.questions.get(ref)
        if question is None:
            problems.append(_("row %(n)s: unknown reference “%(ref)s”") % {"n": number, "ref": ref})
            continue
        if ref in answers:
            problems.append(_("row %(n)s: %(ref)s is answered twice") % {"n": number, "ref": ref})
            continue
        if not raw:
            continue  # an empty answer is an unanswered question
        try:
            answers[ref] = parse_answer(question, raw)
        except AnswerError as exc:
            problems.append(_("row %(n)s: %(error)s") % {"n": number, "error": exc})
    if problems:
        raise AnswersFileError(problems)
    return answers
