"""The changes that move a summary, caught where they are saved: the apps that make them never
import this one (they come before it in zona/architecture.yaml). Each model names how to find the
unit of a saved row; a plan's parts resolve through their plan, an LKE answer through its
assessment, an evidence item through itself and the plans of the indicators it supports.

Bulk writes send no signal: the plan import and the copy of a plan create their Plan row with
`create()` in the same transaction (so the unit is marked), and `zona rollups rebuild` repairs
anything written behind Django's back (the national data set)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from zona.evidence.models import EvidenceItem
from zona.lke.models import Answer, Assessment
from zona.lke.services import scores_changed
from zona.monev.models import Finding, MonevCycle
from zona.orgs.models import Unit
from zona.plans.models import ActionStep, Component, Indicator, Plan, PlanArea

from .services import mark

PLAN = {
    Plan: "pk",
    PlanArea: "areas",
    Component: "areas__components",
    Indicator: "areas__components__indicators",
    ActionStep: "areas__components__indicators__steps",
}


def units_of(instance) -> set[int]:
    if isinstance(instance, Unit):
        return {instance.pk}
    if isinstance(instance, Plan):
        return {instance.unit_id}
    for model, lookup in PLAN.items():
        if isinstance(instance, model):
            return set(Plan.objects.filter(**{lookup: instance.pk}).values_list("unit", flat=True))
    if isinstance(instance, Finding | MonevCycle):
        return set(Plan.objects.filter(pk=instance.plan_id).values_list("unit", flat=True))
    if isinstance(instance, Assessment | EvidenceItem):
        found = {instance.unit_id}
        if isinstance(instance, EvidenceItem) and instance.pk:
            found |= set(_plans_supported(instance.pk))
        return found
    if isinstance(instance, Answer):
        if Answer.assessment.is_cached(instance):  # saved with its assessment at hand
            return {instance.assessment.unit_id}
        return set(Assessment.objects.filter(pk=instance.assessment_id).values_list("unit", flat=True))
    return set()


def _plans_supported(item_id: int):
    return Plan.objects.filter(areas__components__indicators__evidence=item_id).values_list("unit", flat=True)


def _saved(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # fixtures loaded as they are
    if isinstance(instance, Unit) and not kwargs.get("created"):
        # a unit moved carries its units below to another province
        mark(Unit.objects.filter(path__startswith=instance.path).values_list("pk", flat=True))
        return
    mark(units_of(instance))


def _deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Unit):
        return  # its summaries go with it (on_delete)
    if isinstance(instance, Plan | Finding | MonevCycle | Assessment):
        mark({getattr(instance, "unit_id", None)} | _plan_unit(instance))
    elif isinstance(instance, EvidenceItem):
        mark({instance.unit_id})
    else:
        mark(units_of(instance))


def _deleting(sender, instance, **kwargs) -> None:
    """An evidence item about to go: the plans it supports lose it (their links go with it, and
    deleting a link sends no signal of its own)."""
    mark(units_of(instance))


def _plan_unit(instance) -> set[int]:
    plan_id = getattr(instance, "plan_id", None)
    return set(Plan.objects.filter(pk=plan_id).values_list("unit", flat=True)) if plan_id else set()


def _linked(sender, instance, action, pk_set, model, **kwargs) -> None:
    """Evidence linked to or unlinked from an indicator moves its plan's progress."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    found = units_of(instance)
    if isinstance(instance, EvidenceItem):  # linked from the item's side: the indicators' plans
        found |= set(
            Plan.objects.filter(areas__components__indicators__in=pk_set or ()).values_list("unit", flat=True)
        )
    mark(found)


def _scored(sender, assessment, **kwargs) -> None:
    mark({assessment.unit_id})


def connect() -> None:
    scores_changed.connect(_scored, sender=Assessment, dispatch_uid="rollups-scored")
    for model in (
        Unit,
        Plan,
        PlanArea,
        Component,
        Indicator,
        ActionStep,
        Finding,
        MonevCycle,
        Assessment,
        Answer,
    ):
        post_save.connect(_saved, sender=model, dispatch_uid=f"rollups-{model._meta.label}")
    post_save.connect(_saved, sender=EvidenceItem, dispatch_uid="rollups-evidence")
    # the parts of a plan are deleted with it (the plan's own signal marks the unit): connecting
    # them would load every step of a deleted plan
    for model in (Plan, Finding, MonevCycle, Assessment, Answer, EvidenceItem):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"rollups-gone-{model._meta.label}")
    pre_delete.connect(_deleting, sender=EvidenceItem, dispatch_uid="rollups-evidence-going")
    m2m_changed.connect(_linked, sender=Indicator.evidence.through, dispatch_uid="rollups-linked")
    m2m_changed.connect(_linked, sender=Answer.evidence.through, dispatch_uid="rollups-answer-linked")
