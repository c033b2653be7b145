"""Reading questionnaires from a spreadsheet (CSV or XLSX): one row per respondent, a column per
item named by its key (`U1`…`U9` for the SKM; case-insensitive), other columns ignored unless
they are a profile column. Blank means not answered; anything else outside the scale is an error
naming the row and the column. All or nothing: one error, nothing read."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zona.lib.errors import ProblemsError
from zona.lib.records import RecordsError, table_rows
from zona.lib.text import fold

PROFILE = ("age_group", "sex", "education", "occupation")
PROFILE_HEADERS = {
    "age_group": {"usia", "umur", "kelompokusia", "agegroup"},
    "sex": {"jeniskelamin", "kelamin", "sex", "jk"},
    "education": {"pendidikan", "education"},
    "occupation": {"pekerjaan", "occupation"},
}


class RespondentsError(ProblemsError):
    """A file the rules refuse to read; `problems` (one per row at fault) are for the user. Still a
    ValueError for callers that catch one."""


@dataclass
class Respondent:
    row: int
    answers: list[int | None]
    profile: dict[str, str] = field(default_factory=dict)


def _rows(data: bytes) -> list[list[str]]:
    try:
        return table_rows(data)
    except RecordsError as exc:
        raise RespondentsError(exc.problems) from exc


def read(
    data: bytes, filename: str, keys: list[str], low: int = 1, high: int = 4, limit: int = 100_000
) -> list[Respondent]:
    rows = _rows(data)
    if not rows:
        raise RespondentsError([_("the file is empty")])
    header = [fold(c) for c in rows[0]]
    wanted = {fold(k): i for i, k in enumerate(keys)}
    columns = {index: wanted[name] for index, name in enumerate(header) if name in wanted}
    missing = [k for k in keys if fold(k) not in header]
    if missing:
        raise RespondentsError(
            [_("row 1: the columns %(columns)s are missing") % {"columns": ", ".join(missing)}]
        )
    profile_columns = {
        index: field_name
        for index, name in enumerate(header)
        for field_name, names in PROFILE_HEADERS.items()
        if name in names
    }
    if len(rows) - 1 > limit:
        raise RespondentsError([_("more than %(n)s rows: split the file") % {"n": limit}])
    found, problems = [], []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c and c.strip() for c in cells):
            continue
        answers: list[int | None] = [None] * len(keys)
        for index, item in columns.items():
            raw = (cells[index] if index < len(cells) else "").strip()
            if not raw:
                continue
            if raw.isdigit() and low <= int(raw) <= high:
                answers[item] = int(raw)
            else:
                problems.append(
                    _("row %(row)s, column %(column)s: “%(value)s” is not an answer %(low)s–%(high)s")
                    % {"row": number, "column": rows[0][index], "value": raw[:20], "low": low, "high": high}
                )
        profile = {
            name: (cells[i] if i < len(cells) else "").strip()[:60] for i, name in profile_columns.items()
        }
        found.append(Respondent(number, answers, {k: v for k, v in profile.items() if v}))
    if problems:
        raise RespondentsError(problems)
    return found
