"""The LKE questions a plan can be written against, for placing and linking imported rows.

The plans app comes before the LKE app, so it never imports it: the LKE registers a provider
here (in its AppConfig.ready) that lists the active instrument's questions. A plan written per
LKE question (a code such as `A.1.I.i` + `a`, or the question's text) is placed in its area and
sub-area and linked to the question through this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zona.lib.text import best_match, fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
AREA_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


@dataclass(frozen=True)
class Question:
    ref: str  # A.I.1.i.a
    text: str
    area: int  # 1–6; 0 for the Hasil component
    part: str  # "I" Pemenuhan, "II" Reform, "B" Hasil
    group_ref: str  # A.I.1.i
    group_name: str  # Penyusunan Tim Kerja
    numeric: bool = False


PROVIDERS: list[Callable[[], list[Question]]] = []


def register(provider: Callable[[], list[Question]]) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def questions() -> list[Question]:
    return PROVIDERS[0]() if PROVIDERS else []


def by_ref(ref: str) -> Question | None:
    return next((q for q in questions() if q.ref == ref), None)


def area_questions(area_code: str) -> list[Question]:
    """The Pemenuhan and Reform questions of an area given by its numeral (I–VI)."""
    number = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}.get((area_code or "").upper())
    return [q for q in questions() if number and q.area == number and q.part in {"I", "II"}] if number else []


def ref_of(code: str, item: str = "") -> tuple[str | None, str]:
    """The reference a code (and item letter) gives, and a note when it was written unusually
    (a trailing dot). Accepts the agencies' `A.1.I.i` + `a` (1 Pemenuhan / 2 Reform, the area in
    Roman numerals), the LKE's own `A.I.1.i.a`, and the Hasil's `B.I` + `a`."""
    raw = (code or "").strip()
    note = ""
    cleaned = raw.replace(" ", "")
    if cleaned.endswith("."):
        note = "trailing_dot"
        cleaned = cleaned.rstrip(".")
    item = (item or "").strip().rstrip(".").lower()
    if item in {"-", ""}:
        item = ""
    parts = [p for p in cleaned.split(".") if p]
    if not parts or parts[0].upper() not in {"A", "B"}:
        return None, note
    head = parts[0].upper()
    rest = parts[1:]
    if head == "B":
        # B.I / B.II (+ a): Hasil 1 (bersih dan akuntabel) and 2 (pelayanan prima)
        if not rest or rest[0].upper() not in {"I", "II", "1", "2"}:
            return None, note
        number = {"I": "1", "II": "2"}.get(rest[0].upper(), rest[0])
        letter = item or (rest[1].lower() if len(rest) > 1 else "")
        return (f"B.{number}.{letter}" if letter else f"B.{number}"), note
    if len(rest) < 3:
        return None, note
    first, area_token, sub_token = rest[0], rest[1], rest[2]
    if len(rest) > 3 and not item:
        item = rest[3].lower()
    if first in {"1", "2"} and area_token.upper() in {"I", "II", "III", "IV", "V", "VI"}:
        part = "I" if first == "1" else "II"
        area = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}[area_token.upper()]
    elif first.upper() in {"I", "II"} and area_token.isdigit():
        part = first.upper()
        area = int(area_token)
    else:
        return None, note
    sub = sub_token.lower()
    if sub not in ROMAN or not 1 <= area <= 6:
        return None, note
    group = f"A.{part}.{area}.{sub}"
    return (f"{group}.{item}" if item else group), note


def match_text(
    text: str, candidates: list[Question] | None = None, threshold: float = 0.82
) -> Question | None:
    """The question whose text is closest to `text`, when close enough (typos and missing
    spaces tolerated; a different question is not). A plan often copies only the question's
    stem, without the list after its colon: the stem counts too."""
    if not fold(text):
        return None
    pool = candidates if candidates is not None else questions()
    texts = tuple(q.text for q in pool)
    stems = tuple(t.split(":", 1)[0] for t in texts)
    found = [m for m in (best_match(text, texts, threshold), best_match(text, stems, threshold)) if m]
    if not found:
        return None
    index, _score = max(found, key=lambda m: (m[1], -m[0]))
    return pool[index]


def group_questions(group_ref: str) -> list[Question]:
    return [q for q in questions() if q.group_ref == group_ref]
