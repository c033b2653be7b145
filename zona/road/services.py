"""The road's writes: the coordinator's effort per question, and the cheapest path turned into
plan steps (through the plans' services; audited)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.lib.errors import RuleError
from zona.lke.models import Assessment
from zona.lke.services import instrument_of
from zona.orgs.holders import people_of
from zona.plans.models import ActionStep, Indicator, Plan
from zona.plans.services import indicator_add, step_add

from .models import PathStep, QuestionEffort
from .path import Step, paths

# The plan area (I–VI by number) a Hasil question's work belongs to: the SAKIP achievement (B.1.*)
# is Penguatan Akuntabilitas, the service quality (B.2.*) Peningkatan Kualitas Pelayanan Publik.
HASIL_AREA = {"B.1": 4, "B.2": 6}


class RoadError(RuleError):
    """A road action was refused; the message is for the user."""


@transaction.atomic
def effort_set(*, assessment: Assessment, ref: str, effort: int | None, by) -> None:
    """The coordinator's effort for raising `ref` one option up (None: back to the default)."""
    if ref not in instrument_of(assessment).questions:
        raise RoadError(_("Unknown question %(ref)s.") % {"ref": ref})
    before = assessment.efforts.filter(ref=ref).values_list("effort", flat=True).first()
    if effort is None:
        assessment.efforts.filter(ref=ref).delete()
    elif not 1 <= effort <= 100:
        raise RoadError(_("The effort is a whole number from 1 to 100."))
    else:
        QuestionEffort.objects.update_or_create(
            assessment=assessment, ref=ref, defaults={"effort": effort, "set_by": by}
        )
    audit_record(
        actor=by,
        action="road.effort_set",
        obj=assessment,
        unit=assessment.unit,
        changes={"ref": ref, "effort": [before, effort]},
    )


def area_of(ref: str) -> int:
    """The plan area (1–6) of an LKE question: A.I.3.ii.a → 3; Hasil by HASIL_AREA."""
    parts = ref.split(".")
    if parts[0] == "A":
        return int(parts[2])
    return HASIL_AREA[".".join(parts[:2])]


def _indicator_for(plan: Plan, step: Step, by) -> Indicator:
    """The indicator the step goes under: the one already linked to the question, else the plan's
    indicator written for it, else a new one in the question's area."""
    if step.indicator_id:
        return Indicator.objects.select_related("component__area__plan__unit").get(pk=step.indicator_id)
    ref = step.question.ref
    found = Indicator.objects.filter(component__area__plan=plan, lke_ref=ref).order_by("pk").first()
    if found is not None:
        return found
    return indicator_add(
        plan=plan,
        area_number=area_of(ref),
        component_name=_("LKE answer improvements"),
        text=f"{ref} {step.question.text}"[:2000],
        lke_ref=ref,
        by=by,
    )


@transaction.atomic
def path_to_plan(
    *, assessment: Assessment, predicate: str, refs: list[str], pic_id: int | None, due_on: date | None, by
) -> tuple[list[ActionStep], list[str]]:
    """The chosen improvements of the cheapest path to `predicate` as plan steps of the unit's
    plan for the assessment's year, each with its person in charge, due date and target (the
    improved answer, kept in `PathStep`). An improvement with an open step the path created for
    it already is skipped: (the steps created, the questions skipped)."""
    _inputs, found = paths(assessment)
    path = found.get(predicate)
    if path is None:
        raise RoadError(_("Unknown predicate."))
    chosen = [s for s in path.steps if s.question.ref in set(refs)]
    if not chosen:
        raise RoadError(_("Choose at least one of the path's improvements."))
    skipped = [s.question.ref for s in chosen if s.planned]
    steps = [s for s in chosen if not s.planned]
    if not steps:
        raise RoadError(
            _("These improvements are in the work plan already (open steps): %(refs)s.")
            % {"refs": ", ".join(skipped)}
        )
    plan = Plan.objects.filter(unit=assessment.unit, year=assessment.year).first()
    if plan is None:
        raise RoadError(_("The unit has no work plan for %(year)s yet.") % {"year": assessment.year})
    if due_on is None or not assessment.year - 1 <= due_on.year <= assessment.year + 1:
        raise RoadError(_("Give a due date within the assessment's year."))
    pic = people_of(assessment.unit).filter(pk=pic_id).first() if pic_id else None
    if pic is None:
        raise RoadError(_("Choose the person in charge among the unit's people."))
    created = []
    for step in steps:
        text = _("Raise the LKE answer to %(ref)s from %(now)s to %(target)s") % {
            "ref": step.question.ref,
            "now": step.now_label,
            "target": step.target_label,
        }
        indicator = _indicator_for(plan, step, by)
        added = step_add(indicator=indicator, text=text, pic=pic, due_on=due_on, by=by)
        PathStep.objects.create(
            step=added,
            assessment=assessment,
            ref=step.question.ref,
            target=step.target,
            value=str(step.value),
        )
        created.append(added)
    audit_record(
        actor=by,
        action="road.path_planned",
        obj=assessment,
        unit=assessment.unit,
        changes={
            "predicate": predicate,
            "refs": [s.question.ref for s in steps],
            "steps": [s.pk for s in created],
            "skipped": skipped,
        },
    )
    return created, skipped
