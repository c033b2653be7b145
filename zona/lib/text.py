"""Small text helpers shared by importers and exporters."""

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

_SPACE = re.compile(r"\s+")
# Markdown autolinks <https://…> and links [text](https://…) keep their address as plain text.
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(((?:https?|mailto):[^()\s]+)\)")
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")


def clean(value: object) -> str:
    """Cell text with markdown/HTML emphasis removed and white space folded."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    if "<" in text or "[" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _MD_LINK.sub(
            lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text
        )
    if "<" in text or "*" in text or "_" in text:
        text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


_NOT_KEY = re.compile(r"[^a-z0-9]")


def clean_lines(value: object) -> str:
    """A note's text: each line cleaned as `clean` does, its line breaks kept (a justification
    written on several lines of a cell stays on several lines), empty lines dropped."""
    if value is None:
        return ""
    return "\n".join(line for line in (clean(part) for part in str(value).splitlines()) if line)


def fold(value: str) -> str:
    """A comparison key: lower case, letters and digits only."""
    return _NOT_KEY.sub("", clean(value).lower())


def as_int(value: object, default: int | None = None) -> int | None:
    """A whole number from user input (a query parameter, a form value), or `default`: junk,
    blanks and numbers too large for a database column never raise."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return number if -(2**31) < number < 2**31 else default


def safe_filename(name: str, extension: str, *, limit: int = 100) -> str:
    """A download name: the original name's stem with the extension of the type the content was
    recognised as (never the extension the uploader chose)."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = re.sub(r"[^\w .()-]+", "", stem).strip(" .")
    return f"{(stem or 'berkas')[:limit]}{extension}"


@lru_cache(maxsize=16384)
def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0–1, word characters only (case, punctuation and missing spaces
    count little): "Agen perubahan telah ditetapkan" vs a typo of it is near 1. The ratio of
    difflib's SequenceMatcher (2·matches / total length), computed by rapidfuzz."""
    return fuzz.ratio(_words(a), _words(b)) / 100


@lru_cache(maxsize=512)
def _prepared(candidates: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_words(c) for c in candidates)


def best_match(text: str, candidates: tuple[str, ...], cutoff: float = 0.0) -> tuple[int, float] | None:
    """(index, similarity) of the candidate most like `text` (the first of equals), when at least
    `cutoff`; None otherwise. For many texts against one list (the LKE's questions)."""
    if not candidates:
        return None
    found = process.extractOne(
        _words(text), _prepared(candidates), scorer=fuzz.ratio, processor=None, score_cutoff=cutoff * 100
    )
    if found is None:
        return None
    _choice, score, index = found
    return index, score / 100
