"""Reading a filled LKE spreadsheet (the common sheet units keep: komponen / sub_komponen /
area_no / sub_area / butir / uraian / … / jawaban / catatan) into answers of the instrument.

Rows are matched to questions by their numbering, checked against the question's text (and by
the text alone when the numbering is off); the count rows under a numeric question ("- Jumlah
Agen Perubahan") become its inputs, matched to the input's label; a percentage written on the
question row is checked against the counts. Answers are normalised as the scorer reads them
(`c` → C, `YA` → Ya, `4` for a survey index); notes become the answer's justification. Every row
that can't be read is listed with its row number; nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from zona.lib.errors import ProblemsError
from zona.lib.headers import mostly_named
from zona.lib.readers import ReadError, kind_of, read_tables
from zona.lib.text import best_match, clean, clean_lines, fold, similarity
from zona.lib.yamlfile import load_yaml

from .instrument import Instrument, Question
from .scoring import Answer, AnswerError, _number, answer_value, parse_answer

DATA = Path(__file__).parent / "data" / "sheet.yaml"
HEADER_SEARCH = 30
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
TEXT_MATCH = 0.8  # a row's text against a question's, when its numbering says nothing
LABEL_MATCH = 0.6  # a count row against the best of its question's input labels


class SheetError(ProblemsError):
    """A file the rules refuse to read; `problems` (one per row at fault) are for the user. Still a
    ValueError for callers that catch one."""


@dataclass
class RowNote:
    row: int
    problem: str
    value: str = ""

    def __str__(self) -> str:
        shown = f" (“{self.value[:80]}”)" if self.value else ""
        return _("row %(n)s") % {"n": self.row} + f": {self.problem}{shown}"


@dataclass
class Sheet:
    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # ref → the question's row
    written: dict[str, str] = field(default_factory=dict)  # ref → the answer as written
    normalised: list[RowNote] = field(default_factory=list)  # what was read differently from written
    problems: list[RowNote] = field(default_factory=list)  # rows not imported
    ignored: list[RowNote] = field(default_factory=list)  # breakdown rows not used for the score
    unanswered: list[str] = field(default_factory=list)  # in the sheet, with no answer
    missing: list[str] = field(default_factory=list)  # questions of the LKE the sheet lacks
    count_rows: dict[int, str] = field(default_factory=dict)  # row → the question its count feeds
    columns: dict[str, str] = field(default_factory=dict)  # field → the sheet's header

    def values(self) -> dict[str, str]:
        return {ref: answer.as_text() for ref, answer in self.answers.items()}

    def take(self, number: int, ref: str, raw: str, answer: Answer) -> None:
        """An answer read on row `number` as `raw`, noted when it reads differently."""
        self.answers[ref] = answer
        self.written[ref] = raw
        if answer.as_text() != raw:
            read_as = _("%(ref)s read as %(value)s") % {"ref": ref, "value": answer.as_text()}
            self.normalised.append(RowNote(number, read_as, raw))

    def tally(self, instrument: Instrument) -> None:
        """The questions scored 0: in the sheet with no answer (a row refused is a problem, not
        an unanswered question), and the instrument's questions not in the sheet."""
        problem_rows = {p.row for p in self.problems}
        self.unanswered = [
            ref for ref, row in self.rows.items() if ref not in self.answers and row not in problem_rows
        ]
        self.missing = [ref for ref in instrument.questions if ref not in self.rows]

    @property
    def without_answer(self) -> int:
        """The questions scored 0: in the sheet with no answer, or not in it at all."""
        return len(self.unanswered) + len(self.missing)


@cache
def _data() -> dict:
    return load_yaml(DATA)


def _words(text: str) -> str:
    swap = _data()["words"]
    return " ".join(swap.get(word, word) for word in re.findall(r"[a-z0-9]+", (text or "").lower()))


def _header(cells: list[str]) -> dict[str, int]:
    names = _data()["columns"]
    folded = [fold(c) for c in cells]
    found: dict[str, int] = {}
    for field_name, synonyms in names.items():  # exact names first
        for index, key in enumerate(folded):
            if key in synonyms and index not in found.values():
                found[field_name] = index
                break
    for field_name, synonyms in names.items():  # then a header starting with a name
        if field_name in found:
            continue
        for index, key in enumerate(folded):
            if index not in found.values() and any(key.startswith(s) for s in synonyms if len(s) >= 4):
                found[field_name] = index
                break
    return found


