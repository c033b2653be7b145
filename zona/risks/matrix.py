"""The risk-level matrices and their bands, from `data/matrices.yaml` (checked on load): every
matrix holds each level 1–25 exactly once and never falls as likelihood or impact rises; the
bands cover 1–25 without gap or overlap."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "matrices.yaml"
SCALE = range(1, 6)


class MatrixError(ValueError):
    pass


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str
    key: str


@dataclass(frozen=True)
class Matrix:
    name: str
    label: str
    levels: dict[tuple[int, int], int]  # (likelihood, impact) → level
    default: bool = False

    def level(self, likelihood: int, impact: int) -> int:
        if likelihood not in SCALE or impact not in SCALE:
            raise MatrixError(f"likelihood and impact are 1–5, not {likelihood} and {impact}")
        return self.levels[(likelihood, impact)]


@dataclass(frozen=True)
class Scheme:
    likelihood: dict[int, tuple[str, str]]  # level → (label, criteria)
    impact: dict[int, tuple[str, str]]
    bands: tuple[Band, ...]
    matrices: dict[str, Matrix]
    categories: tuple[str, ...]
    responses: dict[str, str]

    @property
    def default(self) -> Matrix:
        return next(m for m in self.matrices.values() if m.default)

    def matrix(self, name: str | None) -> Matrix:
        if not name:
            return self.default
        if name not in self.matrices:
            raise MatrixError(f"unknown matrix {name}: one of {', '.join(self.matrices)}")
        return self.matrices[name]

    def band(self, level: int) -> Band:
        return next(b for b in self.bands if b.low <= level <= b.high)

    def grid(self, matrix: Matrix) -> list[tuple[int, list[tuple[int, str]]]]:
        """Rows of likelihood 5 → 1, each (likelihood, [(level, band key) for impact 1 → 5])."""
        return [
            (lk, [(matrix.level(lk, im), self.band(matrix.level(lk, im)).key) for im in SCALE])
            for lk in reversed(SCALE)
        ]


def _matrix(raw: dict) -> Matrix:
    name = raw.get("name", "?")
    rows = raw.get("levels") or {}
    if sorted(int(k) for k in rows) != list(SCALE) or any(len(rows[k]) != 5 for k in rows):
        raise MatrixError(f"{name}: five rows (likelihood 1–5) of five levels (impact 1–5)")
    levels = {
        (int(lk), impact): int(v) for lk, row in rows.items() for impact, v in zip(SCALE, row, strict=True)
    }
    if sorted(levels.values()) != list(range(1, 26)):
        raise MatrixError(f"{name}: each level 1–25 exactly once")
    for (likelihood, impact), value in levels.items():
        if likelihood < 5 and levels[(likelihood + 1, impact)] < value:
            raise MatrixError(f"{name}: the level falls as likelihood rises at impact {impact}")
        if impact < 5 and levels[(likelihood, impact + 1)] < value:
            raise MatrixError(f"{name}: the level falls as impact rises at likelihood {likelihood}")
    return Matrix(name, str(raw.get("label", name)), levels, bool(raw.get("default")))


def parse(raw: dict) -> Scheme:
    bands = tuple(Band(int(b["from"]), int(b["to"]), str(b["label"]), str(b["key"])) for b in raw["bands"])
    covered = [n for b in bands for n in range(b.low, b.high + 1)]
    if covered != list(range(1, 26)):
        raise MatrixError("the bands cover 1–25 in order, without gap or overlap")
    matrices = {m.name: m for m in (_matrix(r) for r in raw["matrices"])}
    if sum(m.default for m in matrices.values()) != 1:
        raise MatrixError("exactly one matrix is the default")

    def criteria(key: str) -> dict[int, tuple[str, str]]:
        found = {int(c["level"]): (str(c["label"]), str(c.get("criteria", ""))) for c in raw[key]}
        if sorted(found) != list(SCALE):
            raise MatrixError(f"{key}: criteria for levels 1–5")
        return found

    return Scheme(
        likelihood=criteria("likelihood"),
        impact=criteria("impact"),
        bands=bands,
        matrices=matrices,
        categories=tuple(raw.get("categories") or ()),
        responses={r["key"]: r["label"] for r in raw["responses"]},
    )


@cache
def scheme() -> Scheme:
    return parse(load_yaml(DATA))
