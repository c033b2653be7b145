"""The work queues of the start page: one selector per queue, read by the start page's count, by
the queue's own page and by the dashboard, so the three numbers are one.

- `verification_queue` (in zona.evidence.selectors: the dashboard reads it too): every evidence
  item waiting for the person's verification (the TPI), from
  every module that keeps evidence: the plan's indicators, SOPs, the risk register's control
  actions, the performance agreement (SAKIP) and the service standards all link to the same
  evidence items, whose status is the one "awaiting review" state.
- `cycle_steps`: the open monev cycles holding steps the person is in charge of (the PIC), with
  how many: the cycle page's "hanya langkah saya" lists exactly them.
- `overdue_steps`, `unassigned_steps`, `rejected_evidence`: the coordinator's queues, in the
  units whose plan the person manages: open steps past their due date, open steps nobody is in
  charge of, evidence the TPI rejected (waiting for a new version)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem, Status
from zona.monev.models import CycleStatus, MonevCycle
from zona.orgs.models import unit_scope_q
from zona.orgs.permissions import ALLOWED, Action
from zona.performance.models import Agreement
from zona.performance.models import Realisation as KpiRealisation
from zona.plans.models import ActionStep, Indicator
from zona.plans.selectors import latest_plans, overdue
from zona.risks.models import Realisation as RiskRealisation
from zona.sops.models import Review as SopReview
from zona.sops.models import Version as SopVersion
from zona.surveys.models import StandardReview


def _sources_rows(ids: list[int]):
    """(item id, module, what) for every record that links one of the items: one query per
    module whatever the number of items."""
    for row in Indicator.evidence.through.objects.filter(evidenceitem_id__in=ids).values_list(
        "evidenceitem_id", "indicator__component__area__plan__year", "indicator__text"
    ):
        yield row[0], _("Work plan"), f"{row[1]}: {row[2]}"
    for item, title, code in SopVersion.objects.filter(document_id__in=ids).values_list(
        "document_id", "sop__title", "code"
    ):
        yield item, _("SOP"), f"{title} ({code})"
    for item, title in SopReview.objects.filter(minutes_id__in=ids).values_list("minutes_id", "sop__title"):
        yield item, _("SOP review"), title
    for item, code, activity in RiskRealisation.objects.filter(evidence_id__in=ids).values_list(
        "evidence_id", "action__risk__code", "action__activity"
    ):
        yield item, _("Risk control action"), f"{code}: {activity}"
    for item, year in Agreement.objects.filter(document_id__in=ids).values_list("document_id", "year"):
        yield item, _("Performance agreement"), str(year)
    for item, code, name, quarter in KpiRealisation.objects.filter(evidence_id__in=ids).values_list(
        "evidence_id", "indicator__code", "indicator__name", "quarter"
    ):
        yield item, _("Performance realisation"), f"{code} {name} (TW {quarter})"
    for item, service in StandardReview.objects.filter(evidence_id__in=ids).values_list(
        "evidence_id", "standard__service__name"
    ):
        yield item, _("Service standard review"), service


def evidence_sources(items) -> dict[int, list[tuple[str, str]]]:
    """What each item proves: {item id: [(module, record)]}, in a fixed number of queries."""
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    ids = [item.pk for item in items]
    if ids:
        for item_id, module, what in _sources_rows(ids):
            out[item_id].append((str(module), what[:200]))
    return dict(out)


def _managed_plans(user):
    return latest_plans().filter(unit_scope_q(user, prefix="unit__", roles=set(ALLOWED[Action.MANAGE_PLAN])))


def unassigned_steps(user) -> QuerySet[ActionStep]:
    """Open steps without a person in charge in the latest plan of each unit the person manages."""
    return (
        ActionStep.objects.with_due()
        .filter(
            done_at__isnull=True, pic__isnull=True, indicator__component__area__plan__in=_managed_plans(user)
        )
        .select_related("indicator__component__area__plan__unit")
        .order_by("due", "pk")
    )


def rejected_evidence(user) -> QuerySet[EvidenceItem]:
    """Evidence the TPI rejected in the units whose plan the person manages, the latest first: each
    waits for a new version (which puts it back in the TPI's queue)."""
    manage = unit_scope_q(user, prefix="unit__", roles=set(ALLOWED[Action.MANAGE_PLAN]))
    return (
        EvidenceItem.objects.visible_to(user)
        .filter(manage, status=Status.REJECTED)
        .select_related("unit", "reviewed_by")
        .order_by("-reviewed_at", "-pk")
    )


def overdue_steps(user, today: date) -> QuerySet[ActionStep]:
    """Open steps past their due date in the latest plan of each unit whose plan the person
    manages (the plan each unit's dashboard opens on), the oldest first."""
    return (
        overdue(today)
        .filter(indicator__component__area__plan__in=_managed_plans(user))
        .select_related("indicator__component__area__plan__unit")
    )


def cycle_steps(user) -> list[tuple[MonevCycle, int]]:
    """Each open monev cycle of a plan with steps the person is in charge of, and how many (two
    queries)."""
    steps = ActionStep.objects.filter(pic=user).filter(
        unit_scope_q(user, prefix="indicator__component__area__plan__unit__")
    )
    counts = dict(steps.order_by().values_list("indicator__component__area__plan").annotate(n=Count("pk")))
    cycles = MonevCycle.objects.filter(status=CycleStatus.OPEN, plan__in=list(counts)).select_related(
        "plan__unit"
    )
    return [(cycle, counts[cycle.plan_id]) for cycle in cycles.order_by("plan__unit__name", "quarter")]