def _table(data: bytes, filename: str) -> list[list[str]]:
    if not data.strip():
        raise SheetError([_("the file is empty")])
    try:
        if kind_of(data, filename) in {"pdf", "binary", "doc", "docx", "zip"}:
            raise SheetError([_("this file type can't be read: save the LKE sheet as XLSX or CSV")])
        _kind, sheets = read_tables(data, filename)
    except ReadError as exc:
        raise SheetError([str(exc)]) from exc
    if not sheets:
        return []
    return next((t.rows for t in sheets if _find_header(t.rows)[0] is not None), sheets[0].rows)


def _find_header(rows: list[list[str]]) -> tuple[int | None, dict[str, int]]:
    """The header row: the first naming the text, the answer and the numbering that is a header
    as a whole (most of its cells name a column), else the first naming them."""
    found: list[tuple[int, dict[str, int]]] = []
    for index, cells in enumerate(rows[:HEADER_SEARCH]):
        columns = _header(cells)
        if {"text", "answer"} <= set(columns) and ({"butir", "sub_area"} & set(columns) or "ref" in columns):
            if mostly_named(cells, lambda cell: bool(_header([cell]))):
                return index, columns
            found.append((index, columns))
    return found[0] if found else (None, {})


def _code(value: str) -> str:
    return clean(value).strip(" .").replace(" ", "")


