"""Reads for pages: fetch-and-authorise helpers every app uses, and a plan as a tree with derived
progress in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from zona.evidence.models import EvidenceItem
from zona.evidence.models import Status as EvidenceStatus
from zona.lib.text import fold
from zona.orgs.holders import role_holders
from zona.orgs.models import Unit, unit_scope_q
from zona.orgs.permissions import Action, can, require, roles_for

from .importers.layout import signature
from .models import ActionStep, Component, ImportMapping, Indicator, Plan, PlanArea
from .progress import Facts, indicator_progress, mean_progress


@dataclass
class Node:
    obj: object
    progress: float = 0.0
    children: list[Node] = field(default_factory=list)
    indicators: int = 0


def plan_tree(plan: Plan, *, with_steps: bool = False) -> Node:
    """Plan → areas → components → indicators, each Node with its progress (3–4 queries)."""
    areas = list(plan.areas.all())
    components = list(Component.objects.filter(area__plan=plan))
    indicators = Indicator.objects.filter(component__area__plan=plan).with_progress_facts()
    if with_steps:
        indicators = indicators.prefetch_related(
            Prefetch("steps", queryset=ActionStep.objects.select_related("pic"))
        )
    by_component: dict[int, list[Node]] = defaultdict(list)
    for indicator in indicators:
        value = indicator_progress(Facts(indicator.steps_total, indicator.steps_done, indicator.has_verified))
        by_component[indicator.component_id].append(Node(indicator, value, indicators=1))
    by_area: dict[int, list[Node]] = defaultdict(list)
    for component in components:
        children = by_component.get(component.pk, [])
        by_area[component.area_id].append(_node(component, children))
    return _node(plan, [_node(area, by_area.get(area.pk, [])) for area in areas])


def only_indicators(tree: Node, keep: set[int]) -> Node:
    """The plan's tree holding only the indicators in `keep` ("hanya langkah saya": those with the
    person's steps); areas and components left empty are left out, progress values unchanged."""
    areas = []
    for area in tree.children:
        components = [replace(c, children=[n for n in c.children if n.obj.pk in keep]) for c in area.children]
        components = [c for c in components if c.children]
        if components:
            areas.append(replace(area, children=components))
    return replace(tree, children=areas)


def plans_progress(plan_ids: list[int]) -> dict[int, float]:
    """Each plan's progress — the mean over its indicators of `indicator_progress` (half the share
    of steps done, half verified evidence; evidence alone without steps) — for many plans in one
    query that returns a row per plan: the national dashboard reads 4,000 plans, and fetching
    their 280,000 indicators to average them in Python took seconds. Tested to agree with
    `plan_tree`."""
    return {plan: value for plan, _area, value in _progress_sql(plan_ids, by_area=False)}


def areas_progress(plan_ids: list[int]) -> dict[int, dict[str, float]]:
    """{plan id: {area code: progress}}: the mean over each area's indicators, as `plan_tree`'s
    areas, for many plans in one query."""
    found: dict[int, dict[str, float]] = defaultdict(dict)
    for plan, area, value in _progress_sql(plan_ids, by_area=True):
        found[plan][area] = value
    return dict(found)


def _progress_sql(plan_ids: list[int], *, by_area: bool) -> list[tuple[int, str | None, float]]:
    if not plan_ids:
        return []
    t = {
        "indicator": Indicator._meta.db_table,
        "component": Component._meta.db_table,
        "area": PlanArea._meta.db_table,
        "step": ActionStep._meta.db_table,
        "link": Indicator.evidence.through._meta.db_table,
        "item": EvidenceItem._meta.db_table,
    }
    marks = ", ".join(["%s"] * len(plan_ids))
    area, group = ("a.code", "a.plan_id, a.code") if by_area else ("NULL", "a.plan_id")
    sql = f"""
        SELECT a.plan_id, {area},
               AVG(CASE WHEN s.total IS NULL THEN (CASE WHEN v.indicator_id IS NULL THEN 0.0 ELSE 1.0 END)
                        ELSE (s.done * 1.0 / s.total
                              + CASE WHEN v.indicator_id IS NULL THEN 0.0 ELSE 1.0 END) / 2.0 END)
        FROM {t["indicator"]} i
        JOIN {t["component"]} c ON c.id = i.component_id
        JOIN {t["area"]} a ON a.id = c.area_id
        LEFT JOIN (SELECT st.indicator_id, COUNT(*) AS total, COUNT(st.done_at) AS done FROM {t["step"]} st
                   JOIN {t["indicator"]} si ON si.id = st.indicator_id
                   JOIN {t["component"]} sc ON sc.id = si.component_id
                   JOIN {t["area"]} sa ON sa.id = sc.area_id
                   WHERE sa.plan_id IN ({marks}) GROUP BY st.indicator_id) s ON s.indicator_id = i.id
        LEFT JOIN (SELECT DISTINCT l.indicator_id FROM {t["link"]} l
                   JOIN {t["item"]} e ON e.id = l.evidenceitem_id
                   WHERE e.status = %s) v ON v.indicator_id = i.id
        WHERE a.plan_id IN ({marks})
        GROUP BY {group}
    """  # noqa: S608 - table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*plan_ids, EvidenceStatus.VERIFIED, *plan_ids])
        return [(plan, code, float(value)) for plan, code, value in cursor.fetchall()]


