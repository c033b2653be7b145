"""Which kind of plan a table is, found from its header row's content, not fixed names:

- `decree`: the decree's Lampiran II (NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, …);
- `lke_code`: one or more rows per LKE question, placed by a code (`A.1.I.i` + `a`);
- `lke_text`: one row per LKE question, placed by its area / sub-area names and its text.

When no row reads as a header, the user maps the columns (web) or passes `--map` (CLI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zona.lib.text import clean, fold

from .fields import MULTI, header_columns
from .model import PlanFileError, Problem

HEADER_SEARCH = 200  # rows looked at for a header


@dataclass
class Layout:
    kind: str
    header: int  # the header row's index among the rows
    columns: dict[int, str]  # column index → field
    headers: list[str]  # the header row as written

    def described(self) -> dict[str, str]:
        """field → the file's column header (for the preview and the JSON); a field read from
        several columns names them all ("Output + Dokumen")."""
        described: dict[str, str] = {}
        for index, field in sorted(self.columns.items()):
            header = self.headers[index] if index < len(self.headers) else ""
            described[field] = f"{described[field]} + {header}" if field in described else header
        return described


class MappingNeeded(PlanFileError):
    """No header row was recognised: the user says which column is which."""

    def __init__(self, headers: list[str], header: int):
        self.headers = headers
        self.header = header
        super().__init__(
            [
                Problem(
                    "",
                    _(
                        "the columns were not recognised (%(columns)s): say which column holds the "
                        "indicator and the action steps, or download the template"
                    )
                    % {"columns": ", ".join(h for h in headers if h) or "-"},
                )
            ]
        )


def kind_of(fields: set[str]) -> str | None:
    if "indicator" not in fields:
        return None
    if "component" in fields or "no" in fields:
        return "decree"  # a KODE LKE column beside them is read into each indicator's LKE question
    if "code" in fields:
        return "lke_code"
    if fields & {"area", "subarea", "part", "actions"}:
        return "lke_text"
    return None


def candidate_kinds(fields: set[str]) -> list[str]:
    """Every layout a header row's fields allow (the evidence then decides between them)."""
    if "indicator" not in fields:
        return []
    kinds = []
    if fields & {"component", "no"}:
        kinds.append("decree")
    if "code" in fields:
        kinds.append("lke_code")
    if fields & {"area", "subarea", "part", "actions"}:
        kinds.append("lke_text")
    return kinds


def detect(rows: list[list[str]], mapping: dict[str, str] | None = None) -> Layout:
    """The layout of a table given as its rows of cell texts; `mapping` (field → column header)
    is the user's own reading of the header row."""
    cleaned = [[clean(c) for c in row] for row in rows[:HEADER_SEARCH]]
    if mapping:
        for index, cells in enumerate(cleaned):
            folded = [fold(c) for c in cells]
            wanted = _wanted(mapping, folded)
            if wanted is not None:
                columns = {folded.index(key): field for key, field in wanted.items()}
                kind = kind_of(set(columns.values())) or "lke_text"
                return Layout(kind, index, columns, cells)
        raise PlanFileError(
            [
                Problem(
                    "",
                    _("the mapped columns (%(columns)s) are not in one row of the file")
                    % {"columns": ", ".join(mapping.values())},
                )
            ]
        )
    for index, cells in enumerate(cleaned):
        columns = header_columns(cells)
        kind = kind_of(set(columns.values()))
        if kind:
            return Layout(kind, index, columns, cells)
    candidates = [(i, c) for i, c in enumerate(cleaned) if sum(bool(x) for x in c) >= 2]
    if not candidates:
        raise PlanFileError([Problem("", _("no table found: the file holds no rows with columns"))])
    index, cells = candidates[0]
    raise MappingNeeded(cells, index)


def mapped_columns(header: str) -> list[str]:
    """The columns a mapping names for one field: several joined by " + " ("Output + Dokumen",
    as the layout describes itself)."""
    return [part for part in (p.strip() for p in re.split(r"\s\+\s", header or "")) if part]


def _wanted(mapping: dict[str, str], folded: list[str]) -> dict[str, str] | None:
    """folded column header → field for a row (its cells folded); None when a mapped column is not
    in it. A header that is one of the row's cells is that column, even with a " + " in its name;
    otherwise it names several columns, allowed only for a field that may come from several."""
    present = set(folded)
    wanted: dict[str, str] = {}
    for field, header in mapping.items():
        if not header:
            continue
        columns = [header] if fold(header) in present else mapped_columns(header)
        if not all(fold(column) in present for column in columns):
            return None
        if len(columns) > 1 and field not in MULTI:
            raise PlanFileError(
                [
                    Problem(
                        "",
                        _("%(field)s is read from one column only; several columns go only to %(fields)s")
                        % {"field": field, "fields": ", ".join(sorted(MULTI))},
                    )
                ]
            )
        wanted.update({fold(column): field for column in columns})
    return wanted


def signature(headers: list[str]) -> str:
    """A key for a header row, to offer a saved column mapping when the same columns come back."""
    return "|".join(fold(h) for h in headers if fold(h))[:500]
