"""The WBS's public face: the only figures that leave the zone. Counts per quarter and per year,
a count under the minimum withheld (`minimum_count_shown` in data/workflow.yaml) so that one
report can't be singled out. Nothing else of the WBS is imported by another app
(zona/architecture.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .models import Report, workflow


@dataclass(frozen=True)
class QuarterFigures:
    quarter: int
    received: int | None  # None: fewer than the minimum, not shown
    in_process: int | None
    closed: int | None


def minimum_shown() -> int:
    return workflow().settings["minimum_count_shown"]


def _shown(count: int) -> int | None:
    return count if count == 0 or count >= minimum_shown() else None


def statistics(units, year: int) -> list[QuarterFigures]:
    """Reports received, in process at the quarter's end and closed, per quarter; a count below
    the minimum is withheld so that one report can't be singled out."""
    reports = list(Report.objects.filter(unit__in=units).values_list("received_on", "closed_on"))
    rows = []
    for quarter in range(1, 5):
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
        received = sum(1 for r, _c in reports if start <= r <= end)
        closed = sum(1 for _r, c in reports if c and start <= c <= end)
        in_process = sum(1 for r, c in reports if r <= end and (c is None or c > end))
        rows.append(QuarterFigures(quarter, _shown(received), _shown(in_process), _shown(closed)))
    return rows


def year_total(units, year: int) -> int | None:
    return _shown(Report.objects.filter(unit__in=units, received_on__year=year).count())
