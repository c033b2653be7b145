"""The reads of the peers' pages: a unit's place among its peers, the short line of the start
page, and the early-warning list of a province or the nation. Every figure comes from figures.py
for all the units at once: the queries do not grow with the number of units."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from zona.orgs.models import Level, Unit
from zona.orgs.permissions import unit_for

from .figures import PeerFigures, WarningFacts, peer_figures, quarter_start, warning_facts
from .percentiles import Place, percentile
from .rules import Thresholds

CASE_KINDS = ("complaint", "ppid")
REASONS = ("gate", "forecast", "overdue", "stale", "monev", "cases")
SORTS = ("name", "province", "reasons")


def reason_names() -> dict[str, str]:
    return {
        "gate": _("failing gate"),
        "forecast": _("failing gate in the forecast"),
        "overdue": _("overdue steps"),
        "stale": _("stale evidence"),
        "monev": _("no closed monev cycle this quarter"),
        "cases": _("cases past deadline"),
    }


def get_unit_for_user(request, slug: str) -> Unit:
    """The unit of a page: 404 when the person may not see it."""
    return unit_for(request, slug)


def peers_of(unit: Unit):
    """The units of the same level under the same parent, the unit included."""
    return Unit.objects.filter(parent_id=unit.parent_id, level=unit.level)


@dataclass
class Figure:
    key: str
    label: str
    place: Place
    percent: bool  # the value is a share (shown ×100 as %), else a score

    @property
    def value_text(self) -> str:
        return shown(self.place.value, percent=self.percent)


def shown(value: float | None, *, percent: bool) -> str:
    """A figure as the page and the start page show it, in the reader's locale ("—" without one)."""
    if value is None:
        return "—"
    return f"{number_format(value * 100, 1)}%" if percent else number_format(value, 2)


def _figures_of(own: PeerFigures, everyone: list[PeerFigures]) -> list[Figure]:
    """Each figure of the unit with its percentile among `everyone` (its peers, itself included)."""
    out = [
        Figure(
            "plan",
            _("Plan progress"),
            percentile(own.plan_progress, [f.plan_progress for f in everyone]),
            True,
        )
    ]
    for code in sorted({c for f in everyone for c in f.plan_areas}):
        place = percentile(own.plan_areas.get(code), [f.plan_areas.get(code) for f in everyone])
        out.append(Figure(f"plan:{code}", _("Plan progress, area %(code)s") % {"code": code}, place, True))
    out.append(
        Figure(
            "lke", _("Latest LKE total"), percentile(own.lke_total, [f.lke_total for f in everyone]), False
        )
    )
    for code in sorted({c for f in everyone for c in f.lke_areas}):
        place = percentile(own.lke_areas.get(code), [f.lke_areas.get(code) for f in everyone])
        out.append(Figure(f"lke:{code}", _("Latest LKE, area %(code)s") % {"code": code}, place, False))
    names = {"complaint": _("Complaints finished on time"), "ppid": _("PPID requests served on time")}
    for kind in CASE_KINDS:
        place = percentile(own.on_time.get(kind), [f.on_time.get(kind) for f in everyone])
        out.append(Figure(f"on_time:{kind}", names[kind], place, True))
    out.append(
        Figure("ikm", _("IKM (latest published SKM)"), percentile(own.ikm, [f.ikm for f in everyone]), False)
    )
    return out


@dataclass
class PeerRow:
    unit: Unit
    figures: PeerFigures


@dataclass
class Standing:
    unit: Unit
    peers: int  # the units of its level under its parent, itself included
    figures: list[Figure]
    # the peers' own figures: only when the person may see every one of those units
    rows: list[PeerRow] = field(default_factory=list)


def place_of(unit: Unit, user, year: int) -> Standing:
    """The unit's place among its peers in `year`; the peers' figures only for someone who may
    see each of them (a unit's own people see its place, not the other units' figures)."""
    peers = list(peers_of(unit).order_by("name", "pk"))
    found = peer_figures(peers_of(unit), year)
    everyone = [found[p.pk] for p in peers]
    standing = Standing(unit, len(peers), _figures_of(found[unit.pk], everyone))
    visible = set(
        Unit.objects.visible_to(user).filter(pk__in=[p.pk for p in peers]).values_list("pk", flat=True)
    )
    if len(visible) == len(peers):
        standing.rows = [PeerRow(p, found[p.pk]) for p in peers]
    return standing


