"""Small text helpers shared by importers and exporters."""

import difflib
import re
import unicodedata

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
    text = _AUTOLINK.sub(r"\1", text)
    text = _MD_LINK.sub(
        lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text
    )
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


def fold(value: str) -> str:
    """A comparison key: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", clean(value).lower())


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


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0–1, word characters only (case, punctuation and missing spaces
    count little): "Agen perubahan telah ditetapkan" vs a typo of it is near 1."""
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()
