"""What moves a unit's forecast, noted as it is saved (`snapshots.note_change`, no query): the
LKE's own answers and the evidence attached to them, the assessment's options, the plan, its
indicators and steps, the monev step reports and the evidence items themselves. The road listens
to the other apps' records; they need not know it exists (zona/architecture.yaml: road uses them,
not the other way round)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from zona.evidence.models import EvidenceItem
from zona.lke.models import Answer, Assessment, Level
from zona.monev.models import StepReport
from zona.plans.models import ActionStep, Indicator, Plan

from .snapshots import note_change

UID = "zona.road.forecast"


def _answer(sender, instance: Answer, **kwargs) -> None:
    if instance.level == Level.SELF:
        note_change("assessment", instance.assessment_id)


def _answer_evidence(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Answer):
        _answer(sender, instance)
    else:
        note_change("evidence", instance.pk)


def _assessment(sender, instance: Assessment, created: bool = False, **kwargs) -> None:
    if not created:
        note_change("assessment", instance.pk)


def _plan(sender, instance: Plan, **kwargs) -> None:
    note_change("plan", instance.pk)


def _indicator(sender, instance: Indicator, **kwargs) -> None:
    note_change("indicator", instance.pk)


def _step(sender, instance: ActionStep, **kwargs) -> None:
    note_change("indicator", instance.indicator_id)


def _report(sender, instance: StepReport, **kwargs) -> None:
    note_change("step", instance.step_id)


def _evidence(sender, instance: EvidenceItem, **kwargs) -> None:
    note_change("evidence", instance.pk)


def connect() -> None:
    for model, receiver in (
        (Answer, _answer),
        (Assessment, _assessment),
        (Plan, _plan),
        (Indicator, _indicator),
        (ActionStep, _step),
        (StepReport, _report),
        (EvidenceItem, _evidence),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"{UID}.save.{model.__name__}")
        if model is not Plan and model is not Indicator:
            post_delete.connect(receiver, sender=model, dispatch_uid=f"{UID}.delete.{model.__name__}")
    m2m_changed.connect(_answer_evidence, sender=Answer.evidence.through, dispatch_uid=f"{UID}.m2m")
