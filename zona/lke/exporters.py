"""The LKE as XLSX in the familiar layout, and the evidence pack (ZIP) the TPI asks for."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile

from zona.lib.xlsx import workbook

from .instrument import Node
from .models import Answer, Assessment, Level
from .scoring import Result, rounded
from .selectors import answer_values
from .services import instrument_of, level_score
from .states import review_state, self_state


def _pct(value, weight) -> float:
    return float(rounded(value / weight * 100)) if weight else 0.0


COLUMNS = [
    "REF",
    "KOMPONEN / PERTANYAAN",
    "BOBOT",
    "JAWABAN MANDIRI",
    "NILAI MANDIRI",
    "% MANDIRI",
    "JAWABAN TPI",
    "NILAI TPI",
    "% TPI",
    "CATATAN MANDIRI",
    "CATATAN TPI",
]  # `zona lke import` reads this sheet back: REF, JAWABAN MANDIRI, CATATAN MANDIRI
WIDTHS = [14, 70, 8, 10, 10, 10, 10, 10, 10, 40, 40]


def lke_xlsx(assessment: Assessment) -> bytes:
    """The LKE sheet (every component and question with both levels' answers and scores) and
    a sheet of predicate criteria per level scored."""
    instrument = instrument_of(assessment)
    results: dict[str, Result] = {Level.SELF: level_score(assessment, Level.SELF)}
    if assessment.answers.filter(level=Level.TPI).exists():
        results[Level.TPI] = level_score(assessment, Level.TPI)
    answers = {(a.level, a.ref): a for a in assessment.answers.all()}
    values = {level: answer_values(assessment, instrument, level) for level in results}
    buffer = io.BytesIO()
    book = workbook(buffer)
    formats = {
        "bold": book.add_format({"bold": True}),
        "head": book.add_format({"bold": True, "border": 1, "bg_color": "#D9E2F3", "text_wrap": True}),
        "node": book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "text_wrap": True}),
        "cell": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
    }
    sheet = book.add_worksheet("LKE")
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    title = f"LEMBAR KERJA EVALUASI ZONA INTEGRITAS {assessment.unit.name.upper()} TAHUN {assessment.year}"
    sheet.write(0, 0, title, formats["bold"])
    sheet.write(1, 0, f"{instrument.title} ({instrument.legal_basis})")
    sheet.write_row(3, 0, COLUMNS, formats["head"])
    total = ["", "NILAI TOTAL", 100.0]
    for level in (Level.SELF, Level.TPI):
        result = results.get(level)
        total += [
            "",
            float(rounded(result.total)) if result else "",
            _pct(result.total, 100) if result else "",
        ]
    sheet.write_row(4, 0, total + ["", ""], formats["node"])
    rows = (row for root in instrument.roots for row in _tree_rows(root, results, answers, values))
    for line, (row, is_node) in enumerate(rows, start=5):
        sheet.write_row(line, 0, row, formats["node" if is_node else "cell"])
    provisional = {
        Level.SELF: self_state(assessment, instrument).provisional,
        Level.TPI: not review_state(assessment, instrument).complete,
    }
    for level, result in results.items():
        _predicate_sheet(book, formats, level, result, provisional[level])
    book.close()
    return buffer.getvalue()


def _tree_rows(node: Node, results: dict[str, Result], answers: dict, values: dict):
    """The node's row, its questions' rows, then its children's, depth first: (row, is_node)."""
    row = [node.ref, node.name, float(node.weight)]
    for level in (Level.SELF, Level.TPI):
        result = results.get(level)
        value = result.nodes[node.ref] if result else None
        row += [
            "",
            float(rounded(value)) if value is not None else "",
            _pct(value, node.weight) if result else "",
        ]
    yield row + ["", ""], True
    for question in node.questions:
        row = [question.ref, question.text, ""]
        for level in (Level.SELF, Level.TPI):
            answer = answers.get((level, question.ref))
            value = values.get(level, {}).get(question.ref)
            row += [answer.value if answer else "", float(rounded(value)) if value is not None else "", ""]
        yield (
            row + _notes(answers.get((Level.SELF, question.ref)), answers.get((Level.TPI, question.ref))),
            False,
        )
    for child in node.children:
        yield from _tree_rows(child, results, answers, values)


def _notes(own: Answer | None, tpi: Answer | None) -> list[str]:
    """The unit's justification apart (the import reads it back as the justification), then the
    reviewers' notes and the TPI's justification."""
    theirs = [own.note if own else "", *((tpi.justification, tpi.note) if tpi else ())]
    return [own.justification if own else "", " / ".join(text for text in theirs if text)]


def _predicate_sheet(book, formats: dict, level: str, result: Result, provisional: bool) -> None:
    """Each predicate of a level, eligible or not, with its criteria, values and thresholds;
    "SEMENTARA" while the level's eligibility is provisional (answers unconfirmed, without the
    evidence their question expects, or unreviewed): never a plain "memenuhi"."""
    sheet = book.add_worksheet(f"Predikat {level}")
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 3, 14)
    line = 0
    for name, predicate in result.predicates.items():
        verdict = "MEMENUHI" if predicate.eligible else "BELUM MEMENUHI"
        if provisional:
            verdict += " (SEMENTARA)"
        sheet.write(line, 0, f"{name}: {verdict}", formats["bold"])
        line += 1
        sheet.write_row(line, 0, ["KRITERIA", "NILAI", "BATAS", "HASIL"], formats["head"])
        for c in predicate.criteria:
            line += 1
            value = str(c.value) if isinstance(c.value, bool) else float(rounded(c.value))
            threshold = str(c.threshold) if isinstance(c.threshold, bool) else float(rounded(c.threshold))
            sheet.write_row(
                line, 0, [c.name, value, threshold, "Ya" if c.passed else "Tidak"], formats["cell"]
            )
        line += 2


