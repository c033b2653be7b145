"""Every write to a plan goes through these functions (atomic, audited)."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.models import EvidenceItem
from zona.lib.errors import RuleError
from zona.orgs.models import Unit

from .areas import all_areas
from .importers import ParsedPlan, PlanFileError, Problem
from .importers.layout import signature
from .importers.model import ParsedIndicator
from .models import (
    ActionStep,
    Component,
    ImportMapping,
    Indicator,
    Plan,
    PlanArea,
    PlanSnapshot,
    PlanStatus,
    StepStatus,
)
from .snapshots import set_aside


@transaction.atomic
def plan_import(
    *,
    parsed: ParsedPlan,
    unit: Unit,
    by,
    year: int | None = None,
    source_name: str = "",
    replace: bool = False,
    by_name: str = "",
) -> Plan:
    """Save a parsed plan, all or nothing. An existing plan is replaced only when asked, and
    only while it is a draft holding nothing but its own tree (see snapshots.py); a snapshot of
    it is kept, and the returned plan's `replaced` is that snapshot (None when no plan was
    replaced), for the command and the page to name. `by_name` names who replaced it when `by`
    is no account (the command line)."""
    year = year or parsed.year or (parsed.decree.date.year if parsed.decree.date else None)
    if not year:
        raise PlanFileError([Problem("", _("the plan's year is unknown: give it (--year)"))])
    replaced = _make_room(unit, year, replace=replace, by=by, by_name=by_name)
    plan = Plan.objects.create(
        unit=unit,
        year=year,
        title=parsed.title[:500],
        decree_number=parsed.decree.number[:200],
        decree_date=parsed.decree.date,
        decree_unit=parsed.decree.unit[:300],
        signatory=parsed.decree.signatory[:200],
        source_name=source_name[:255],
        created_by=by,
    )
    _save_tree(plan, parsed)
    audit_record(
        actor=by,
        action="plan.imported",
        obj=plan,
        unit=unit,
        changes={"source": source_name, **parsed.counts()},
    )
    plan.replaced = replaced
    return plan


def _make_room(unit: Unit, year: int, *, replace: bool, by, by_name: str) -> PlanSnapshot | None:
    """The unit's plan for the year, if any, set aside (kept as a snapshot, returned) when
    replacing is asked; refused otherwise, or when anything beyond the plan's own tree would go."""
    existing = Plan.objects.select_for_update().filter(unit=unit, year=year).first()
    if existing is None:
        return None
    if not replace:
        message = _("%(unit)s already has a plan for %(year)s") % {"unit": unit.code, "year": year}
        raise PlanFileError([Problem("", message)])
    return set_aside(existing, by=by, by_name=by_name, reason=PlanSnapshot.Reason.IMPORT)


def replaced_note(plan: Plan) -> str:
    """What became of the plan an import replaced: the snapshot kept, its number and how to put
    it back; "" when the import replaced nothing."""
    snapshot = getattr(plan, "replaced", None)
    if snapshot is None:
        return ""
    return _(
        "The plan it replaced is kept as snapshot #%(number)s (%(indicators)s indicators); to put "
        "it back, an administrator runs: zona restore-plan-snapshot %(number)s"
    ) % {"number": snapshot.pk, "indicators": snapshot.counts.get("indicators", 0)}


