"""Each assessment's stored forecast (ForecastSnapshot), what the national table reads, kept fresh
without any page writing on GET:

- when something that moves a unit's forecast changes (an LKE answer or the evidence attached to
  it, a plan step or its indicator, a monev step report, an evidence item's period, expiry or
  review), the change is noted as it is saved (no query) and, once the transaction commits, the
  background worker computes the forecasts it touches again (`changed_refresh`);
- every night the worker computes every assessment of the year again (`forecasts_refresh`);
- a province or national officer asks for the units below to be computed again (`below_refresh`,
  queued from the table's "hitung ulang").

Each snapshot keeps when it was computed; the table shows it on every row."""

from __future__ import annotations

import threading
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.lib.errors import RuleError
from zona.lke.models import Assessment
from zona.lke.services import instrument_of
from zona.orgs.models import Unit
from zona.plans.models import Plan

from .calendar import calendar_for, calendars_for
from .forecast import Forecast, forecast, summary
from .models import ForecastSnapshot

# What changed, noted per thread until the transaction commits: kind → ids.
KINDS = ("assessment", "plan", "indicator", "step", "evidence")
_pending = threading.local()
RECOMPUTE_SPACING = 600  # seconds between two "hitung ulang" of the same units and year


def _store(assessment: Assessment, deadline: date, today: date) -> Forecast:
    result = forecast(assessment, instrument_of(assessment), today=today, deadline=deadline)
    ForecastSnapshot.objects.update_or_create(
        assessment=assessment, defaults={"computed_at": timezone.now(), "summary": summary(result)}
    )
    return result


def forecast_refresh(assessment: Assessment, *, today: date) -> Forecast:
    """The assessment's forecast now, kept for the national table."""
    return _store(assessment, calendar_for(assessment.unit, assessment.year).proposal_deadline, today)


def assessments_refresh(assessments, *, today: date) -> int:
    """These assessments' forecasts computed again, each in its own transaction (one unit's
    failure does not lose the others'); the calendars of all of them in one query."""
    assessments = list(assessments.select_related("unit"))
    by_year: dict[int, list[Assessment]] = {}
    for assessment in assessments:
        by_year.setdefault(assessment.year, []).append(assessment)
    for year, found in by_year.items():
        calendars = calendars_for([a.unit for a in found], year)
        for assessment in found:
            with transaction.atomic():
                _store(assessment, calendars[assessment.unit_id].proposal_deadline, today)
    return len(assessments)


def forecasts_refresh(*, today: date, year: int | None = None) -> int:
    """Every assessment of the year (this year by default) computed again: the nightly job."""
    return assessments_refresh(Assessment.objects.filter(year=year or today.year), today=today)


def below_refresh(unit: Unit, year: int, *, today: date) -> int:
    """The assessments of the year of the units below `unit` computed again (the table's
    "hitung ulang")."""
    found = Assessment.objects.filter(unit__path__startswith=unit.path, year=year).exclude(unit=unit)
    return assessments_refresh(found, today=today)


class AlreadyQueued(RuleError):
    """The units below were asked for moments ago; the message is for the user."""


def below_queue(unit: Unit, year: int) -> None:
    """Ask the worker to compute the units below `unit` again, once the request commits; once
    per unit and year within RECOMPUTE_SPACING seconds (a job of thousands of forecasts is not
    queued twice by a second click)."""
    from .tasks import forecasts_below

    if not cache.add(f"road.recompute.{unit.pk}.{year}", True, RECOMPUTE_SPACING):
        minutes = RECOMPUTE_SPACING // 60
        raise AlreadyQueued(
            _("The units below were asked for in the last %(n)s minutes; their rows show the time.")
            % {"n": minutes}
        )
    transaction.on_commit(lambda: forecasts_below(unit.pk, year))


def touched(changed: dict[str, list[int]]):
    """The assessments whose forecast the changed records move: an answer's own; a plan's, an
    indicator's or a step's through the plan (its unit and year); an evidence item's through the
    answers it is attached to."""
    assessments = set(changed.get("assessment", []))
    indicators = set(changed.get("indicator", []))
    plans = set(changed.get("plan", []))
    if changed.get("step"):
        from zona.plans.models import ActionStep

        steps = ActionStep.objects.filter(pk__in=changed["step"])
        indicators |= set(steps.values_list("indicator_id", flat=True))
    if changed.get("evidence"):
        linked = Assessment.objects.filter(answers__evidence__in=changed["evidence"])
        assessments |= set(linked.values_list("pk", flat=True))
    query = Q(pk__in=assessments)
    if indicators or plans:
        found = Plan.objects.filter(Q(pk__in=plans) | Q(areas__components__indicators__in=indicators))
        for unit_id, year in set(found.values_list("unit_id", "year")):
            query |= Q(unit_id=unit_id, year=year)
    return Assessment.objects.filter(query).distinct()


def changed_refresh(changed: dict[str, list[int]], *, today: date) -> int:
    """The worker's job after a change: the forecasts the changed records move, computed again."""
    return assessments_refresh(touched(changed), today=today)


def note_change(kind: str, pk: int | None) -> None:
    """Note a saved record that moves forecasts (no query); the worker is asked once per
    transaction, after it commits (outside a transaction: at once). What a rolled-back
    transaction noted goes with the next request (a forecast computed once more, nothing lost)."""
    if pk is None:
        return
    pending = getattr(_pending, "changed", None)
    if pending is None:
        pending = _pending.changed = {}
    pending.setdefault(kind, set()).add(pk)
    if not any(entry[1] is _flush for entry in transaction.get_connection().run_on_commit):
        transaction.on_commit(_flush)


def _flush() -> None:
    changed = getattr(_pending, "changed", None) or {}
    _pending.changed = {}
    if changed:
        from .tasks import forecasts_changed

        forecasts_changed({kind: sorted(ids) for kind, ids in changed.items()})
