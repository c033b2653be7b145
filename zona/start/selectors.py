"""What a person must do now, and where their units stand: the page after signing in.

Every list reads through the same access rules as the module pages: the person's own overdue and
upcoming steps, the cases of the kinds they handle that are due, the evidence and LKE reviews
waiting for them, their overdue control actions, the SOP reviews due in the units whose registers
they keep, and for each unit they hold a role on: the plan's progress, the LKE's latest score and
the open complaints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Q

from zona.cases.models import Case
from zona.cases.registry import KINDS
from zona.cases.services import is_final
from zona.cycle.incidents import tasks_visible_to
from zona.evaluation.selectors import requests_late, requests_to_answer
from zona.evidence.selectors import verification_queue
from zona.lke.gates import compact
from zona.lke.models import Assessment, Stage
from zona.lke.states import Standing as LkeStanding
from zona.lke.states import shown_score, standings
from zona.orgs.models import RoleAssignment, Unit, unit_scope_q
from zona.orgs.permissions import ALLOWED, Action
from zona.plans.models import Plan
from zona.plans.selectors import my_steps, plan_tree
from zona.risks.models import ControlAction
from zona.risks.services import action_not_done
from zona.sops.services import due_soon

from .queues import cycle_steps, overdue_steps, rejected_evidence, unassigned_steps

SOON = 3  # days: a case due within them is shown


@dataclass
class Standing:
    unit: Unit
    plan: Plan | None = None
    progress: float | None = None
    lke_year: int | None = None
    lke_id: int | None = None
    lke_total: float | None = None
    lke_level: str = ""
    lke_provisional: bool = False
    lke_wbk: bool | None = None
    lke_gates: list = field(default_factory=list)  # each predicate: eligible, or its failing gates
    open_complaints: int = 0
    leads: bool = False  # the unit has units below it: links to its dashboard and LKE recap
    recap_year: int | None = None
    # The latest FINAL LKE when a newer one is under way: the score the unit stands on, as the
    # leaders' lists show it (the newest line above is the work in progress).
    final: LkeStanding | None = None


@dataclass
class Todo:
    steps: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    evidence: int = 0
    overdue: int = 0
    unassigned: int = 0
    rejected: int = 0
    cycles: list = field(default_factory=list)
    lke_reviews: list = field(default_factory=list)
    returned: list = field(default_factory=list)
    requests: list = field(default_factory=list)  # evaluators' requests for the unit to answer
    late_requests: list = field(default_factory=list)  # the TPI's requests the units left late
    actions: list = field(default_factory=list)
    sops: list = field(default_factory=list)
    incidents: list = field(default_factory=list)  # the TPI's integrity incidents to confirm

    @property
    def empty(self) -> bool:
        lists = (
            self.steps,
            self.cases,
            self.cycles,
            self.lke_reviews,
            self.returned,
            self.requests,
            self.late_requests,
            self.actions,
            self.sops,
            self.incidents,
        )
        return not (self.evidence or self.overdue or self.unassigned or self.rejected or any(lists))


def todo(user, today: date) -> Todo:
    out = Todo()
    out.steps = list(my_steps(user, today, horizon_days=14)[:10])
    due = today + timedelta(days=SOON)
    for spec in KINDS.values():
        cases = (
            Case.objects.filter(spec.scope_q(user), due_on__lte=due)
            .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
            .select_related("unit")
            .order_by("due_on")[:20]
        )
        out.cases += [(spec, c) for c in cases if not is_final(c)][:10]
    verify = unit_scope_q(user, prefix="unit__", roles=set(ALLOWED[Action.VERIFY]))
    out.evidence = verification_queue(user).count()
    out.overdue = overdue_steps(user, today).count()
    out.unassigned = unassigned_steps(user).count()
    out.rejected = rejected_evidence(user).count()
    out.cycles = cycle_steps(user)
    out.lke_reviews = list(
        Assessment.objects.filter(verify, stage=Stage.REVIEW).select_related("unit").order_by("-year")[:10]
    )
    manage = unit_scope_q(user, prefix="unit__", roles=set(ALLOWED[Action.MANAGE_PLAN]))
    out.returned = list(
        Assessment.objects.filter(manage, stage=Stage.RETURNED).select_related("unit").order_by("-year")[:10]
    )
    out.requests = list(requests_to_answer(user)[:10])
    out.late_requests = list(requests_late(user, today)[:10])
    out.actions = list(
        ControlAction.objects.filter(Q(owner=user) | Q(risk__owner=user), target_end__lt=today)
        .filter(action_not_done())
        .select_related("risk__register__unit")
        .order_by("target_end")[:10]
    )
    keepers = RoleAssignment.objects.filter(user=user, role__in=ALLOWED[Action.MANAGE_REGISTERS])
    for assignment in keepers.select_related("unit")[:5]:
        out.sops += [(assignment.unit, row) for row in due_soon(assignment.unit, today)[:5]]
    out.incidents = list(tasks_visible_to(user)[:10])
    return out


def standing(user, limit: int = 5) -> list[Standing]:
    """The units the person holds a role on (at most `limit`), each with its latest plan's
    progress, the latest LKE score and the open complaints."""
    units = list(
        Unit.objects.filter(roles__user=user)
        .annotate(below=Count("children", distinct=True))
        .distinct()
        .order_by("path")[:limit]
    )
    finals = standings([unit.pk for unit in units])
    out = []
    for unit in units:
        row = Standing(unit, leads=bool(unit.below))
        if row.leads:
            row.recap_year = Assessment.objects.filter(unit__path__startswith=unit.path).aggregate(
                y=Max("year")
            )["y"]
        row.plan = Plan.objects.filter(unit=unit).order_by("-year").first()
        if row.plan is not None:
            row.progress = float(plan_tree(row.plan).progress)
        assessment = Assessment.objects.filter(unit=unit).order_by("-year").first()
        shown = shown_score(assessment.scores) if assessment is not None else None
        if shown is not None:  # the TPI's only once every question is reviewed
            level, scores = shown
            row.lke_year, row.lke_level, row.lke_id = assessment.year, level, assessment.pk
            row.lke_total, row.lke_provisional = scores.get("total"), scores.get("provisional", False)
            row.lke_wbk = (scores.get("wbk") or {}).get("eligible")
            row.lke_gates = compact(scores)
        final = finals.get(unit.pk)
        if final is not None and final.final and final.year != row.lke_year:
            row.final = final
        spec = KINDS.get("complaint")
        if spec is not None:
            open_cases = Case.objects.filter(spec.scope_q(user), unit=unit).select_related("unit")
            row.open_complaints = sum(1 for c in open_cases[:500] if not is_final(c))
        out.append(row)
    return out


def unit_visible_to(user, slug: str) -> Unit | None:
    """The unit of that slug if the person sees it (a page narrowed to it), else None."""
    return Unit.objects.visible_to(user).filter(slug=slug[:100]).first()