def _safe(text: str, limit: int = 60) -> str:
    return re.sub(r"[^A-Za-z0-9 ._-]+", "", text).strip()[:limit] or "_"


def evidence_pack_file(assessment: Assessment):
    """A ZIP on disk (returned open, rewound): area / sub-component / question folders with the
    files linked to the self-assessment answers, and an index with hashes and effective dates."""

    instrument = instrument_of(assessment)
    handle = tempfile.TemporaryFile()
    index_rows = []
    answers = Answer.objects.filter(assessment=assessment, level=Level.SELF).prefetch_related(
        "evidence__versions"
    )
    by_ref = {a.ref: a for a in answers}
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for group in instrument.groups():
            parts = group.ref.split(".")
            for question in group.questions:
                answer = by_ref.get(question.ref)
                if answer is None:
                    continue
                folder = "/".join([*parts[:3], _safe(f"{group.ref} {group.name}"), question.ref])
                for item in answer.evidence.all():
                    versions = list(item.versions.all())
                    if not versions:
                        index_rows.append(
                            [question.ref, item.title, item.url, "", "", str(item.effective_date or "")]
                        )
                        continue
                    version = versions[0]
                    name = f"{folder}/{item.pk}-{_safe(version.download_name, 80)}"
                    with version.file.open("rb") as source, archive.open(name, "w") as target:
                        while chunk := source.read(1024 * 1024):
                            target.write(chunk)
                    index_rows.append(
                        [
                            question.ref,
                            item.title,
                            name,
                            version.sha256,
                            version.size,
                            str(item.effective_date or ""),
                        ]
                    )
        buffer = io.BytesIO()
        book = workbook(buffer)
        sheet = book.add_worksheet("Indeks")
        sheet.write_row(0, 0, ["REF", "BUKTI", "BERKAS / TAUTAN", "SHA-256", "UKURAN", "TANGGAL BERLAKU"])
        for line, row in enumerate(index_rows, start=1):
            sheet.write_row(line, 0, row)
        book.close()
        archive.writestr("indeks.xlsx", buffer.getvalue())
    handle.seek(0)
    return handle