class _Reader:
    def __init__(self, instrument: Instrument):
        self.instrument = instrument
        self.sheet = Sheet()
        self.group = ""  # A.I.1.i
        self.roman_group = ""  # the last A.x.y.<roman>: LHKPN's "a."/"b." sections sit under it
        self.question: Question | None = None  # the numeric question count rows belong to
        self.counts: dict[str, dict[str, tuple[int, str]]] = {}  # ref → key → (row, value)
        self.stated: dict[str, tuple[int, str]] = {}  # ref → percentage written on its row
        self.group_note = ""

    # -- one row --------------------------------------------------------------------------
    def row(self, number: int, get) -> None:
        level = fold(get("level"))
        text = clean(get("text"))
        if get("ref"):
            self._question_row(number, self.instrument.questions.get(_code(get("ref"))), text, get)
            return
        komponen, part, area = (
            _code(get("komponen")).upper(),
            _code(get("sub_komponen")).upper(),
            _code(get("area")),
        )
        sub_area, butir = _code(get("sub_area")).lower(), _code(get("butir")).lower()
        if komponen not in {"A", "B"}:
            if not komponen and self._count_row(number, text, get, quiet=True):
                return  # a count under the numeric question above, its numbering cells left blank
            if clean(get("answer")):
                self.sheet.ignored.append(
                    RowNote(number, _("a total or a row outside the LKE's numbering, not an answer"), text)
                )
            return  # totals and other rows under the table
        self._place(komponen, part, area, sub_area)
        is_item = level == "item" if level else bool(butir) or text.startswith("-")
        if not is_item or level in _data()["structure_levels"]:
            note = clean_lines(get("note"))
            if note and sub_area:
                self.group_note = note  # a note on a sub-area row: kept with its first question
            return
        if sub_area and sub_area not in ROMAN and len(sub_area) == 1 and self.roman_group:
            self._lettered_section(number, f"{self.roman_group}.{sub_area}", text, butir, get)
        elif butir and butir != "-":
            question = self.instrument.questions.get(f"{self.group}.{butir}")
            self._question_row(number, self._checked(number, question, text), text, get)
        elif butir == "-" or not text.startswith("-"):
            if self._count_row(number, text, get, quiet=True):
                return
            question = self._single_or_by_text(text)
            self._question_row(number, question, text, get)
        else:
            self._count_row(number, text, get)

    def _place(self, komponen: str, part: str, area: str, sub_area: str) -> None:
        before = self.group
        self._set_group(komponen, part, area, sub_area)
        if self.group != before:
            self.question = None  # count rows never reach into another sub-area

    def _set_group(self, komponen: str, part: str, area: str, sub_area: str) -> None:
        if komponen == "B":
            number = {"I": "1", "II": "2"}.get(part, "")
            self.group = f"B.{number}" if number else ""
            return
        if part not in {"I", "II"} or not area.isdigit():
            self.group = ""
            return
        if sub_area in ROMAN:
            self.group = f"A.{part}.{area}.{sub_area}"
            self.roman_group = self.group
        elif not sub_area:
            self.group = ""
            self.roman_group = ""

    # -- matching -------------------------------------------------------------------------
    def _group_questions(self, group: str) -> list[Question]:
        return [q for ref, q in self.instrument.questions.items() if ref.rsplit(".", 1)[0] == group]

    def _checked(self, number: int, question: Question | None, text: str) -> Question | None:
        """The numbered question, unless its text is clearly another's: then that one, noted."""
        if not text:
            return question
        other = self._by_text(text, self.instrument.questions.values())
        own = similarity(text, question.text) if question is not None else 0.0
        if other is None or other is question or similarity(text, other.text) < own + 0.1:
            return question  # the numbering stands when no other question's text is closer
        self.sheet.normalised.append(
            RowNote(
                number, _("numbered as another question; its text is that of %(ref)s") % {"ref": other.ref}
            )
        )
        return other

    def _single_or_by_text(self, text: str) -> Question | None:
        members = self._group_questions(self.group)
        if len(members) == 1:
            return members[0]
        return self._by_text(text, members) or self._by_text(text, self.instrument.questions.values())

    @staticmethod
    def _by_text(text: str, pool) -> Question | None:
        pool = list(pool)
        texts = tuple(q.text for q in pool)
        stems = tuple(t.split(":", 1)[0] for t in texts)
        found = [m for m in (best_match(text, texts, TEXT_MATCH), best_match(text, stems, TEXT_MATCH)) if m]
        return pool[max(found, key=lambda m: (m[1], -m[0]))[0]] if found else None

    def _lettered_section(self, number: int, ref: str, text: str, butir: str, get) -> None:
        """LHKPN's sections ("a." LHKPN, "b." non-LHKPN) under a sub-area: the first row is the
        question, the rows after it its counts."""
        question = self.instrument.questions.get(ref)
        if question is None:
            self.sheet.problems.append(RowNote(number, _("no LKE question %(ref)s") % {"ref": ref}, text))
            return
        if self.question is not question:
            self._question_row(number, question, text, get)
            return
        self._count_row(number, text, get)

    # -- question and count rows ----------------------------------------------------------
    def _question_row(self, number: int, question: Question | None, text: str, get) -> None:
        raw = clean(get("answer"))
        if question is None:
            self.question = None
            if raw:
                self.sheet.problems.append(
                    RowNote(number, _("no question of the LKE matches this row's numbering or text"), text)
                )
            return
        ref = question.ref
        if ref in self.sheet.rows:
            self.sheet.problems.append(
                RowNote(
                    number,
                    _("%(ref)s again (first on row %(first)s): this row is not read")
                    % {"ref": ref, "first": self.sheet.rows[ref]},
                    raw,
                )
            )
            return
        self.sheet.rows[ref] = number
        note = "\n".join(n for n in (self.group_note, clean_lines(get("note"))) if n)
        self.group_note = ""
        if note:
            self.sheet.notes[ref] = note
        if question.inputs:
            self.question = question
            self.counts[ref] = {}
            if raw:
                self.stated[ref] = (number, raw)
            return
        self.question = None
        if not raw:
            return
        self._answer(number, question, raw)

    def _answer(self, number: int, question: Question, raw: str) -> None:
        try:
            answer = parse_answer(question, raw)
        except AnswerError as exc:
            self.sheet.problems.append(RowNote(number, str(exc), raw))
            return
        self.sheet.take(number, question.ref, raw, answer)

    def _count_row(self, number: int, text: str, get, *, quiet: bool = False) -> bool:
        """A count under the current numeric question, matched to its input by label."""
        question = self.question
        if question is None:
            if not quiet:
                self.sheet.ignored.append(
                    RowNote(number, _("a count row with no numeric question above it"), text)
                )
            return False
        label = text.lstrip("-–• ").strip()
        scores = sorted(
            ((similarity(_words(label), _words(name)), key) for key, name in question.inputs), reverse=True
        )
        best, key = scores[0]
        if best < LABEL_MATCH or (len(scores) > 1 and best - scores[1][0] < 0.05):
            if not quiet:
                self.sheet.ignored.append(
                    RowNote(
                        number,
                        _("a breakdown under %(ref)s, not used for the score") % {"ref": question.ref},
                        text,
                    )
                )
            return not quiet
        counts = self.counts[question.ref]
        if key in counts:  # the same count again (a breakdown repeating the label): the first stands
            self.sheet.ignored.append(
                RowNote(
                    number,
                    _("a breakdown under %(ref)s, not used for the score") % {"ref": question.ref},
                    text,
                )
            )
            return True
        counts[key] = (number, clean(get("answer")))
        self.sheet.count_rows[number] = question.ref
        note = clean_lines(get("note"))
        if note and note not in self.sheet.notes.get(question.ref, ""):
            joined = "\n".join(n for n in (self.sheet.notes.get(question.ref, ""), note) if n)
            self.sheet.notes[question.ref] = joined
        return True

    # -- the end --------------------------------------------------------------------------
    def finish(self) -> Sheet:
        for ref, counts in self.counts.items():
            question = self.instrument.questions[ref]
            given = [counts.get(key) for key, _label in question.inputs]
            if all(g is None or not g[1] for g in given):
                if ref in self.stated:
                    row, raw = self.stated[ref]
                    self.sheet.problems.append(
                        RowNote(
                            row,
                            _("%(ref)s is scored from its counts (%(labels)s): only the percentage is given")
                            % {"ref": ref, "labels": ", ".join(label for _key, label in question.inputs)},
                            raw,
                        )
                    )
                continue
            missing = [
                label for (key, label), g in zip(question.inputs, given, strict=True) if g is None or not g[1]
            ]
            if missing:
                self.sheet.problems.append(
                    RowNote(
                        self.sheet.rows[ref],
                        _("%(ref)s lacks the count: %(labels)s") % {"ref": ref, "labels": ", ".join(missing)},
                    )
                )
                continue
            raw = ";".join(g[1] for g in given)
            self._answer(self.sheet.rows[ref], question, raw)
            self._check_stated(ref)
        self.sheet.tally(self.instrument)
        return self.sheet

    def _check_stated(self, ref: str) -> None:
        """The percentage written on the question's row against what its counts give."""
        if ref not in self.stated or ref not in self.sheet.answers:
            return
        row, raw = self.stated[ref]
        question = self.instrument.questions[ref]
        try:
            stated = _number(raw)
        except AnswerError:
            return
        if stated > 1 and not raw.strip().endswith("%"):
            stated /= 100  # "92.35" meaning percent
        computed = answer_value(question, self.sheet.answers[ref], self.instrument.option_defaults())
        if abs(stated - computed) > Fraction(1, 200):
            self.sheet.normalised.append(
                RowNote(
                    row,
                    _(
                        "%(ref)s: the counts give %(value)s %%, not the percentage written; "
                        "the counts are used"
                    )
                    % {"ref": ref, "value": f"{float(computed) * 100:.2f}"},
                    raw,
                )
            )