def _save_tree(plan: Plan, parsed: ParsedPlan) -> None:
    """The plan's areas, components, indicators and steps: a few bulk inserts whatever the
    plan's size (5,000 rows save in well under a second)."""
    areas = PlanArea.objects.bulk_create(
        PlanArea(plan=plan, code=a.code, name=a.name, priorities=a.priorities) for a in parsed.areas
    )
    pairs = [
        (Component(area=area, number=c.number, name=c.name[:500], order=order), c)
        for area, parsed_area in zip(areas, parsed.areas, strict=True)
        for order, c in enumerate(parsed_area.components)
    ]
    Component.objects.bulk_create([component for component, _c in pairs])
    indicator_pairs = [
        (_indicator(component, i, order), i)
        for component, parsed_component in pairs
        for order, i in enumerate(parsed_component.indicators)
    ]
    Indicator.objects.bulk_create([indicator for indicator, _i in indicator_pairs], batch_size=1000)
    ActionStep.objects.bulk_create(
        (
            ActionStep(indicator_id=indicator.pk, text=text, order=order)
            for indicator, parsed_indicator in indicator_pairs
            for order, text in enumerate(parsed_indicator.actions)
        ),
        batch_size=2000,
    )


def _indicator(component: Component, parsed: ParsedIndicator, order: int) -> Indicator:
    return Indicator(
        component=component,
        text=parsed.text,
        evidence_text=parsed.evidence,
        target_text=parsed.target.text[:200],
        target_start=parsed.target.start,
        target_end=parsed.target.end,
        pic_text=parsed.pic[:300],
        lke_ref=parsed.lke_ref[:40],
        measures=parsed.measures,
        order=order,
    )


@transaction.atomic
def plan_set_status(*, plan: Plan, status: str, by) -> Plan:
    """Establish (ditetapkan: published on the unit's public page) or return to draft."""
    if status not in PlanStatus.values:
        raise ValueError(status)
    before = plan.status
    if before == status:
        return plan
    plan.status = status
    plan.established_at = timezone.now() if status == PlanStatus.ESTABLISHED else None
    plan.save(update_fields=["status", "established_at", "updated_at"])
    action = "plan.established" if status == PlanStatus.ESTABLISHED else "plan.reopened"
    audit_record(actor=by, action=action, obj=plan, unit=plan.unit, changes={"status": [before, status]})
    return plan


class StepError(RuleError):
    """A step's status or progress was refused; the message is for the user."""


# Sent after a step's status or progress changed (kwargs: step, by, reason), so that the monev
# report of the open cycle follows the step: the step is the one source of truth.
step_state_changed = Signal()


def step_state_clean(status: str, progress: int) -> int:
    """The progress to store for a status: "Selesai" is 100 %, and 100 % is only "Selesai"."""
    if status not in StepStatus.values:
        raise StepError(_("Unknown status."))
    if not 0 <= progress <= 100:
        raise StepError(_("Progress must be between 0 and 100."))
    if status == StepStatus.DONE:
        return 100
    if progress == 100:
        raise StepError(_("100 % means done: choose the status “Selesai”."))
    return progress


@transaction.atomic
def step_set_state(*, step: ActionStep, status: str, progress: int, by, reason: str = "") -> ActionStep:
    """Set the step's one status and progress (from the plan page or a monev report); done_at
    follows "Selesai". The change and its reason (why a finished step went back) are audited."""
    progress = step_state_clean(status, progress)
    before = ActionStep.objects.select_for_update().values("status", "progress", "done_at").get(pk=step.pk)
    if before["status"] == status and before["progress"] == progress:
        return step
    was_done = before["status"] == StepStatus.DONE or before["done_at"] is not None
    done = status == StepStatus.DONE
    reason = reason.strip()[:2000]
    if was_done and not done and not reason:
        raise StepError(_("This step is finished: to move it back, confirm and say why."))
    step.status, step.progress = status, progress
    if done != was_done or done != step.is_done:
        step.done_at = timezone.now() if done else None
        step.done_by = by if done else None
    step.save(update_fields=["status", "progress", "done_at", "done_by"])
    action = "step.progress"
    if done and not was_done:
        action = "step.done"
    elif was_done and not done:
        action = "step.reopened"
    changes = {"status": [before["status"], status], "progress": [before["progress"], progress]}
    if reason:
        changes["reason"] = reason
    unit = step.indicator.component.area.plan.unit
    audit_record(actor=by, action=action, obj=step, unit=unit, changes=changes)
    step_state_changed.send(sender=ActionStep, step=step, by=by, reason=reason)
    return step


