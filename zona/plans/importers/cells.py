"""What one cell holds, as people write it: numbered or bulleted lists, labelled blocks
("Uraian: … Output: …"), and the timing words in an action's text."""

from __future__ import annotations

import re
from datetime import date

from zona.lib.periods import MONTHS, parse_period
from zona.lib.text import clean, fold

from .fields import label_of, recurring
from .model import Target

_NUMBERED = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)]\s+")
# "- item", "• item", "1. item", "1) item" and "1.Item" (no space before a letter)
_BULLET = re.compile(r"^\s*(?:[-•*▪●–]\s*(?=\S)|\d{1,2}[.)](?:\s+|(?=[A-Za-z(])))")
_LABEL = re.compile(r"(?im)^[ \t]*([A-Za-z][A-Za-z /]{1,30}?)[ \t]*:[ \t]*")


def split_steps(text: str) -> list[str]:
    """ "1) a 2) b" or bullet lines → ["a", "b"]; a line that is not a list item ("Topik: …") stays
    with the item above it; anything else is one step."""
    raw = _unquoted((text or "").strip())
    if not raw:
        return []
    # A line that is only a marker ("-") is an empty item: dropped.
    lines = [line for line in raw.splitlines() if line.strip() and not _MARKER_ONLY.match(line)]
    if len(lines) > 1 and sum(bool(_BULLET.match(line)) for line in lines) >= 2:
        items: list[str] = []
        lead = ""
        if not _BULLET.match(lines[0]) and lines[0].rstrip().endswith(":"):
            # "Pemahaman :" over a list: the heading goes before each item
            lead, lines = lines[0].rstrip(" :\t"), lines[1:]
        for line in lines:
            if _BULLET.match(line) or not items:
                items.append(_BULLET.sub("", line, count=1))
            else:
                items[-1] += " " + line.strip()
        return [f"{lead}: {s}" if lead else s for s in (_tidy(i) for i in items) if s]
    flat = " ".join(line.strip() for line in lines)
    # Inline numbering counts up from 1: "1) x 2) y 3) z". Other numbers stay in the text.
    cuts: list[tuple[int, int]] = []
    expected = 1
    for match in _NUMBERED.finditer(flat):
        if int(match.group(1)) == expected:
            cuts.append((match.start(), match.end()))
            expected += 1
    if len(cuts) >= 2 and not flat[: cuts[0][0]].strip():
        parts = [
            flat[end : (cuts[i + 1][0] if i + 1 < len(cuts) else len(flat))]
            for i, (_start, end) in enumerate(cuts)
        ]
        return [s for s in (_tidy(p) for p in parts) if s]
    inline = [p for p in re.split(r"\s+-\s+(?=[A-Z(])", flat) if p.strip()]
    if len(inline) >= 2 and flat.lstrip().startswith("-"):
        return [s for s in (_tidy(p.lstrip("- ")) for p in inline) if s]
    single = _tidy(_BULLET.sub("", flat, count=1))
    return [single] if single else []


def unwrap(text: str) -> str:
    """A PDF cell's text with the layout's soft line breaks joined: a line stays on its own only
    when it starts a list item ("1. …", "- …") or a label ("Output: …"). A word cut after "/"
    or "-" is joined without a space ("WBK/" + "WBBM")."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        if _BULLET.match(line) or _LABEL.match(line):
            joined += "\n" + line
        elif re.search(r"\w[/-]$", joined):
            joined += line
        else:
            joined += " " + line
    return joined


def split_items(text: str) -> list[str]:
    """An evidence cell: a list as for steps; otherwise one item per line (evidence cells list
    documents, a line each)."""
    items = split_steps(text)
    if len(items) == 1:
        lines = [_tidy(line) for line in _unquoted((text or "").strip()).splitlines()]
        return [line for line in lines if line]
    return items


def join_columns(name: str, before: str, value: str) -> str:
    """A field read from several columns ("Output" and "Dokumen"): evidence and measures split
    column by column, so one column's list never swallows the next column's text."""
    if name in ("evidence", "measures"):
        return "\n".join(split_items(before) + split_items(value))
    return f"{before}\n{value}"


_MARKER_ONLY = re.compile(r"^\s*(?:[-•*▪●–]|\d{1,2}[.)])\s*$")


def _unquoted(text: str) -> str:
    """A cell exported with its quotes kept ('"- a\n- b"'): the two quotes go."""
    if len(text) >= 2 and text[0] == text[-1] == '"' and text.count('"') == 2:
        return text[1:-1].strip()
    return text


def _tidy(text: str) -> str:
    return clean(text).strip(" ;,")


def labelled(text: str) -> dict[str, str] | None:
    """A labelled block → {field: text}, when at least two known labels start lines; else None.
    Unknown labels ("Topik: …") stay inside the text before them."""
    raw = text or ""
    found = [(m.start(), m.end(), label_of(m.group(1))) for m in _LABEL.finditer(raw)]
    known = [(start, end, field) for start, end, field in found if field]
    if len(known) < 2:
        return None
    result: dict[str, str] = {}
    for index, (_start, end, field) in enumerate(known):
        stop = known[index + 1][0] if index + 1 < len(known) else len(raw)
        value = raw[end:stop].strip()
        if value:
            result[field] = f"{result[field]}\n{value}" if field in result else value
    return result


_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\s+(\d{4})\b")


def timing(texts: list[str], year: int | None) -> tuple[Target, bool]:
    """A target period from the words of an action and its evidence: recurring words
    ("triwulanan") make it the whole plan year; one month named with its year makes it that
    month. Returns the target and whether it is missing or ambiguous (to be flagged)."""
    words = fold(" ".join(texts))
    names = sorted({label for key, label in recurring().items() if key in words})
    months = set()
    for match in _MONTH_YEAR.finditer(" ".join(texts)):
        if match.group(1).lower() in MONTHS:
            months.add((int(match.group(2)), MONTHS[match.group(1).lower()]))
    if len(months) == 1 and not names:
        (month_year, month) = next(iter(months))
        period = parse_period(f"{_month_name(month).title()} {month_year}")
        return Target(period.text, period.start, period.end), False
    if names and not months and year:
        return Target(f"{', '.join(names)} {year}", date(year, 1, 1), date(year, 12, 31)), False
    return Target(), True


def _month_name(month: int) -> str:
    return next(name for name, number in MONTHS.items() if number == month and len(name) > 3)
