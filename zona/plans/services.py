"""Every write to a plan goes through these functions (atomic, audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit

from .importers import ParsedPlan, PlanFileError, Problem
from .models import ActionStep, Component, ImportMapping, Indicator, Plan, PlanArea, PlanSnapshot, PlanStatus
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
    it is kept. `by_name` names who replaced it when `by` is no account (the command line)."""
    year = year or parsed.year or (parsed.decree.date.year if parsed.decree.date else None)
    if not year:
        raise PlanFileError([Problem("", _("the plan's year is unknown: give it (--year)"))])
    existing = Plan.objects.select_for_update().filter(unit=unit, year=year).first()
    if existing is not None:
        if not replace:
            raise PlanFileError(
                [
                    Problem(
                        "", _("%(unit)s already has a plan for %(year)s") % {"unit": unit.code, "year": year}
                    )
                ]
            )
        # Refused when anything beyond the plan's own tree would go; else kept as a snapshot.
        set_aside(existing, by=by, by_name=by_name, reason=PlanSnapshot.Reason.IMPORT)
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
    # A few bulk inserts whatever the plan's size (5,000 rows save in well under a second).
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
        (
            Indicator(
                component=component,
                text=i.text,
                evidence_text=i.evidence,
                target_text=i.target.text[:200],
                target_start=i.target.start,
                target_end=i.target.end,
                pic_text=i.pic[:300],
                lke_ref=i.lke_ref[:40],
                measures=i.measures,
                order=order,
            ),
            i,
        )
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
    audit_record(
        actor=by,
        action="plan.imported",
        obj=plan,
        unit=unit,
        changes={"source": source_name, **parsed.counts()},
    )
    return plan


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


@transaction.atomic
def step_set_done(*, step: ActionStep, done: bool, by) -> ActionStep:
    if step.is_done == done:
        return step
    step.done_at = timezone.now() if done else None
    step.done_by = by if done else None
    step.save(update_fields=["done_at", "done_by"])
    unit = step.indicator.component.area.plan.unit
    audit_record(actor=by, action="step.done" if done else "step.reopened", obj=step, unit=unit)
    return step


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
    from .importers.layout import signature

    saved, _created = ImportMapping.objects.update_or_create(
        unit=unit,
        signature=signature(headers),
        defaults={"headers": headers, "mapping": mapping, "updated_by": by},
    )
    audit_record(
        actor=by, action="plan.import_mapping_saved", obj=saved, unit=unit, changes={"mapping": mapping}
    )
    return saved
