"""Dashboard reads: one unit's plan at a glance, and every unit below it in one table, grouped by
province with a summary row per province.

Query counts do not grow with the number of units: aggregates are grouped by plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, OuterRef, Q, Subquery

from zona.lke.states import Standing, standings
from zona.orgs.models import Level, Unit
from zona.plans.models import ActionStep, Plan
from zona.plans.selectors import overdue as overdue_steps
from zona.plans.selectors import plan_tree, plans_progress

from .models import CycleStatus, Finding, FindingStatus, MonevCycle


def plan_overview(plan: Plan, today: date) -> dict:
    overdue = overdue_steps(today).filter(indicator__component__area__plan=plan)
    cycles = list(plan.cycles.filter(status=CycleStatus.CLOSED).order_by("quarter"))
    return {
        "tree": plan_tree(plan),
        "overdue": overdue,  # every one, paged by the page
        "overdue_count": overdue.count(),
        "findings": list(
            Finding.objects.open().filter(plan=plan).select_related("owner").order_by("due_date")
        ),
        "trend": [
            {
                "label": f"TW {c.quarter}",
                "progress": round((c.progress or 0) * 100, 1),
                "areas": {a["code"]: round(a["progress"] * 100, 1) for a in c.snapshot.get("areas", [])},
            }
            for c in cycles
        ],
    }


@dataclass(eq=False)
class Province:
    """A province's summary row over the units of the list under it."""

    unit: Unit | None  # None: units under no province (the national level's own offices)
    units: int = 0
    planned: int = 0
    progress: float | None = None
    overdue: int = 0
    findings: int = 0
    wbk: int = 0  # units whose latest final LKE meets the WBK predicate's conditions
    rows: list = field(default_factory=list, repr=False)


CASE_KINDS = ("complaint", "ppid")  # the case figures the summaries keep per unit


@dataclass
class CaseFigures:
    """A case kind's figures of a unit as the summaries keep them (refreshed every hour)."""

    received: int = 0
    finished: int = 0
    on_time: int = 0

    @classmethod
    def of(cls, counts: dict | None) -> CaseFigures:
        counts = counts or {}
        return cls(counts.get("received", 0), counts.get("finished", 0), counts.get("on_time", 0))

    @property
    def rate(self) -> float | None:
        """The share finished on time, 0–1 (None: nothing finished)."""
        return self.on_time / self.finished if self.finished else None


@dataclass
class UnitRow:
    unit: Unit
    plan_id: int | None
    progress: float | None
    overdue: int
    findings: int
    last_cycle: str
    province: Province | None = None
    lke: Standing = field(default_factory=Standing)  # the latest final LKE, and a newer draft
    # {case kind: CaseFigures} and when they were counted: only from the summaries (zona.rollups)
    cases: dict = field(default_factory=dict)
    cases_at: datetime | None = None

    @property
    def wbk(self) -> bool | None:
        return self.lke.wbk

    @property
    def complaint(self) -> CaseFigures | None:
        return self.cases.get("complaint")

    @property
    def ppid(self) -> CaseFigures | None:
        return self.cases.get("ppid")


SORTS = {
    "name": lambda r: r.unit.name.lower(),
    "progress": lambda r: -1 if r.progress is None else r.progress,
    "overdue": lambda r: r.overdue,
    "findings": lambda r: r.findings,
    "cycle": lambda r: r.last_cycle,
    "lke": lambda r: -1 if r.lke.total is None else r.lke.total,
    "wbk": lambda r: {None: 0, False: 1, True: 2}[r.wbk],
    "complaints": lambda r: _rate(r, "complaint"),
    "ppid": lambda r: _rate(r, "ppid"),
}


def _rate(row: UnitRow, kind: str) -> float:
    found = row.cases.get(kind)
    return -1.0 if found is None or found.rate is None else found.rate


def provinces_below(unit: Unit):
    """The provinces at or under the unit: the table's province filter."""
    return Unit.objects.filter(level=Level.PROVINCE, path__startswith=unit.path).order_by("name")


def unit_match(scope: Unit, query: str, prefix: str = "") -> Q:
    """A unit whose name or code holds `query`, or that lies under a province whose name holds it
    (as a province's code finds its units: their codes begin with it); `prefix` reaches the unit
    through a relation ("unit__")."""
    found = Q(**{f"{prefix}name__icontains": query}) | Q(**{f"{prefix}code__icontains": query})
    for path in provinces_below(scope).filter(name__icontains=query).values_list("path", flat=True):
        found |= Q(**{f"{prefix}path__startswith": path})
    return found


