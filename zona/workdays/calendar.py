"""Working days (hari kerja): weekends, national holidays and cuti bersama off, with admin
overrides on top. Pure: no database here (services.py builds a Calendar from the overrides).

Counting convention (documented in docs/workdays.md): the day of receipt is not counted; a
deadline of N working days is the N-th working day strictly after the day of receipt, so a
request received on a day off counts from the next working day (day 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays

WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
DAY_OFF = "day_off"
FIRST_YEAR = 2023  # the first year of cuti bersama in the pinned holidays release (domain: SKB 3 Menteri)
WORKING_DAY = "working_day"


@cache
def national_days_off(year: int) -> dict[date, str]:
    """National holidays and cuti bersama (SKB 3 Menteri) of a year, named in Indonesian."""
    calendar = holidays.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    return {day: name for day, name in calendar.items() if day.year == year}


@cache
def _has_cuti_bersama(year: int) -> bool:
    calendar = holidays.country_holidays("ID", years=year, categories=("government",))
    return any(day.year == year for day in calendar)


@cache
def last_confirmed_year() -> int:
    """The last year whose cuti bersama (SKB 3 Menteri) the holiday data carries. Past it, the
    calendar knows the national holidays (some of them estimated) but not the cuti bersama."""
    year = FIRST_YEAR
    while _has_cuti_bersama(year + 1):
        year += 1
    return year


def is_estimated(day: date | None) -> bool:
    """Whether a deadline on `day` is an estimate ("perkiraan"): it falls after the last year
    whose cuti bersama are confirmed, so days off not yet decreed may still move it. Every page
    and export that shows a deadline asks this one function."""
    return day is not None and day.year > last_confirmed_year()


@dataclass(frozen=True)
class Calendar:
    # date → (kind, reason): an extra day off (regional holiday, Keppres) or a cancelled one
    overrides: dict[date, tuple[str, str]] = field(default_factory=dict)

    def why_off(self, day: date) -> str | None:
        """Why the day is not a working day (its name), or None for a working day."""
        if day in self.overrides:
            kind, reason = self.overrides[day]
            return (reason or "Hari libur tambahan") if kind == DAY_OFF else None
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        return national_days_off(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        return self.why_off(day) is None

    def add(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start not counted); n = 0 gives `start`."""
        if n < 0:
            raise ValueError("n must not be negative")
        day, left = start, n
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b` (negative when b is before a)."""
        if b < a:
            return -self.between(b, a)
        return sum(
            1 for offset in range(1, (b - a).days + 1) if self.is_working_day(a + timedelta(days=offset))
        )

    def skipped(self, start: date, end: date) -> list[tuple[date, str]]:
        """The days off passed over after `start` up to `end`, with their reasons."""
        found = []
        for offset in range(1, (end - start).days + 1):
            day = start + timedelta(days=offset)
            reason = self.why_off(day)
            if reason is not None:
                found.append((day, reason))
        return found
