"""Which layout a plan table is, chosen by evidence, never by the first match.

Every header row that names the indicator (one row, or two rows read together when the table's
header is split over two with merged cells) is tried with every layout its columns allow
(`decree`, `lke_code`, `lke_text`): each candidate reads the table's first data rows as it
would import them, and is scored by the share of rows it places less the share it would leave
out, then by how much of the header row it uses. The best candidate wins. When the best would
leave out most rows, or a second candidate scores close to it and would import another plan,
the user is asked (`LayoutUncertain`: the web shows the mapping page with the candidates, the
command line lists them with the options that would import each).

Columns no layout uses (a row number in a layout without components, `petugas_id`, blank
columns) are left out of the layout: they never decide its structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zona.lib.headers import mostly_named
from zona.lib.text import clean

from .fields import field_of, header_columns, repeats_header
from .layout import HEADER_SEARCH, Layout, MappingNeeded, candidate_kinds, detect
from .model import PlanFileError, Problem
from .questions import QuestionBuilder
from .rows import Row
from .table import PlanBuilder

SAMPLE = 200  # data rows each candidate reads to be scored
CLOSE = 0.1  # scores closer than this are a tie the user settles (when the plans differ)
FEW = 5  # below this many data rows, each row's own problem is said instead
KINDS = ("decree", "lke_code", "lke_text")
# The fields each layout reads; any other recognised column is left out of that layout.
_READ = ("indicator", "actions", "evidence", "target", "pic", "measures", "year")
USES = {
    "decree": frozenset({"no", "area", "component", "code", *_READ}),
    "lke_code": frozenset({"code", "item", "part", "area", "subarea", "unit", *_READ}),
    "lke_text": frozenset({"part", "area", "subarea", "unit", *_READ}),
}


@dataclass
class Candidate:
    layout: Layout
    total: int  # data rows read
    placed: int  # imported or merged
    flagged: int  # left out, or stopping the import
    support: float  # share of the header's recognised columns this layout reads
    result: tuple = ()  # what it would import: (number of indicators, their LKE questions)
    cause: str = ""  # the first row it would leave out, with its reason
    # Data rows under the file's first header row and above this layout's, which it does not
    # read: a data row that looks like a header ("Indikator …", "Dokumen …", "Target …") placing
    # the few rows under it must not beat the header that reads the whole table.
    unread: int = 0

    @property
    def exact(self) -> float:
        rows = self.total + self.unread
        return (self.placed - self.flagged) / rows if rows else 0.0

    @property
    def score(self) -> float:
        return round(self.exact, 2)

    def rank(self) -> tuple:
        """Best first: the score, then the share of the header read, then the fewest rows left
        out (a second header row read as data), then the first header row."""
        return (self.score, self.support, self.exact, -self.layout.header)

    def options(self) -> str:
        """The command-line options that import the file this way."""
        maps = " ".join(f'--map {field}="{header}"' for field, header in self.layout.described().items())
        return f"--layout {self.layout.kind} {maps}".strip()

    def summary(self) -> str:
        """The layout, its score, what it places and the columns it reads (for the web)."""
        return _(
            "%(name)s: score %(score)s (%(placed)s of %(total)s rows placed, %(flagged)s would be left "
            "out); columns read: %(columns)s"
        ) % {
            "name": layout_name(self.layout.kind),
            "score": f"{self.score:.2f}",
            "placed": self.placed,
            "total": self.total,
            "flagged": self.flagged,
            "columns": ", ".join(f"{f}={h}" for f, h in self.layout.described().items()),
        }

    def describe(self) -> str:
        """The summary and the command-line options that import the file this way."""
        return _("%(summary)s; to import it so: %(options)s") % {
            "summary": self.summary(),
            "options": self.options(),
        }


def layout_name(kind: str) -> str:
    return {
        "decree": _("the decree's Lampiran II columns"),
        "lke_code": _("one or more rows per LKE question, placed by its code"),
        "lke_text": _("the LKE questions written out, placed by their area and text"),
    }[kind]


class LayoutUncertain(MappingNeeded):
    """The file's layout is not clear from its content: the user chooses (the candidates are
    listed best first, each with its score)."""

    def __init__(self, candidates: list[Candidate], reason: str):
        best = candidates[0].layout
        self.candidates = candidates
        self.reason = reason
        self.headers = best.headers
        self.header = best.header
        PlanFileError.__init__(
            self,
            [Problem("", reason)] + [Problem("", candidate.describe()) for candidate in candidates],
        )


# -- the table's edges ---------------------------------------------------------------------
_SIGNATURE = re.compile(
    r"^(ditetapkan|mengetahui|menyetujui|disahkan|ttd|t\.t\.d|kepala|ketua|plt|plh|nip\b|an\.|a\.n\.|"
    r"sekretaris|direktur|bupati|walikota|gubernur|inspektur|camat)"
    r"|\b\d{1,2}\s+(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\s+\d{4}\b",
    re.IGNORECASE,
)


def _filled(row: Row) -> list[str]:
    return [c for c in (clean(x) for x in row.cells) if c]


def without_footer(rows: list[Row]) -> tuple[list[Row], int]:
    """The rows without the block under the table (the place and date, the signatory's title,
    name and NIP), and how many rows it held. Among the rows filling at most two cells after the
    table's last fuller row, the block starts at the first that follows an empty row or starts
    with a signature's words; a last row of the table with one cell (more steps) stays."""
    end = len(rows)
    while end and not _filled(rows[end - 1]):
        end -= 1
    start = end
    while start and len(_filled(rows[start - 1])) <= 2:
        start -= 1
    block = [i for i in range(start, end) if _filled(rows[i])]
    for place, index in enumerate(block):
        after_gap = index > 0 and not _filled(rows[index - 1])
        if after_gap or _SIGNATURE.search(" ".join(_filled(rows[index]))):
            return rows[:index], len(block) - place
    return rows, 0


