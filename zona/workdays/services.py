"""The working-day calendar for everyone: legal deadlines come only from these functions.

The overrides are read from the database once per scope (`calendar_scope`): each request is
one (middleware.py), and so is each job that computes many deadlines. Outside a scope they are
read at every computation. Any change to them (a save or delete through any path: the
services, the admin, a QuerySet's update or bulk_create, a fixture loaded) makes every open
scope of the thread read them again at every computation until the scope ends, so the next
deadline computed sees the change, and a change rolled back is never remembered; other threads
and processes read them afresh at their next scope. docs/workdays.md, "Reading the calendar".
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from zona.audit.services import audit_record

from .calendar import Calendar, is_estimated, last_confirmed_year
from .models import CalendarOverride, overrides_changed

# Modules whose open deadlines depend on the calendar register a function here; it is called
# with the changed date after an admin adds or removes a day off, and moves what spans it.
RECALCULATORS: list[Callable[[date], int]] = []


class _Scope:
    """What one scope read: the calendar, or nothing once the overrides changed within it."""

    __slots__ = ("outer", "calendar", "stale")

    def __init__(self, outer: _Scope | None):
        self.outer = outer
        self.calendar: Calendar | None = None
        self.stale = False


_scope: ContextVar[_Scope | None] = ContextVar("workdays_calendar_scope", default=None)


@contextmanager
def calendar_scope():
    """Read the overrides once for everything computed inside (a context manager or a
    decorator). Inside another scope, it is that scope, unless the overrides changed there: then
    it reads them afresh for itself (it must end before the change can be rolled back)."""
    outer = _scope.get()
    if outer is not None and not outer.stale:
        yield
        return
    token = _scope.set(_Scope(outer))
    try:
        yield
    finally:
        _scope.reset(token)


def _read() -> Calendar:
    return Calendar({o.date: (o.kind, o.reason) for o in CalendarOverride.objects.all()})


def calendar() -> Calendar:
    scope = _scope.get()
    if scope is None or scope.stale:
        return _read()
    if scope.calendar is None:
        scope.calendar = _read()
    return scope.calendar


@receiver(post_save, sender=CalendarOverride, dispatch_uid="workdays-override-saved")
@receiver(post_delete, sender=CalendarOverride, dispatch_uid="workdays-override-deleted")
@receiver(overrides_changed, sender=CalendarOverride, dispatch_uid="workdays-overrides-changed")
def _overrides_changed(**kwargs) -> None:
    """Every scope open in this thread stops remembering: it may have read the calendar before
    the change, and a change may still be rolled back."""
    scope = _scope.get()
    while scope is not None:
        scope.stale, scope.calendar = True, None
        scope = scope.outer


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
    return _recalculated_and_recorded(override, (day,), by)


def _recalculate(days) -> int:
    """The deadlines spanning `days` moved after a change to the overrides: how many."""
    with calendar_scope():  # read after the change, ends before the transaction does
        return sum(recalculate(changed) for changed in days for recalculate in RECALCULATORS)


def _recalculated_and_recorded(override: CalendarOverride, days, by) -> CalendarOverride:
    """The deadlines spanning `days` moved after the override's change, and the setting audited."""
    moved = _recalculate(days)
    changes = {"date": override.date.isoformat(), "kind": override.kind, "reason": override.reason}
    audit_record(
        actor=by, action="workdays.override_set", obj=override, changes=changes | {"deadlines_moved": moved}
    )
    return override


@transaction.atomic
def override_move(*, override: CalendarOverride, day: date, kind: str, reason: str, by) -> CalendarOverride:
    """The same override moved to another day, its id (and the admin's history of it) kept: the
    old day is freed and the new one set, the deadlines spanning either move, and both are in the
    audit log as a removal and a setting are."""
    freed = override.date
    audit_record(
        actor=by, action="workdays.override_removed", obj=override, changes={"date": freed.isoformat()}
    )
    override.date, override.kind, override.reason, override.created_by = day, kind, reason, by
    override.save()
    return _recalculated_and_recorded(override, (freed, day), by)


@transaction.atomic
def override_remove(*, override: CalendarOverride, by) -> None:
    day = override.date
    audit_record(
        actor=by, action="workdays.override_removed", obj=override, changes={"date": day.isoformat()}
    )
    override.delete()
    _recalculate((day,))
