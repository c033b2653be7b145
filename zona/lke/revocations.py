"""The years a unit's predicate was revoked (data/revocations.yaml, with the decree or
announcement of each), read by the gates' revocation bar; and whether the WBK of the decree a
unit typed on its self-assessment still stands after the revocations. Checked when first read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from zona.lib.errors import RuleError
from zona.lib.yamlfile import load_yaml

from .providers import OutsideFacts, outside_facts

DATA = Path(__file__).parent / "data" / "revocations.yaml"
PREDICATES = ("WBK", "WBBM")  # an entry's optional `predicate`; without it the entry counts as WBK's


class RevocationDataError(RuleError, ValueError):
    pass


@cache
def _revocations() -> dict[str, tuple[tuple[int, str], ...]]:
    """unit code → (year, predicate revoked: WBK, WBBM or "" when the entry does not say)."""
    data = load_yaml(DATA) or {}
    if not str(data.get("source", "")).strip():
        raise RevocationDataError("revocations.yaml: give its source")
    found = {}
    for code, entries in (data.get("units") or {}).items():
        rows = []
        for entry in entries or []:
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("year"), int)
                or not entry.get("basis")
            ):
                raise RevocationDataError(
                    f"revocations.yaml: {code}: each entry needs its year and its basis"
                )
            predicate = str(entry.get("predicate") or "")
            if predicate and predicate not in PREDICATES:
                raise RevocationDataError(f"revocations.yaml: {code}: the predicate is WBK or WBBM")
            rows.append((entry["year"], predicate))
        found[str(code)] = tuple(sorted(rows))
    return found


def revoked_years(unit_code: str) -> tuple[int, ...]:
    return tuple(year for year, _predicate in _revocations().get(unit_code, ()))


def wbk_revoked_years(unit_code: str) -> tuple[int, ...]:
    """The years of the data file's revocations of the unit's WBK (an entry that names no
    predicate counts as one: the revocations the file was written for were WBK's)."""
    return tuple(year for year, predicate in _revocations().get(unit_code, ()) if predicate != "WBBM")


def wbk_revoked_after(
    decree: date, year: int, revoked_on: Iterable[date] = (), revoked_in: Iterable[int] = ()
) -> int | None:
    """The year of the first revocation of the unit's WBK that ends the WBK awarded by a decree
    dated `decree`, for an assessment of `year`; None while that WBK stands. A recorded revocation
    (`revoked_on`, its date) ends it when dated on or after the decree and in `year` or before; a
    year of the data file (`revoked_in`, no date) when it lies from the decree's year to `year`.
    An earlier revocation was of an earlier WBK; a later one does not reach back (the rule of a
    recorded WBK in force: decreed in the year or before, not revoked in or before it)."""
    ends = [on.year for on in revoked_on if decree <= on and on.year <= year]
    ends += [y for y in revoked_in if decree.year <= y <= year]
    return min(ends, default=None)


def decree_revoked_in(assessment, outside: OutsideFacts | None = None) -> int | None:
    """The year the WBK of the decree typed on the assessment was revoked (it no longer counts
    as the WBK that WBBM needs), or None: no decree, or its WBK stands."""
    if not assessment.holds_wbk:
        return None
    outside = outside_facts(assessment) if outside is None else outside
    return wbk_revoked_after(
        assessment.wbk_decree_date,
        assessment.year,
        outside.wbk_revoked_on,
        wbk_revoked_years(assessment.unit.code),
    )
