"""A list of answers, one question a row: the question's code and its answer (`ref,answer`, e.g.
`A.I.1.i.a,Ya` or `A.II.1.i.a,5;4`), the simplest file a person writes by hand. `read_sheet`
reads it when the file holds no LKE table, so `zona lke score`, `zona lke import` and the web
import take it alike, from a CSV (any common encoding and delimiter: zona.lib.readers) or a
spreadsheet.

The header is the row naming a code column and an answer column (`ref,answer`, `Ref;Jawaban`,
`kode,nilai`, …: the names are data, `data/sheet.yaml` `answers_list`), optionally a note (the
answer's justification) and a row number, which is not read; a title above it is passed over.
Without a header, the first row whose cell is a question's code starts the list, its answer in the
next column. A code is read as the plan importer reads it (`A.I.1.i.a`, `A.1.I.i.a`, `B.1.b`).
A numeric question's counts are one cell joined by `;` or `|`, or the next cells of its row in
columns without a header (a file separated by semicolons splits `5;4`). Any other filled cell in a
column without a header refuses the row (`B.1.a,3,6` is a decimal comma, never 3). Zona's own LKE
export reads back: its other columns are known and not read, its component rows passed over.

All or nothing: an unknown code, a question listed twice, an answer the question does not take
or a row above the list that looks like a header Zona does not know refuses the whole file, each
problem naming its row."""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext as _

from zona.lib.headers import mostly_named
from zona.lib.readers import ReadError, csv_rows
from zona.lib.text import clean, clean_lines, fold
from zona.lib.yamlfile import load_yaml
from zona.plans.importers.lke_questions import ref_of

from .instrument import Instrument, Question
from .scoring import Answer, AnswerError, parse_answer
from .sheet import DATA, HEADER_SEARCH, RowNote, Sheet, SheetError

AnswersFileError = SheetError  # the name `zona lke score`'s callers know


@cache
def _names() -> dict[str, list[str]]:
    return load_yaml(DATA)["answers_list"]


def _named(cell: str) -> str | None:
    key = fold(cell)
    return next((name for name, synonyms in _names().items() if key and key in synonyms), None)


