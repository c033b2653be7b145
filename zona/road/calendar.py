"""The evaluation calendar as data: the proposal deadline (31 May by default, data/road.yaml),
the TPI's evaluation window and the unit's own milestones, per year.

A calendar set on a unit holds for it and every unit below it; the nearest one counts (the
national office sets the year's dates on the top unit, a coordinator may set their unit's own).
The countdown on the start page and the monev dashboard reads the calendars, milestones and
stored LKE scores of all the units shown in five queries, whatever their number."""

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
from .rules import month_day, rules, source


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
        note=source("calendar"),
    )


def _ancestors_q(units: list[Unit]) -> Q:
    paths = {p for unit in units for p in _own_and_above(unit.path)}
    return Q(unit__path__in=sorted(paths))


def _own_and_above(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def calendars_for(units: list[Unit], year: int) -> dict[int, Calendar]:
    """unit id → its calendar for the year (two queries, whatever the number of units)."""
    if not units:
        return {}
    rows = {
        row.unit.path: row
        for row in EvaluationCalendar.objects.filter(_ancestors_q(units), year=year).select_related("unit")
    }
    milestones: dict[int, list[Milestone]] = {}
    for milestone in Milestone.objects.filter(unit__in=units, year=year):
        milestones.setdefault(milestone.unit_id, []).append(milestone)
    found = {}
    for unit in units:
        nearest = next((rows[p] for p in reversed(_own_and_above(unit.path)) if p in rows), None)
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
        calendar.milestones = milestones.get(unit.pk, [])
        found[unit.pk] = calendar
    return found


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
    five queries, whatever the number of units."""
    this_year = calendars_for(units, today.year)
    next_year = calendars_for(units, today.year + 1)
    assessments = {
        (a.unit_id, a.year): a
        for a in Assessment.objects.filter(unit__in=units, year__in=(today.year, today.year + 1))
    }
    out = []
    for unit in units:
        calendar = this_year[unit.pk]
        if calendar.days_left(today) < 0:
            calendar = next_year[unit.pk]
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
