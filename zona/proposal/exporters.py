"""The package's drafted documents: the TPI's evaluation report (LHE) as DOCX and PDF, the
cover letter (surat usulan) and the statement of responsibility (SPTJM) as DOCX. Everything a
person typed goes in as text (python-docx and the template escape it), never as markup."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zona.lib.render import pdf_from_template
from zona.lke.models import Assessment, Level
from zona.lke.scoring import Result, rounded
from zona.lke.services import gate_facts, instrument_of, level_score
from zona.lke.states import review_state, shown_score

from .letters import letters
from .models import ProposalDetails
from .sources import LheRow, lhe_rows

BLANK = "…………………………"  # what a draft shows where the unit has not said yet


def predicate_of(assessment: Assessment) -> str:
    """The predicate proposed: WBBM for a unit holding a WBK (its decree on the self-assessment or a
    predicate recorded in the national cycle, as the gates read it), else WBK."""
    return "WBBM" if "WBK" in gate_facts(assessment)["prior"] else "WBK"


def letter_values(assessment: Assessment, details: ProposalDetails | None, today: date) -> dict[str, str]:
    """The placeholders of the letters (data/letters.yaml), from the unit's data."""
    texts = letters()
    predicate = predicate_of(assessment)
    shown = shown_score(assessment.scores or {})
    level, scores = shown if shown else (Level.SELF, {})
    total = scores.get("total")

    def given(name: str) -> str:
        value = getattr(details, name, "") if details else ""
        return value.strip() or BLANK

    return {
        "unit": assessment.unit.name,
        "unit_upper": assessment.unit.name.upper(),
        "year": str(assessment.year),
        "predicate": predicate,
        "predicate_long": texts.predicates[predicate],
        "score": f"{total:.2f}".replace(".", ",") if total is not None else BLANK,
        "score_level": texts.score_levels[str(level)],
        "head_name": given("head_name"),
        "head_nip": given("head_nip"),
        "head_position": given("head_position"),
        "address": given("address"),
        "city": given("city"),
        "date": date_format(today, "j F Y"),
        "letter_number": given("letter_number"),
        "recipient": texts.recipient,
    }


def letter_docx(kind: str, values: dict[str, str]) -> bytes:
    """A drafted letter ("cover_letter" or "statement") as DOCX."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    filled = letters().letters[kind].filled(values)
    document = Document()
    for line in filled["heading"]:
        paragraph = document.add_paragraph(line)
        if kind == "statement":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.runs[0].bold = True
    document.add_paragraph()
    for line in filled["salutation"]:
        document.add_paragraph(line)
    for line in filled["body"]:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph()
    for line in filled["closing"]:
        document.add_paragraph(line).paragraph_format.left_indent = Cm(9)
    for _blank in range(3):
        document.add_paragraph()
    for line in filled["signature"]:
        document.add_paragraph(line).paragraph_format.left_indent = Cm(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@dataclass
class Report:
    """What the LHE shows: the scores of both levels per component and area, the predicates the
    scored level reaches, and the evaluators' rows per question."""

    unit: str
    year: int
    built: str
    components: list[tuple[str, str, str, str, str]]  # ref, name, weight, self, TPI
    predicates: list[tuple[str, str]]  # name, verdict
    rows: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)


def _number(value) -> str:
    return "–" if value is None else f"{rounded(value):.2f}".replace(".", ",")


def lhe_report(assessment: Assessment, today: date, person) -> Report:
    instrument = instrument_of(assessment)
    results: dict[str, Result] = {Level.SELF: level_score(assessment, Level.SELF)}
    if assessment.answers.filter(level=Level.TPI).exists():
        results[Level.TPI] = level_score(assessment, Level.TPI)
    shown = results.get(Level.TPI) or results[Level.SELF]
    provisional = Level.TPI not in results or not review_state(assessment, instrument).complete
    components = [
        ("", _("Total"), "100", *(_number(results[lv].total) if lv in results else "–" for lv in Level))
    ]
    for node in _outline(instrument.roots):
        values = [_number(results[lv].nodes.get(node.ref)) if lv in results else "–" for lv in Level]
        components.append((node.ref, node.name, _number(node.weight), *values))
    predicates = []
    for name, predicate in shown.predicates.items():
        verdict = _("meets the criteria") if predicate.eligible else _("does not meet the criteria yet")
        predicates.append((name, verdict + (f" ({_('provisional')})" if provisional else "")))
    questions = instrument.questions
    rows = [_row(row, questions[row.ref].text) for row in lhe_rows(assessment, person)]
    return Report(
        unit=assessment.unit.name,
        year=assessment.year,
        built=date_format(today, "j F Y"),
        components=components,
        predicates=predicates,
        rows=rows,
    )


def _outline(nodes) -> list:
    """The components, parts and areas, each before its children (sub-components left out)."""
    out = []
    for node in nodes:
        if not node.is_group:
            out += [node, *_outline(node.children)]
    return out


def _row(row: LheRow, text: str) -> tuple[str, str, str, str, str, str]:
    score = "–" if row.score is None else f"{row.score:.2f}".replace(".", ",")
    return (row.ref, text, row.tier, row.answer, score, row.note)


def lhe_docx(report: Report) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(_("ZONA INTEGRITAS EVALUATION REPORT (LHE)"), level=1)
    document.add_paragraph(f"{report.unit} · {report.year}")
    document.add_paragraph(
        _("Draft built by Zona on %(date)s from the Internal Evaluation Team's (TPI) answers and notes.")
        % {"date": report.built}
    )
    document.add_heading(_("Scores"), level=2)
    _table(
        document, [_("Ref"), _("Component"), _("Weight"), _("Self-assessment"), _("TPI")], report.components
    )
    document.add_heading(_("Predicate criteria"), level=2)
    for name, verdict in report.predicates:
        document.add_paragraph(f"{name}: {verdict}", style="List Bullet")
    document.add_heading(_("Evaluation per question"), level=2)
    headers = [_("Ref"), _("Question"), _("Evaluator"), _("Answer"), _("Score"), _("Note")]
    _table(document, headers, report.rows)
    document.add_paragraph()
    document.add_paragraph(_("Internal Evaluation Team (TPI)"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, headers: list[str], rows: list[tuple]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)


def lhe_pdf(report: Report, *, max_pages: int | None = None) -> bytes:
    return pdf_from_template("proposal/lhe_pdf.html", {"report": report}, max_pages=max_pages)