def _node(obj: object, children: list[Node]) -> Node:
    leaves = [leaf for child in children for leaf in _leaves(child)]
    return Node(obj, mean_progress(leaf.progress for leaf in leaves), children, len(leaves))


def _leaves(node: Node) -> list[Node]:
    if not node.children:
        return [node] if node.indicators else []
    return [leaf for child in node.children for leaf in _leaves(child)]


def overdue(today: date):
    """Open steps past their due date (their own, else their indicator's target end), the oldest
    first: the one definition of "terlambat" the plan page, the dashboard and the start page use."""
    return (
        ActionStep.objects.with_due()
        .filter(done_at__isnull=True, due__lt=today)
        .select_related("indicator", "pic")
        .order_by("due", "pk")
    )


def late_by_indicator(plan: Plan, today: date) -> dict[int, int]:
    """Indicator pk → how many of its open steps are late (`overdue`), for the plan's page."""
    late = overdue(today).filter(indicator__component__area__plan=plan).order_by()
    return dict(late.values_list("indicator").annotate(n=Count("pk")))


def latest_plans():
    """Each unit's latest plan (the one its dashboard opens on)."""
    from django.db.models import OuterRef, Subquery

    latest = Plan.objects.filter(unit=OuterRef("unit")).order_by("-year").values("pk")[:1]
    return Plan.objects.filter(pk=Subquery(latest))


def my_steps(user, today: date, horizon_days: int = 30):
    """The user's open steps: overdue ones and those whose target ends within the horizon."""
    return (
        ActionStep.objects.with_due()
        .filter(pic=user, done_at__isnull=True)
        .filter(unit_scope_q(user, prefix="indicator__component__area__plan__unit__"))
        .filter(due__lte=today + timedelta(days=horizon_days))
        .select_related("indicator__component__area__plan__unit")
        .order_by("due", "pk")
    )


def plans_visible_to(user):
    """The plans the person may see, the latest year first, then in the unit tree's order."""
    return Plan.objects.visible_to(user).select_related("unit").order_by("-year", "unit__path")


def steps_of(plan: Plan, user):
    """The person's own steps (as person in charge) on the plan."""
    return ActionStep.objects.filter(indicator__component__area__plan=plan, pic=user)


def get_plan_for_user(request, pk: int, action: Action = Action.VIEW) -> Plan:
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    require(request.user, action, plan.unit)
    return plan


def get_indicator_for_user(request, pk: int, action: Action = Action.VIEW) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("component__area__plan__unit"), pk=pk
    )
    require(request.user, action, indicator.component.area.plan.unit)
    return indicator


def pic_candidates(unit: Unit):
    """Who may be put in charge of a step of the unit's plan: the people holding a role that
    reports on the unit (admin, coordinator, area coordinator, PIC), on the unit itself or over it
    from above, by name. A reviewer (TPI) verifies the work and a viewer only reads, so neither
    is offered; the people of the units below cannot open the unit's plan, so neither are they."""
    return role_holders(unit, roles_for(Action.REPORT)).order_by("first_name", "username")


def import_units_visible_to(user):
    """The units the person may import a plan into (where they manage the plan)."""
    return Unit.objects.filter(unit_scope_q(user, prefix="", roles=roles_for(Action.MANAGE_PLAN)))


def get_import_unit_for_user(request, pk: int) -> Unit:
    """The unit of an import in progress: 404 past the units the user may import into."""
    return get_object_or_404(import_units_visible_to(request.user), pk=pk)


def may_report_step(user, step: ActionStep) -> bool:
    """A step's status and monev reports: its person in charge, or whoever reports for the unit."""
    return step.pic_id == user.pk or can(user, Action.REPORT, step.indicator.component.area.plan.unit)


def get_step_for_user(request, pk: int, action: Action) -> ActionStep:
    step = get_object_or_404(
        ActionStep.objects.filter(indicator__in=Indicator.objects.visible_to(request.user)).select_related(
            "indicator__component__area__plan__unit"
        ),
        pk=pk,
    )
    require(request.user, action, step.indicator.component.area.plan.unit)
    return step


def import_mapping_offer(unit, headers: list[str]):
    """The column mapping to offer for a file: the one saved for this very header row, else the
    unit's latest whose columns are all in it (a file with a column added or moved)."""
    mappings = ImportMapping.objects.filter(unit=unit).order_by("-updated_at")
    exact = mappings.filter(signature=signature(headers)).first()
    if exact is not None:
        return exact
    present = {fold(h) for h in headers if h}
    return next((m for m in mappings[:20] if {fold(h) for h in m.mapping.values()} <= present), None)
