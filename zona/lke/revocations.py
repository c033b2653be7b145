"""The years a unit's predicate was revoked (data/revocations.yaml, with the decree or
announcement of each), read by the gates' revocation bar. Checked when first read."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zona.lib.errors import RuleError
from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "revocations.yaml"


class RevocationDataError(RuleError, ValueError):
    pass


@cache
def _revocations() -> dict[str, tuple[int, ...]]:
    data = load_yaml(DATA) or {}
    if not str(data.get("source", "")).strip():
        raise RevocationDataError("revocations.yaml: give its source")
    found = {}
    for code, entries in (data.get("units") or {}).items():
        years = []
        for entry in entries or []:
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("year"), int)
                or not entry.get("basis")
            ):
                raise RevocationDataError(
                    f"revocations.yaml: {code}: each entry needs its year and its basis"
                )
            years.append(entry["year"])
        found[str(code)] = tuple(sorted(years))
    return found


def revoked_years(unit_code: str) -> tuple[int, ...]:
    return _revocations().get(unit_code, ())
