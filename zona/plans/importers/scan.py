"""A plan read from a scanned PDF by OCR (zona.lib.readers.read_scan): the cells OCR read with low
confidence become notes for the user to check ("periksa sel ini"), each with its page, row,
column and the text read, and the indicators holding such a cell are marked in the preview."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lib.readers import Content
from zona.lib.text import clean

from .model import DoubtfulCell, Flag, ParsedPlan, PlanFileError, Problem


class ScanNeedsOcr(PlanFileError):
    """A PDF without a text layer: it is read by OCR (in the background worker on the web)."""

    def __init__(self):
        super().__init__(
            [
                Problem(
                    "",
                    _(
                        "this PDF is a scan (images only, no text): it is read by OCR, which takes a few "
                        "seconds a page"
                    ),
                )
            ]
        )


def doubtful_cells(content: Content) -> list[DoubtfulCell]:
    """Every cell read with low confidence, with its page, row and column header (the table's
    first row on its page) and the text read."""
    flags = []
    for table in content.tables:
        header = table.rows[0] if table.rows else []
        for row, column, confidence in table.doubtful:
            value = table.rows[row][column] if row < len(table.rows) else ""
            if not clean(value):
                continue
            name = clean(header[column]) if column < len(header) and row else ""
            flags.append(
                DoubtfulCell(
                    where=_("page %(p)s, table %(t)s, row %(n)s")
                    % {"p": table.page, "t": table.number, "n": row + 1},
                    problem=_("read by OCR with %(c)s%% confidence: check this cell") % {"c": confidence},
                    column=name or _("column %(n)s") % {"n": column + 1},
                    value=" ".join(value.split()),
                    page=table.page,
                    row=row + 1,
                    confidence=confidence,
                )
            )
    return flags


def mark_doubtful(plan: ParsedPlan, flags: list[Flag]) -> int:
    """Mark each indicator read from a row holding a doubtful cell (`indicator.doubtful`); an
    indicator whose row is not known is marked when it holds a doubtful cell's text. How many
    were marked."""
    places = {f.where for f in flags}
    values = [f.value for f in flags if len(f.value) >= 2]
    marked = 0
    for indicator in plan.indicators():
        if indicator.where:
            indicator.doubtful = indicator.where in places
        else:
            indicator.doubtful = any(value in _held(indicator) for value in values)
        marked += indicator.doubtful
    return marked


def _held(indicator) -> str:
    fields = [indicator.text, *indicator.actions, indicator.evidence, indicator.pic, indicator.target.text]
    return " ".join(" ".join(f.split()) for f in fields if f)
