"""Indonesian target periods ("Maret- April 2023", "Jan- Des 23", "Januari s.d. Desember 2023").

`parse_period(text, default_year=None)` returns a `Period` with start and end dates, or with
both `None` when the text is not a calendar period ("10 hari kerja"); the text is always kept.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.http import Http404

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    [
        ("januari", "jan", "january"),
        ("februari", "feb", "pebruari", "peb", "february"),
        ("maret", "mar", "march"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "jun", "june"),
        ("juli", "jul", "july"),
        ("agustus", "agu", "agt", "ags", "agst", "aug", "august"),
        ("september", "sep", "sept"),
        ("oktober", "okt", "oct", "october"),
        ("november", "nov", "nop", "nopember"),
        ("desember", "des", "dec", "december"),
    ],
    start=1,
):
    for name in names:
        MONTHS[name] = number

QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
SEMESTERS = {"i": 1, "ii": 2, "1": 1, "2": 2}

_RANGE_WORDS = re.compile(r"\b(?:s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|sd|to|until)(?=\s|$|\d)")
_DASHES = re.compile(r"[\u2010-\u2015\u2212~]")
_TOKEN = re.compile(r"[a-z]+|\d+|-")
_QUARTER = re.compile(r"^(?:triwulan|tw|kuartal|q)\s*-?\s*(iv|iii|ii|i|[1-4])\s*(?:tahun\s*)?(\d{2}|\d{4})?$")
_SEMESTER = re.compile(r"^(?:semester|smt|sem)\s*-?\s*(ii|i|[12])\s*(?:tahun\s*)?(\d{2}|\d{4})?$")


@dataclass(frozen=True)
class Period:
    text: str
    start: date | None = None
    end: date | None = None


def _year(token: str) -> int | None:
    if len(token) == 4 and token.isdigit():
        value = int(token)
        return value if 1990 <= value <= 2100 else None
    if len(token) == 2 and token.isdigit():
        return 2000 + int(token)
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _normalise(text: str) -> str:
    value = _DASHES.sub("-", text.lower().strip())
    value = _RANGE_WORDS.sub(" - ", value)
    value = value.replace("tahun", " ").replace("ta.", " ").replace(",", " ")
    return re.sub(r"\s+", " ", value).strip(" .;")


def _months_span(first: int, last: int, quarter_year: int) -> tuple[date, date]:
    return date(quarter_year, first, 1), _month_end(quarter_year, last)


def period_containing(day: date, months: int = 3) -> tuple[date, date]:
    """The period of `months` months (3: a quarter, 6: a semester, 12: a year) holding `day`."""
    first = (day.month - 1) // months * months + 1
    return _months_span(first, first + months - 1, day.year)


def period_before(day: date, months: int = 3) -> tuple[date, date]:
    """The period of `months` months just before the one holding `day`."""
    return period_containing(period_containing(day, months)[0] - timedelta(days=1), months)


def parse_period(text: str, default_year: int | None = None) -> Period:
    """Read a target period; unknown words make it undated (kept as text)."""
    original = (text or "").strip()
    value = _normalise(original)
    if not value:
        return Period(original)
    span = _quarter_or_semester(value, default_year)
    if span is None:
        items = _tokens(value)
        flat = _flat(items) if items is not None else None
        span = _span(flat, default_year) if flat else None
    return Period(original, *span) if span else Period(original)


Span = tuple[date, date]
Items = list[tuple[str, int]]


def _quarter_or_semester(value: str, default_year: int | None) -> Span | bool | None:
    """A quarter or semester ("Triwulan II 2024"): its span, False when it names no year and
    none is given; None when the text is no quarter or semester."""
    for pattern, size, table in ((_QUARTER, 3, QUARTERS), (_SEMESTER, 6, SEMESTERS)):
        match = pattern.match(value)
        if match:
            year = _year(match.group(2)) if match.group(2) else default_year
            if year is None:
                return False
            index = table[match.group(1)]
            return _months_span((index - 1) * size + 1, index * size, year)
    return None


def _tokens(value: str) -> Items | None:
    """Months, years and range dashes; None when anything else is there ("not a calendar
    period")."""
    items: Items = []
    for token in _TOKEN.findall(value):
        if token == "-":  # noqa: S105 - a dash, not a password
            items.append(("sep", 0))
        elif token in MONTHS:
            items.append(("month", MONTHS[token]))
        elif (year := _year(token)) is not None:
            items.append(("year", year))
        else:
            return None
    # Drop letters glued by a dash ("Des-22"): the dash only separates a month from its year.
    leftovers = re.sub(r"[a-z]+|\d+|[-\s.]", "", value)
    return None if leftovers else items


def _flat(items: Items) -> Items | None:
    """The months and years in order, once the dashes are read: at most two sides of a range,
    two months and two years; None otherwise."""
    groups: list[Items] = [[]]
    for kind, number in items:
        if kind == "sep":
            groups.append([])
        else:
            groups[-1].append((kind, number))
    # "Des-22": a dash between a month and a year is not a range.
    merged: list[Items] = []
    for group in groups:
        if (
            merged
            and group
            and all(k == "year" for k, _ in group)
            and merged[-1]
            and all(k == "month" for k, _ in merged[-1])
        ):
            merged[-1].extend(group)
        elif group:
            merged.append(group)
    # "Januari desember 2023": two months with no dash still form a range.
    flat = [item for group in merged for item in group]
    months = [n for k, n in flat if k == "month"]
    years = [n for k, n in flat if k == "year"]
    if len(merged) > 2 or len(months) > 2 or len(years) > 2 or not flat:
        return None
    return flat


def _span(flat: Items, default_year: int | None) -> Span | None:
    months = [n for k, n in flat if k == "month"]
    years = [n for k, n in flat if k == "year"]
    if not months:
        if len(years) == 1:
            return date(years[0], 1, 1), date(years[0], 12, 31)
        if years[0] > years[1]:
            return None
        return date(years[0], 1, 1), date(years[1], 12, 31)
    return _month_span(flat, months, default_year)


def _month_span(flat: Items, months: list[int], default_year: int | None) -> Span | None:
    """Each year belongs to the month before it; a missing start year is the end year's."""
    first_month, last_month = months[0], months[-1]
    pending_month_index = -1
    year_of_month: dict[int, int] = {}
    for kind, number in flat:
        if kind == "month":
            pending_month_index += 1
        elif pending_month_index >= 0:
            for index in range(pending_month_index + 1):
                year_of_month.setdefault(index, number)
        else:
            return None  # a year before any month ("2023 Januari")
    last_index = len(months) - 1
    last_year = year_of_month.get(last_index, default_year)
    first_year = year_of_month.get(0, last_year)
    if first_year is None or last_year is None:
        return None
    start = date(first_year, first_month, 1)
    end = _month_end(last_year, last_month)
    if start > end:
        if 0 not in year_of_month or year_of_month[0] == last_year:
            start = date(last_year - 1, first_month, 1)  # "Des - Feb 2024"
        else:
            return None
    return start, end


def year_or_404(year: int) -> int:
    """A year taken from a URL: one the records can have (2000–2100), else the page is not found."""
    if not 2000 <= year <= 2100:
        raise Http404
    return year