def peer_lines(units: list[Unit], year: int) -> dict[int, list[Figure]]:
    """{unit id: its plan, LKE and IKM places}: the start page's line, for a few units at once."""
    if not units:
        return {}
    groups = {(u.parent_id, u.level) for u in units}
    query = Unit.objects.none()
    for parent, level in groups:
        query = query | Unit.objects.filter(parent_id=parent, level=level)
    peers = list(query.values_list("pk", "parent_id", "level"))
    found = peer_figures(Unit.objects.filter(pk__in=[pk for pk, _p, _l in peers]), year)
    out = {}
    for unit in units:
        everyone = [
            found[pk] for pk, parent, level in peers if (parent, level) == (unit.parent_id, unit.level)
        ]
        shown = [f for f in _figures_of(found[unit.pk], everyone) if f.key in ("plan", "lke", "ikm")]
        out[unit.pk] = [f for f in shown if f.place.percentile is not None]
    return out


@dataclass
class Reason:
    code: str
    text: str
    detail: str


@dataclass
class WarningRow:
    unit: Unit
    province: Unit | None
    reasons: list[Reason]

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


def reasons_of(facts: WarningFacts, today: date, rules: Thresholds, names: dict | None = None) -> list:
    """Why a unit is on the early-warning list (empty: it is not); `names`: reason_names(), once
    for a whole list."""
    names, out = names or reason_names(), []
    if facts.failing_gates:
        out.append(Reason("gate", names["gate"], "; ".join(facts.failing_gates)))
    if facts.forecast_gates and facts.forecast_deadline and facts.forecast_deadline >= today:
        detail = _("forecast at the proposal deadline %(day)s: %(gates)s") % {
            "day": date_format(facts.forecast_deadline, "j F Y"),
            "gates": "; ".join(facts.forecast_gates),
        }
        out.append(Reason("forecast", names["forecast"], detail))
    if facts.overdue_steps >= rules.overdue_steps:
        detail = _("%(n)s steps more than %(days)s days late") % {
            "n": facts.overdue_steps,
            "days": rules.overdue_days,
        }
        out.append(Reason("overdue", names["overdue"], detail))
    if facts.stale_evidence >= rules.stale_items:
        detail = _("%(n)s items expired or awaiting review") % {"n": facts.stale_evidence}
        out.append(Reason("stale", names["stale"], detail))
    if (
        facts.has_plan
        and not facts.closed_cycle
        and (today - quarter_start(today)).days >= rules.monev_grace_days
    ):
        detail = _("quarter %(q)s") % {"q": (today.month - 1) // 3 + 1}
        out.append(Reason("monev", names["monev"], detail))
    if facts.late_cases >= rules.late_cases:
        out.append(Reason("cases", names["cases"], _("%(n)s open cases") % {"n": facts.late_cases}))
    return out


def warning_years(scope: Unit, today: date) -> list[int]:
    """The years with data under `scope` (a plan or an LKE), newest first, this year always: the
    list's year picker."""
    from zona.lke.models import Assessment
    from zona.plans.models import Plan

    below = {"unit__path__startswith": scope.path}
    years = set(Plan.objects.filter(**below).values_list("year", flat=True).distinct())
    years |= set(Assessment.objects.filter(**below).values_list("year", flat=True).distinct())
    return sorted(years | {today.year}, reverse=True)


def provinces_under(scope: Unit, user):
    """The provinces under `scope` the person may see (the list's province filter)."""
    found = Unit.objects.visible_to(user).filter(level=Level.PROVINCE, path__startswith=scope.path)
    return found.exclude(pk=scope.pk).order_by("name")


def warning_rows(
    scope: Unit,
    user,
    *,
    year: int,
    today: date,
    rules: Thresholds,
    province: Unit | None = None,
    reasons: frozenset[str] = frozenset(),
    sort: str = "name",
    descending: bool = False,
) -> list[WarningRow]:
    """The units under `scope` that the person may see with at least one reason (of `reasons`
    when given), under `province` when given, in the order asked."""
    units = (
        Unit.objects.visible_to(user).filter(path__startswith=(province or scope).path).exclude(pk=scope.pk)
    )
    facts = warning_facts(units, year, today, rules)
    names = reason_names()
    by_path = {p.path: p for p in Unit.objects.filter(level=Level.PROVINCE, path__startswith=scope.path)}
    rows = []
    for unit in units.order_by("path"):
        found = reasons_of(facts[unit.pk], today, rules, names)
        if found and (not reasons or reasons & {r.code for r in found}):
            home = next((by_path[p] for p in reversed(unit.ancestor_paths()) if p in by_path), None)
            rows.append(WarningRow(unit, home, found))
    keys = {
        "name": lambda r: (r.unit.name.lower(), r.unit.pk),
        "province": lambda r: (r.province.name.lower() if r.province else "", r.unit.name.lower(), r.unit.pk),
        "reasons": lambda r: (len(r.reasons), r.unit.name.lower(), r.unit.pk),
    }
    return sorted(rows, key=keys.get(sort, keys["name"]), reverse=descending)
