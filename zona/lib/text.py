"""Small text helpers shared by importers and exporters."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)")


def clean(value: object) -> str:
    """Cell text with markdown/HTML emphasis removed and white space folded."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


def fold(value: str) -> str:
    """A comparison key: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", clean(value).lower())
