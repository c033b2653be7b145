"""The evaluation calendar as data: the proposal deadline (31 May by default, data/road.yaml),
the TPI's evaluation window and the unit's own milestones, per year.

A calendar set on a unit holds for it and every unit below it; the nearest one counts (the
national office sets the year's dates on the top unit, a coordinator may set their unit's own).
The countdown on the start page and the monev dashboard reads the calendars, milestones and
stored LKE scores of all the units shown in two queries, whatever their number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zona.lib.errors import RuleError
from zona.lke.models import Assessment
from zona.lke.states import shown_score
from zona.orgs.models import Unit

from .models import EvaluationCalendar, Milestone
from .rules import calendar_note, month_day, rules


class CalendarError(RuleError):
    """A calendar that cannot hold; the message is for the user."""


@dataclass
class Calendar:
    year: int
    proposal_deadline: date
    tpi_start: date | None
    tpi_end: date | None
    set_on: Unit | None = None  # None: Zona's default (data/road.yaml)
    note: str = ""
    milestones: list[Milestone] = field(default_factory=list)

    def days_left(self, today: date) -> int:
        return (self.proposal_deadline - today).days


def default_calendar(year: int) -> Calendar:
    data = rules()["calendar"]
    return Calendar(
        year,
        month_day(data["proposal_deadline"], year),
        month_day(data["tpi_start"], year),
        month_day(data["tpi_end"], year),
        note=calendar_note(),
    )


def _ancestors_q(units: list[Unit]) -> Q:
    paths = {p for unit in units for p in _own_and_above(unit.path)}
    return Q(unit__path__in=sorted(paths))


def _own_and_above(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _calendars(
    units: list[Unit], years: tuple[int, ...], milestones: bool
) -> dict[tuple[int, int], Calendar]:
    """(unit id, year) → the unit's calendar of that year: one query, and one more for the units'
    milestones when asked, whatever the number of units and years."""
    rows = {
        (row.unit.path, row.year): row
        for row in EvaluationCalendar.objects.filter(_ancestors_q(units), year__in=years).select_related(
            "unit"
        )
    }
    marks: dict[tuple[int, int], list[Milestone]] = {}
    if milestones:
        for milestone in Milestone.objects.filter(unit__in=units, year__in=years):
            marks.setdefault((milestone.unit_id, milestone.year), []).append(milestone)
    found = {}
    for unit in units:
        for year in years:
            paths = reversed(_own_and_above(unit.path))
            nearest = next((rows[(p, year)] for p in paths if (p, year) in rows), None)
            if nearest is None:
                calendar = default_calendar(year)
            else:
                calendar = Calendar(
                    year,
                    nearest.proposal_deadline,
                    nearest.tpi_start,
                    nearest.tpi_end,
                    nearest.unit,
                    nearest.note,
                )
            calendar.milestones = marks.get((unit.pk, year), [])
            found[(unit.pk, year)] = calendar
    return found


def calendars_for(units: list[Unit], year: int) -> dict[int, Calendar]:
    """unit id → its calendar for the year, with its milestones (two queries)."""
    if not units:
        return {}
    return {unit_id: c for (unit_id, _year), c in _calendars(units, (year,), milestones=True).items()}


def calendar_for(unit: Unit, year: int) -> Calendar:
    return calendars_for([unit], year)[unit.pk]


@dataclass
class Countdown:
    unit: Unit
    calendar: Calendar
    days_left: int
    assessment: Assessment | None = None
    failing: list[str] = field(default_factory=list)  # the WBK criteria not met (stored score)
    eligible: bool | None = None


def countdowns(units: list[Unit], today: date) -> list[Countdown]:
    """For each unit: days to its next proposal deadline (this year's until it passes, then next
    year's) and the WBK criteria that year's LKE still fails (the shown level's stored score);
    two queries, whatever the number of units."""
    if not units:
        return []
    calendars = _calendars(units, (today.year, today.year + 1), milestones=False)
    assessments = {
        (a.unit_id, a.year): a
        for a in Assessment.objects.filter(unit__in=units, year__in=(today.year, today.year + 1))
    }
    out = []
    for unit in units:
        calendar = calendars[(unit.pk, today.year)]
        if calendar.days_left(today) < 0:
            calendar = calendars[(unit.pk, today.year + 1)]
        row = Countdown(unit, calendar, calendar.days_left(today), assessments.get((unit.pk, calendar.year)))
        shown = shown_score(row.assessment.scores) if row.assessment else None
        if shown is not None:
            wbk = shown[1].get("wbk") or {}
            row.eligible = wbk.get("eligible")
            row.failing = [c["name"] for c in wbk.get("criteria", []) if not c["passed"]]
        out.append(row)
    return out


@transaction.atomic
def calendar_set(
    *,
    unit: Unit,
    year: int,
    proposal_deadline: date,
    tpi_start: date | None,
    tpi_end: date | None,
    note: str,
    by,
) -> EvaluationCalendar:
    """Set the year's calendar on a unit (for it and the units below it)."""
    if proposal_deadline.year != year:
        raise CalendarError(_("The proposal deadline must fall in %(year)s.") % {"year": year})
    if tpi_start and tpi_end and tpi_end < tpi_start:
        raise CalendarError(_("The TPI's window ends before it starts."))
    if tpi_end and tpi_end > proposal_deadline:
        raise CalendarError(_("The TPI must finish its evaluation by the proposal deadline."))
    calendar, _created = EvaluationCalendar.objects.update_or_create(
        unit=unit,
        year=year,
        defaults={
            "proposal_deadline": proposal_deadline,
            "tpi_start": tpi_start,
            "tpi_end": tpi_end,
            "note": note[:300],
            "updated_by": by,
        },
    )
    return calendar


def milestone_add(*, unit: Unit, year: int, when: date, title: str, by) -> Milestone:
    if when.year != year:
        raise CalendarError(_("The milestone must fall in %(year)s.") % {"year": year})
    return Milestone.objects.create(unit=unit, year=year, date=when, title=title[:200], created_by=by)