# -- header rows ---------------------------------------------------------------------------
def _stacked(top: list[str], bottom: list[str]) -> list[str]:
    """Two header rows read as one: a bottom cell naming a field wins over the cell above it; a
    cell merged over several columns (written once, at its first) is carried to its right."""
    width = max(len(top), len(bottom))
    top = top + [""] * (width - len(top))
    bottom = bottom + [""] * (width - len(bottom))
    cells, carried = [], ""
    for upper, lower in zip(top, bottom, strict=True):
        if upper:
            carried = upper
        elif not lower:
            carried = ""
        above = upper or (carried if lower else "")
        cells.append(lower if lower and (field_of(lower) or not above) else above)
    return cells


def header_rows(rows: list[Row]) -> list[tuple[int, list[str]]]:
    """(index of the row the data starts under, header cells) for every row that reads as a
    header naming the indicator, and for every such row read together with the row under it."""
    cleaned = [[clean(c) for c in row.cells] for row in rows[:HEADER_SEARCH]]
    found, seen = [], []
    for index, cells in enumerate(cleaned):
        if "indicator" not in header_columns(cells).values():
            continue
        if any(repeats_header(cells, earlier) for earlier in seen):
            continue  # the header repeated on a new page (a few cells misread by OCR): the same table's
        seen.append(cells)
        found.append((index, cells))
        if index + 1 < len(cleaned) and mostly_named(cleaned[index + 1], field_of):
            stacked = _stacked(cells, cleaned[index + 1])
            if stacked != cells and header_columns(stacked):
                found.append((index + 1, stacked))
    return found


# -- scoring -------------------------------------------------------------------------------
def _layout(kind: str, index: int, cells: list[str], columns: dict[int, str]) -> Layout:
    kept = {i: field for i, field in columns.items() if field in USES[kind]}
    return Layout(kind, index, kept, cells)


