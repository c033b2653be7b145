"""Every figure the peers' pages and the early-warning list read, for a set of units at once, in a
constant number of queries whatever the number of units. The only module of this app that reads
other apps' records: it reads their live selectors today; once the maintained summaries
(zona.rollups) are in place, the plan's progress, overdue steps, the LKE and the case figures are
read from the summary rows here and nowhere else.

What the summaries (zona.rollups, per unit and per unit-year) hold of these, for that switch:
- plan_progress, plan_areas: YearSummary.progress and .areas (the same definition of progress);
- the gates: YearSummary.gates of the stored score, read here through the "lke.year_gates" reader
  (the road's stored forecast is read apart, and only while its proposal deadline is ahead);
- on_time: UnitSummary.cases[kind]["on_time"] / ["finished"], read here through the
  "cases.on_time" reader (counted every hour);
- not in them: the LKE's area scores, the IKM, steps late by more than N days (the summary counts
  steps overdue today), cycles closed within the current quarter (it keeps the last closed
  cycle's quarter), evidence expired or long pending, cases open past their deadline."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from zona.cases.models import Case
from zona.complaints import figures as complaint_figures
from zona.evidence.models import EvidenceItem, Status
from zona.lib.summaries import reader
from zona.lke.models import Assessment, Level
from zona.lke.states import shown_score
from zona.monev.models import CycleStatus, MonevCycle
from zona.orgs.models import Unit
from zona.plans.models import Plan
from zona.plans.selectors import areas_progress, overdue, plans_progress
from zona.ppid import figures as ppid_figures
from zona.road.calendar import calendars_for
from zona.road.models import ForecastSnapshot
from zona.surveys.figures import published_results

from .rules import Thresholds

# the case kinds whose on-time rate places a unit among its peers (their open statistics' rows)
HANDLED = {"complaint": complaint_figures.handled, "ppid": ppid_figures.handled}


@dataclass
class PeerFigures:
    """A unit's figures compared with its peers'."""

    plan_progress: float | None = None  # the year's plan, 0–1 (the mean over its indicators)
    plan_areas: dict[str, float] = field(default_factory=dict)  # {area code: progress 0–1}
    lke_year: int | None = None
    lke_total: float | None = None
    lke_areas: dict[str, float] = field(default_factory=dict)  # {area code: pemenuhan + reform}
    on_time: dict[str, float] = field(default_factory=dict)  # {case kind: finished on time, 0–1}
    ikm: float | None = None  # the latest published SKM period's IKM (mean over its services)


@dataclass
class WarningFacts:
    """What the early-warning list judges of a unit."""

    failing_gates: list[str] | None = None  # None: no LKE score of the year
    # the gates failing in the road's stored forecast, only while the proposal deadline is ahead
    forecast_gates: list[str] = field(default_factory=list)
    forecast_deadline: date | None = None
    overdue_steps: int = 0
    stale_evidence: int = 0
    has_plan: bool = False  # a plan of the year (the monev is judged only then)
    closed_cycle: bool = False  # a monev cycle of the year's plan closed this quarter
    late_cases: int = 0


def peer_figures(units, year: int) -> dict[int, PeerFigures]:
    """{unit id: PeerFigures} for `units` (a queryset of units): the year's plan per area, the
    latest LKE's areas, the on-time rate per case kind, the latest IKM."""
    out: dict[int, PeerFigures] = defaultdict(PeerFigures)
    _plan_areas(out, units, year)
    _latest_lke(out, units)
    _on_time(out, units)
    latest: dict[int, tuple[date, list[float]]] = {}
    for result in published_results(units):
        if result.ikm is None:
            continue
        end, values = latest.get(result.unit_id, (result.period_end, []))
        if result.period_end > end:
            end, values = result.period_end, []
        if result.period_end == end:
            values.append(float(result.ikm))
        latest[result.unit_id] = (end, values)
    for unit_id, (_end, values) in latest.items():
        out[unit_id].ikm = sum(values) / len(values) if values else None
    return out


def _on_time(out: dict, units) -> None:
    """Each case kind's share of finished cases finished on time: from the summaries when an app
    keeps them (counted every hour, the figure the units table shows), else from the cases."""
    read = reader("cases.on_time")
    if read is not None:
        for unit_id, rates in read(units, tuple(HANDLED)).items():
            out[unit_id].on_time.update(rates)
        return
    for kind, handled in HANDLED.items():
        finished: dict[int, list[bool]] = defaultdict(list)
        for row in handled(units):
            if row.days is not None:
                finished[row.unit_id].append(row.on_time)
        for unit_id, marks in finished.items():
            out[unit_id].on_time[kind] = sum(marks) / len(marks)


def _plan_areas(out: dict, units, year: int) -> None:
    """The year's plan's progress and each area's, as the plan's page computes them (in the database)."""
    plans = dict(Plan.objects.filter(unit__in=units, year=year).values_list("pk", "unit"))
    for pk, value in plans_progress(list(plans)).items():
        out[plans[pk]].plan_progress = value
    for pk, areas in areas_progress(list(plans)).items():
        out[plans[pk]].plan_areas = areas


