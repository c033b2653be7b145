"""Survey definitions as data: the items, the answer scale and its labels, the kind (SKM, IPAK,
IPKP, or a unit's own). The library's YAML files in `definitions/` and the units' own (kept in
the database as the same YAML) pass the same check."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from zona.lib.errors import ProblemsError
from zona.lib.yamlfile import load_yaml

LIBRARY = Path(__file__).parent / "definitions"
KINDS = ("skm", "ipak", "ipkp", "custom")
MAX_ITEMS = 20  # a response keeps one column per item


class DefinitionError(ProblemsError):
    """The problems (one a line) are for the user; still a ValueError for callers that catch one."""


@dataclass(frozen=True)
class Item:
    key: str
    name: str
    question: str
    labels: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Definition:
    code: str
    version: str
    name: str
    kind: str
    scale_min: int
    scale_max: int
    labels: dict[int, str]
    items: tuple[Item, ...]
    lke_ref: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def labels_for(self, item: Item) -> list[tuple[int, str]]:
        return [
            (v, item.labels.get(v) or self.labels.get(v, str(v)))
            for v in range(self.scale_min, self.scale_max + 1)
        ]

    @property
    def key(self) -> str:
        return f"{self.code}@{self.version}"


def parse(raw: Any) -> Definition:
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise DefinitionError(["a definition is a mapping (code, version, name, kind, scale, items)"])
    for name in ("code", "version", "name", "kind", "scale", "items"):
        if name not in raw:
            problems.append(f"missing {name}")
    if problems:
        raise DefinitionError(problems)
    if raw["kind"] not in KINDS:
        problems.append(f"kind must be one of {', '.join(KINDS)}")
    scale = raw["scale"] or {}
    low, high = scale.get("min"), scale.get("max")
    if not (isinstance(low, int) and isinstance(high, int) and 0 <= low < high <= 10):
        problems.append("scale: min and max are whole numbers, 0 ≤ min < max ≤ 10")
        low, high = 1, 4
    if raw["kind"] == "skm" and (low, high) != (1, 4):
        problems.append("an SKM is answered 1–4 (PermenPAN-RB 14/2017)")
    items = raw["items"] or []
    if not 1 <= len(items) <= MAX_ITEMS:
        problems.append(f"between 1 and {MAX_ITEMS} items")
    if raw["kind"] == "skm" and len(items) != 9:
        problems.append("an SKM has the 9 unsur of PermenPAN-RB 14/2017")
    keys = [str((i or {}).get("key", "")) for i in items]
    if len(set(keys)) != len(keys) or not all(keys):
        problems.append("every item needs its own key")
    parsed = []
    for item in items:
        item = item or {}
        if not item.get("name") or not item.get("question"):
            problems.append(f"item {item.get('key', '?')}: a name and a question")
        labels = {int(k): str(v) for k, v in (item.get("labels") or {}).items()}
        if any(not low <= k <= high for k in labels):
            problems.append(f"item {item.get('key', '?')}: labels outside the scale")
        parsed.append(
            Item(str(item.get("key", "")), str(item.get("name", "")), str(item.get("question", "")), labels)
        )
    if problems:
        raise DefinitionError(problems)
    return Definition(
        code=str(raw["code"]),
        version=str(raw["version"]),
        name=str(raw["name"]),
        kind=raw["kind"],
        scale_min=low,
        scale_max=high,
        labels={int(k): str(v) for k, v in (scale.get("labels") or {}).items()},
        items=tuple(parsed),
        lke_ref=str(raw.get("lke_ref", "")),
        raw=raw,
    )


@cache
def library() -> dict[str, Definition]:
    """key (code@version) → definition, every file of the library (checked on load)."""
    found = {}
    for path in sorted(LIBRARY.glob("*.yaml")):
        try:
            definition = parse(load_yaml(path))
        except DefinitionError as exc:
            raise DefinitionError([f"{path.name}: {p}" for p in exc.problems]) from exc
        found[definition.key] = definition
    return found