def score(layout: Layout, rows: list[Row], *, recognised: int | None = None) -> Candidate:
    """Read the first data rows as `layout` would, and count what it places and leaves out."""
    sample = rows[: layout.header + 1 + SAMPLE]
    if layout.kind == "decree":
        builder = PlanBuilder(preset=layout)
        builder.run(sample, layout.header)
        plan = builder.result()
        count = builder.rows
        flagged = max(count.dropped, len(builder.problems))
        first = builder.problems[:1] or [f for f in plan.flagged if f.skipped][:1]
    else:
        plan = QuestionBuilder(layout).build(sample[layout.header + 1 :])
        count = plan.rows
        flagged = count.dropped
        first = [f for f in plan.flagged if f.skipped][:1]
    indicators = plan.indicators()
    used = len(set(layout.columns.values()))
    return Candidate(
        layout=layout,
        total=count.total,
        placed=count.imported + count.merged,
        flagged=min(flagged, count.total),
        support=round(used / max(recognised or used, 1), 2),
        result=(len(indicators), tuple(i.lke_ref for i in indicators)),
        cause=str(first[0]) if first else "",
    )


def candidates(rows: list[Row], kind: str | None = None) -> list[Candidate]:
    """Every (header row, layout) the file allows, scored, best first."""
    found = []
    headers = header_rows(rows)
    starts = {index for index, _cells in headers}
    for index, cells in headers:
        columns = header_columns(cells)
        unread = sum(1 for i in range(min(starts) + 1, index) if i not in starts and _filled(rows[i]))
        for each in candidate_kinds(set(columns.values())):
            if kind is None or each == kind:
                layout = _layout(each, index, cells, columns)
                candidate = score(layout, rows, recognised=len(set(columns.values())))
                candidate.unread = unread
                found.append(candidate)
    return sorted(found, key=Candidate.rank, reverse=True)


def choose(rows: list[Row], mapping: dict[str, str] | None = None, kind: str | None = None) -> Layout:
    """The layout to read the file with; LayoutUncertain when the user must choose, and
    MappingNeeded when no header row is recognised at all."""
    if mapping:
        layout = detect([r.cells for r in rows], mapping)
        kinds = [kind] if kind else candidate_kinds(set(layout.columns.values())) or ["lke_text"]
        scored = [score(_layout(k, layout.header, layout.headers, layout.columns), rows) for k in kinds]
        best = max(scored, key=Candidate.rank)
        if kind:
            _forced_fits(best, rows)
        return best.layout
    found = candidates(rows, kind)
    if not found:
        if kind:
            raise PlanFileError(
                [Problem("", _("the file's columns don't fit the layout %(kind)s") % {"kind": kind})]
            )
        return detect([r.cells for r in rows])  # raises MappingNeeded: no header row at all
    best = found[0]
    if kind:
        _forced_fits(best, rows)
    rivals = [
        c
        for c in found[1:]
        if c.layout.kind != best.layout.kind and c.score >= best.score - CLOSE and c.result != best.result
    ]
    if not kind and best.total >= FEW and best.flagged * 2 > best.total:
        reason = _(
            "the layout of the file is probably not the one recognised: read as %(kind)s, %(flagged)s of "
            "its %(total)s rows would be left out. Say which column is which"
        ) % {"kind": layout_name(best.layout.kind), "flagged": best.flagged, "total": best.total}
        raise LayoutUncertain(_distinct(found), reason)
    if rivals and not kind:
        reason = _("the file can be read in more than one way, with close scores: choose the layout")
        raise LayoutUncertain(_distinct([best, *rivals]), reason)
    return best.layout


def _forced_fits(best: Candidate, rows: list[Row]) -> None:
    """A layout given by the user (`--layout`) that would leave out most rows is refused once,
    with its reason and the layouts the file allows, never with a message per row for the same
    cause."""
    if best.total < FEW or best.flagged * 2 <= best.total:
        return
    reason = _(
        "the file does not fit the layout %(kind)s: %(flagged)s of its %(total)s rows would be left out "
        "(the first: %(cause)s). The layouts the file allows"
    ) % {
        "kind": layout_name(best.layout.kind),
        "flagged": best.flagged,
        "total": best.total,
        "cause": best.cause or "-",
    }
    others = [c for c in candidates(rows) if c.layout.kind != best.layout.kind]
    raise LayoutUncertain(_distinct([best, *others]), reason)


def _distinct(found: list[Candidate]) -> list[Candidate]:
    """The candidates named to the user: one per layout, best first, at most three."""
    seen, kept = set(), []
    for candidate in found:
        if candidate.layout.kind not in seen:
            seen.add(candidate.layout.kind)
            kept.append(candidate)
    return kept[:3]