def units_listed(unit: Unit, query: str = "", level: str = "", province: Unit | None = None):
    """The units of the table: the unit and every unit below it, narrowed by a name or code
    (`query`), a level and a province, as the live rows and the summaries' rows both list them."""
    units = Unit.objects.filter(path__startswith=unit.path)
    if province is not None:
        units = units.filter(path__startswith=province.path)
    if query:
        units = units.filter(unit_match(unit, query))
    if level:
        units = units.filter(level=level)
    return units


def descendant_rows(
    unit: Unit,
    *,
    year: int,
    today: date,
    query: str = "",
    level: str = "",
    province: Unit | None = None,
    sort: str = "name",
    descending: bool = False,
    grouped: bool = True,
) -> list[UnitRow]:
    """The table's rows: grouped by province, each province's units in the order asked; or, not
    `grouped`, every unit in the order asked (equal values by province, then name)."""
    # the unit's own office too (a province's own office has a plan of its own), by name
    units = units_listed(unit, query, level, province).order_by("name", "pk")
    last_cycle = MonevCycle.objects.filter(plan=OuterRef("pk"), status=CycleStatus.CLOSED).order_by(
        "-quarter"
    )
    plans = {
        p["unit_id"]: p
        for p in Plan.objects.filter(unit__in=units, year=year)
        .annotate(last_quarter=Subquery(last_cycle.values("quarter")[:1]))
        .values("pk", "unit_id", "last_quarter")
    }
    plan_ids = [p["pk"] for p in plans.values()]
    progress = plans_progress(plan_ids)
    overdue = dict(
        ActionStep.objects.with_due()
        .filter(
            indicator__component__area__plan__in=plan_ids,
            done_at__isnull=True,
            due__lt=today,
        )
        .order_by()
        .values_list("indicator__component__area__plan")
        .annotate(n=Count("pk"))
    )
    findings = dict(
        Finding.objects.filter(plan__in=plan_ids, status=FindingStatus.OPEN)
        .order_by()
        .values_list("plan")
        .annotate(n=Count("pk"))
    )
    rows = []
    for item in units:
        plan = plans.get(item.pk)
        plan_id = plan["pk"] if plan else None
        rows.append(
            UnitRow(
                unit=item,
                plan_id=plan_id,
                progress=progress.get(plan_id) if plan_id else None,
                overdue=overdue.get(plan_id, 0),
                findings=findings.get(plan_id, 0),
                last_cycle=f"TW {plan['last_quarter']}" if plan and plan["last_quarter"] else "",
            )
        )
    _add_lke(rows)
    key = SORTS.get(sort, SORTS["name"])
    if grouped:
        rows.sort(key=key, reverse=descending)
        return _by_province(unit, rows)
    # grouped first (province, then name), then a stable sort: equal values keep that order
    return sorted(_by_province(unit, rows), key=key, reverse=descending)


def _add_lke(rows: list[UnitRow]) -> None:
    """Each unit's latest final LKE (its score and WBK eligibility) and the year of a newer one
    still under way, in one query."""
    found = standings(r.unit.pk for r in rows)
    for row in rows:
        row.lke = found.get(row.unit.pk, row.lke)


def _by_province(root: Unit, rows: list[UnitRow]) -> list[UnitRow]:
    """The rows grouped by province (the order within a province kept), each row pointing to its
    province's summary."""
    provinces = {
        u.path: u
        for u in Unit.objects.filter(level=Level.PROVINCE).filter(
            Q(path__startswith=root.path) | Q(path__in=root.ancestor_paths())
        )
    }
    groups: dict[str, Province] = {}
    for row in rows:
        path = next((p for p in row.unit.ancestor_paths() if p in provinces), "")
        group = groups.setdefault(path, Province(provinces.get(path)))
        group.rows.append(row)
        row.province = group
    for group in groups.values():
        planned = [r for r in group.rows if r.plan_id]
        group.units, group.planned = len(group.rows), len(planned)
        with_progress = [r.progress for r in planned if r.progress is not None]
        group.progress = sum(with_progress) / len(with_progress) if with_progress else None
        group.overdue = sum(r.overdue for r in planned)
        group.findings = sum(r.findings for r in planned)
        group.wbk = sum(1 for r in group.rows if r.wbk)
    order = sorted(groups, key=lambda path: (path == "", path))
    return [row for path in order for row in groups[path].rows]