def step_set_done(*, step: ActionStep, done: bool, by, reason: str = "") -> ActionStep:
    """The plan page's tick: done is "Selesai" 100 %; unticking a finished step reopens it as
    "Berjalan" at 0 % (its percentage is reported again), only with a reason."""
    if step.is_done == done and (step.status == StepStatus.DONE) == done:
        return step
    if done:
        return step_set_state(step=step, status=StepStatus.DONE, progress=100, by=by, reason=reason)
    return step_set_state(step=step, status=StepStatus.RUNNING, progress=0, by=by, reason=reason)


@transaction.atomic
def step_assign(*, step: ActionStep, pic, by) -> ActionStep:
    before = str(step.pic) if step.pic_id else None
    step.pic = pic
    step.save(update_fields=["pic"])
    unit = step.indicator.component.area.plan.unit
    audit_record(
        actor=by,
        action="step.assigned",
        obj=step,
        unit=unit,
        changes={"pic": [before, str(pic) if pic else None]},
    )
    return step


@transaction.atomic
def indicator_link_evidence(*, indicator: Indicator, item: EvidenceItem, by) -> None:
    indicator.evidence.add(item)
    audit_record(
        actor=by, action="evidence.linked", obj=item, unit=item.unit, changes={"indicator": indicator.pk}
    )


@transaction.atomic
def import_mapping_save(*, unit: Unit, headers: list[str], mapping: dict[str, str], by) -> ImportMapping:
    """Keep the unit's column mapping for files with this header row."""
    saved, _created = ImportMapping.objects.update_or_create(
        unit=unit,
        signature=signature(headers),
        defaults={"headers": headers, "mapping": mapping, "updated_by": by},
    )
    audit_record(
        actor=by, action="plan.import_mapping_saved", obj=saved, unit=unit, changes={"mapping": mapping}
    )
    return saved


@transaction.atomic
def indicator_add(
    *, plan: Plan, area_number: int, component_name: str, text: str, lke_ref: str, by
) -> Indicator:
    """A new indicator in the plan's area (I–VI by number), under the component of that name
    (created when the area has none of it); it serves the LKE question `lke_ref`."""
    area_def = next((a for a in all_areas() if a.number == area_number), None)
    if area_def is None:
        raise StepError(_("Unknown area %(n)s.") % {"n": area_number})
    area, _created = PlanArea.objects.get_or_create(
        plan=plan, code=area_def.code, defaults={"name": area_def.name}
    )
    component = area.components.filter(name=component_name[:500]).first()
    if component is None:
        last = area.components.order_by("-number").values_list("number", flat=True).first() or 0
        component = Component.objects.create(
            area=area, number=last + 1, name=component_name[:500], order=area.components.count()
        )
    indicator = Indicator.objects.create(
        component=component, text=text[:2000], lke_ref=lke_ref[:40], order=component.indicators.count()
    )
    audit_record(
        actor=by,
        action="indicator.added",
        obj=indicator,
        unit=plan.unit,
        changes={"text": indicator.text, "lke_ref": indicator.lke_ref, "component": component.name},
    )
    return indicator


@transaction.atomic
def step_add(*, indicator: Indicator, text: str, pic, due_on, by) -> ActionStep:
    """A new action step at the end of the indicator's, with its person in charge and due date."""
    if not text.strip():
        raise StepError(_("A step needs its text."))
    step = ActionStep.objects.create(
        indicator=indicator, text=text.strip()[:2000], pic=pic, due_on=due_on, order=indicator.steps.count()
    )
    audit_record(
        actor=by,
        action="step.added",
        obj=step,
        unit=indicator.component.area.plan.unit,
        changes={
            "text": step.text,
            "pic": str(pic) if pic else None,
            "due": due_on.isoformat() if due_on else None,
        },
    )
    return step
