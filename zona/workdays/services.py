"""The working-day calendar for everyone: legal deadlines come only from these functions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record

from .calendar import Calendar, is_estimated, last_confirmed_year
from .models import CalendarOverride

# Modules whose open deadlines depend on the calendar register a function here; it is called
# with the changed date after an admin adds or removes a day off, and moves what spans it.
RECALCULATORS: list[Callable[[date], int]] = []


def calendar() -> Calendar:
    return Calendar({o.date: (o.kind, o.reason) for o in CalendarOverride.objects.all()})


def add_working_days(start: date, n: int) -> date:
    return calendar().add(start, n)


def working_days_between(a: date, b: date) -> int:
    return calendar().between(a, b)


def deadline_text(day: date | None, fmt: str = "%d-%m-%Y") -> str:
    """A deadline as an export writes it: the date, followed by "(perkiraan)" where the calendar
    can only estimate it (`is_estimated`); empty without a date."""
    if day is None:
        return ""
    text = day.strftime(fmt)
    return f"{text} ({_('estimate')})" if is_estimated(day) else text


def explain(start: date, n: int) -> str:
    """How a deadline was reached: "10 hari kerja dari 11-05-2023: dilewati … → 26-05-2023"."""
    cal = calendar()
    end = cal.add(start, n)
    skipped = cal.skipped(start, end)
    parts = ", ".join(f"{day:%d-%m} ({reason})" for day, reason in skipped) or _("nothing")
    text = _("%(n)s working days from %(start)s (not counted): skipped %(skipped)s → %(end)s") % {
        "n": n,
        "start": f"{start:%d-%m-%Y}",
        "skipped": parts,
        "end": f"{end:%d-%m-%Y}",
    }
    if is_estimated(end):
        text += " " + _("(estimate: cuti bersama are confirmed up to %(year)s)") % {
            "year": last_confirmed_year()
        }
    return text


@transaction.atomic
def override_set(*, day: date, kind: str, reason: str, by) -> CalendarOverride:
    override, created = CalendarOverride.objects.update_or_create(
        date=day, defaults={"kind": kind, "reason": reason, "created_by": by}
    )
    moved = sum(recalculate(day) for recalculate in RECALCULATORS)
    audit_record(
        actor=by,
        action="workdays.override_set",
        obj=override,
        changes={"date": day.isoformat(), "kind": kind, "reason": reason, "deadlines_moved": moved},
    )
    return override


@transaction.atomic
def override_remove(*, override: CalendarOverride, by) -> None:
    day = override.date
    audit_record(
        actor=by, action="workdays.override_removed", obj=override, changes={"date": day.isoformat()}
    )
    override.delete()
    for recalculate in RECALCULATORS:
        recalculate(day)