class _Numbering:
    """A numbering cell merged down over the rows it spans (the official workbook writes
    `A.` once over the whole Pengungkit) is read on each of them: a row giving a deeper number
    (an area, a sub-area, a butir) without its parents has them from the rows above."""

    LEVELS = ("komponen", "sub_komponen", "area", "sub_area", "butir")

    def __init__(self):
        self.last: dict[str, str] = {}

    def carried(self, written):
        values = {name: written(name) for name in self.LEVELS}
        for place, name in enumerate(self.LEVELS[:-1]):
            if not clean(values[name]) and any(clean(values[d]) for d in self.LEVELS[place + 1 :]):
                values[name] = self.last.get(name, "")
        self.last.update({name: value for name, value in values.items() if clean(value)})
        return lambda name: values[name] if name in values else written(name)


def read_sheet(data: bytes, filename: str, instrument: Instrument) -> Sheet:
    """The answers a filled LKE sheet gives, or a list of `ref,answer` rows (answers_csv.py);
    SheetError when it can't be read as either."""
    rows = _table(data, filename)
    header, columns = _find_header(rows)
    if header is None:
        from .answers_csv import answers_list  # it builds a Sheet: imported here, not above

        listed = answers_list(rows, instrument)
        if listed is not None:
            return listed
        raise SheetError(
            [
                _(
                    "no LKE table found: a header row with the numbering (komponen, sub_komponen, "
                    "area_no, sub_area, butir — or a ref column), uraian and jawaban is needed"
                ),
                _(
                    "or a list of answers, one question a row: the question's code (ref, kode) "
                    "and its answer (answer, jawaban, nilai), e.g. “ref,answer” then “A.I.1.i.a,Ya”"
                ),
            ]
        )
    reader = _Reader(instrument)
    numbering = _Numbering()
    for number, cells in enumerate(rows[header + 1 :], start=header + 2):

        def written(name: str, cells=cells) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) and cells[index] else ""

        if any(c and c.strip() for c in cells):
            reader.row(number, numbering.carried(written))
    sheet = reader.finish()
    sheet.columns = {name: rows[header][index] for name, index in columns.items()}
    if not sheet.rows:
        raise SheetError([_("the sheet holds no row that matches a question of the LKE")])
    return sheet