def _header(cells: list[str]) -> dict[str, int] | None:
    """The columns a header row names, when the row as a whole is a header naming a code and an
    answer column."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _named(cell)
        if name is not None and name != "skipped" and name not in columns:
            columns[name] = index
    if {"ref", "answer"} <= set(columns) and mostly_named(cells, lambda cell: _named(cell) is not None):
        return columns
    return None


def _question(text: str, instrument: Instrument) -> Question | None:
    ref, _note = ref_of(text)
    return instrument.questions.get(ref) if ref else None


def _layout(rows: list[list[str]], instrument: Instrument) -> tuple[int, dict[str, int], bool] | None:
    """Where the list's rows start, its columns and whether it has a header; None when the rows
    are no list of answers. A row above a list without a header that fills two cells or more is
    a header Zona does not know: refused, naming the row and the names it knows."""
    unknown = None
    for index, cells in enumerate(rows[:HEADER_SEARCH]):
        columns = _header(cells)
        if columns is not None:
            return index + 1, columns, True
        found = next((i for i, cell in enumerate(cells) if _question(clean(cell), instrument)), None)
        if found is not None:
            if unknown is not None:
                raise SheetError(
                    [
                        _(
                            "row %(n)s: the columns are not recognised: name the question's code "
                            "column ref or kode and the answer's column answer, jawaban or nilai"
                        )
                        % {"n": unknown + 1}
                    ]
                )
            return index, {"ref": found, "answer": found + 1}, False
        if unknown is None and sum(1 for cell in cells if clean(cell)) >= 2:
            unknown = index
    return None


def _node(text: str, instrument: Instrument) -> bool:
    return text.replace(" ", "").strip(".") in instrument.nodes


def _cell(cells: list[str], index: int | None, read=clean) -> str:
    return read(cells[index]) if index is not None and index < len(cells) else ""


def _answer_text(
    cells: list[str], columns: dict[str, int], question: Question, headed: set[int]
) -> tuple[str, int]:
    """The answer cell and the last column read for it; for a question of several counts written
    without `;`, the counts in the next cells of the row too, in columns without a header."""
    answer = columns["answer"]
    raw = _cell(cells, answer)
    if len(question.inputs) < 2 or not raw or re.search(r"[;|]", raw):
        return raw, answer
    more = []
    for index in range(answer + 1, len(cells)):
        if index in headed or not clean(cells[index]):
            break
        more.append(clean(cells[index]))
    return ";".join([raw, *more]), answer + len(more)


def _stray(cells: list[str], headed: set[int], read_up_to: int) -> str:
    """The first filled cell after the last one read in a column no header names (a decimal
    comma splitting `3,6` in a file separated by commas), or ""."""
    return next(
        (
            clean(cell)
            for index, cell in enumerate(cells)
            if index > read_up_to and index not in headed and clean(cell)
        ),
        "",
    )


def _split_decimal(raw: str, note: str, columns: dict[str, int]) -> bool:
    """A whole number answer whose note, in the next column, is digits alone: `B.1.a,3,6` under
    `ref,answer,catatan` (a decimal comma in a file separated by commas), never a justification.
    (A question of several counts is told it takes them separated by ";".)"""
    return (
        columns.get("note") == columns["answer"] + 1
        and re.fullmatch(r"\d+", raw) is not None
        and re.fullmatch(r"\d+", note) is not None
    )


class _List:
    def __init__(self, instrument: Instrument, columns: dict[str, int], headed: set[int]):
        self.instrument, self.columns, self.headed = instrument, columns, headed
        self.sheet = Sheet()
        self.problems: list[str] = []

    def row(self, number: int, cells: list[str]) -> None:
        written = _cell(cells, self.columns["ref"])
        if not written:
            raw = _cell(cells, self.columns["answer"])
            if raw:
                self.problems.append(
                    _("row %(n)s: an answer without its question's code (“%(answer)s”)")
                    % {"n": number, "answer": raw[:80]}
                )
            return  # a row of a row number or a note alone
        answer = self.columns["answer"]
        if (
            not _cell(cells, answer)
            and not _stray(cells, self.headed, answer)
            and _node(written, self.instrument)
        ):
            return  # a component's or an area's row (Zona's own export lists them), not an answer
        question = _question(written, self.instrument)
        if question is None:
            unknown = _("row %(n)s: unknown reference “%(ref)s”") % {"n": number, "ref": written[:80]}
            self.problems.append(unknown)
            return
        ref = question.ref
        if ref in self.sheet.rows:
            self.problems.append(_("row %(n)s: %(ref)s is answered twice") % {"n": number, "ref": ref})
            return
        self.sheet.rows[ref] = number
        if written.replace(" ", "") != ref:
            read_as = _("the code read as %(ref)s") % {"ref": ref}
            self.sheet.normalised.append(RowNote(number, read_as, written))
        note = _cell(cells, self.columns.get("note"), clean_lines)
        if note:
            self.sheet.notes[ref] = note
        raw, read_up_to = _answer_text(cells, self.columns, question, self.headed)
        stray = _stray(cells, self.headed, read_up_to)
        if len(question.inputs) < 2 and _split_decimal(raw, note, self.columns):
            self.problems.append(
                _(
                    "row %(n)s: “%(answer)s” and the note “%(note)s” look like one decimal number "
                    "split by a comma: write it with a point (%(answer)s.%(note)s) or quote the cell "
                    '("%(answer)s,%(note)s")'
                )
                % {"n": number, "answer": raw, "note": note}
            )
        elif stray:
            self.problems.append(
                _(
                    "row %(n)s: “%(value)s” is in a column without a header: write a decimal number "
                    'with a point (3.6) or quote the cell ("3,6"); a note goes in a column named catatan'
                )
                % {"n": number, "value": stray[:80]}
            )
        elif raw:
            self._answer(number, question, raw)

    def _answer(self, number: int, question: Question, raw: str) -> None:
        try:
            answer = parse_answer(question, raw)
        except AnswerError as exc:
            self.problems.append(_("row %(n)s: %(error)s") % {"n": number, "error": exc})
            return
        self.sheet.take(number, question.ref, raw, answer)


def answers_list(rows: list[list[str]], instrument: Instrument) -> Sheet | None:
    """The answers of a list of `ref,answer` rows as a Sheet (no row left out: SheetError naming
    every row at fault), or None when the rows are no such list."""
    layout = _layout(rows, instrument)
    if layout is None:
        return None
    start, columns, has_header = layout
    if has_header:
        headed = {index for index, cell in enumerate(rows[start - 1]) if clean(cell)}
    else:
        headed = set(range(columns["answer"] + 1))  # a row number before the code: not read
    reader = _List(instrument, columns, headed)
    for number, cells in enumerate(rows[start:], start=start + 1):
        if any(clean(cell) for cell in cells):
            reader.row(number, cells)
    if reader.problems:
        raise SheetError(reader.problems)
    sheet = reader.sheet
    if not sheet.rows:
        raise SheetError([_("the sheet holds no row that matches a question of the LKE")])
    sheet.tally(instrument)
    sheet.columns = {
        name: rows[start - 1][index] if has_header else _("column %(n)s") % {"n": index + 1}
        for name, index in columns.items()
    }
    return sheet


def read_answers(text: str, instrument: Instrument) -> dict[str, Answer]:
    """The answers of a `ref,answer` CSV already in memory (the scorer's and the benchmarks')."""
    try:
        rows = csv_rows(text.lstrip("\ufeff"))
    except ReadError as exc:
        raise SheetError([str(exc)]) from exc
    sheet = answers_list(rows, instrument)
    if sheet is None:
        raise SheetError([_("row 1: the header must be “ref,answer”")])
    return sheet.answers