def _latest_lke(out: dict, units) -> None:
    """The newest LKE with a score: its total and per area pemenuhan + reform (as the summary shows)."""
    seen: set[int] = set()
    for unit_id, year, scores in (
        Assessment.objects.filter(unit__in=units)
        .order_by("unit", "-year")
        .values_list("unit", "year", "scores")
    ):
        shown = shown_score(scores or {})
        if unit_id in seen or shown is None:
            continue
        seen.add(unit_id)
        used = shown[1]
        row = out[unit_id]
        row.lke_year, row.lke_total = year, used.get("total")
        row.lke_areas = {a["code"]: a["pemenuhan"] + a["reform"] for a in used.get("areas", [])}


def quarter_start(today: date) -> date:
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def warning_facts(units, year: int, today: date, rules: Thresholds) -> dict[int, WarningFacts]:
    """{unit id: WarningFacts} for `units` (a queryset of units), as of `today`."""
    out: dict[int, WarningFacts] = defaultdict(WarningFacts)
    _gates(out, units, year, today, rules)
    late = overdue(today - timedelta(days=rules.overdue_days)).filter(
        indicator__component__area__plan__unit__in=units, indicator__component__area__plan__year=year
    )
    for unit_id, n in (
        late.order_by().values_list("indicator__component__area__plan__unit").annotate(n=Count("pk"))
    ):
        out[unit_id].overdue_steps = n
    waited = timezone.make_aware(datetime.combine(today - timedelta(days=rules.pending_days), time.min))
    stale = EvidenceItem.objects.filter(unit__in=units, indicators__component__area__plan__year=year).filter(
        Q(expires_on__lt=today) | Q(status=Status.PENDING, created_at__lt=waited)
    )
    for unit_id, n in stale.order_by().values_list("unit").annotate(n=Count("pk", distinct=True)):
        out[unit_id].stale_evidence = n
    for unit_id in Plan.objects.filter(unit__in=units, year=year).values_list("unit", flat=True):
        out[unit_id].has_plan = True
    since = timezone.make_aware(datetime.combine(quarter_start(today), time.min))
    for unit_id in MonevCycle.objects.filter(
        plan__unit__in=units, plan__year=year, status=CycleStatus.CLOSED, closed_at__gte=since
    ).values_list("plan__unit", flat=True):
        out[unit_id].closed_cycle = True
    cases = Case.objects.filter(
        unit__in=units, kind__in=rules.case_kinds, closed_at__isnull=True, due_on__lt=today
    )
    for unit_id, n in cases.order_by().values_list("unit").annotate(n=Count("pk")):
        out[unit_id].late_cases = n
    return out


def _gates(out: dict, units, year: int, today: date, rules: Thresholds) -> None:
    """The predicate's failing gates of the year's LKE, as the recap and the dashboard show them
    (the summaries' gates when an app keeps them, else the LKE's stored score at the level its
    summary shows); and, while the proposal deadline is ahead, those failing in the road's stored
    forecast (a forecast whose deadline has passed says nothing the LKE does not)."""
    read = reader("lke.year_gates")
    if read is not None:
        stored = {unit_id: gates.get(rules.predicate) for unit_id, gates in read(units, year).items()}
    else:
        stored = {}
        for unit_id, scores in _predicates(units, year, rules.predicate):
            shown = shown_score(scores)
            stored[unit_id] = (shown[1].get(rules.predicate) if shown else None) or None
    for unit_id, predicate in stored.items():
        if predicate:
            failing = [c["name"] for c in predicate.get("criteria", []) if not c.get("passed")]
            out[unit_id].failing_gates = [] if predicate.get("eligible") else failing
    forecasts = dict(
        ForecastSnapshot.objects.filter(assessment__unit__in=units, assessment__year=year).values_list(
            "assessment__unit", "summary"
        )
    )
    if not forecasts:
        return
    calendars = calendars_for(list(Unit.objects.filter(pk__in=forecasts)), year)
    for unit_id, summary in forecasts.items():
        if calendars[unit_id].proposal_deadline < today:
            continue
        predicate = ((summary or {}).get(rules.scenario) or {}).get(rules.predicate)
        if predicate and not predicate.get("eligible"):
            out[unit_id].forecast_gates = list(predicate.get("failing", []))
            out[unit_id].forecast_deadline = calendars[unit_id].proposal_deadline


def _predicates(units, year: int, name: str):
    """(unit id, its stored scores reduced to what shown_score and the predicate need): the
    database hands over one predicate per level, not the whole scores (4,000 of them took a second
    to decode)."""
    levels = {level: KeyTransform(level, "scores") for level in (Level.TPI, Level.SELF)}
    found = Assessment.objects.filter(unit__in=units, year=year).values_list(
        "unit",
        KeyTransform("provisional", levels[Level.TPI]),
        KeyTransform(name, levels[Level.TPI]),
        KeyTransform(name, levels[Level.SELF]),
    )
    for unit_id, provisional, tpi, own in found:
        scores: dict = {}
        if provisional is not None or tpi is not None:
            scores[Level.TPI] = {"provisional": True if provisional is None else provisional, name: tpi}
        if own is not None:
            scores[Level.SELF] = {name: own}
        yield unit_id, scores
