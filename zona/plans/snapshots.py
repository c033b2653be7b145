"""Replacing a plan without losing work: what a replacement would delete, and a snapshot of the
plan it replaces that `zona restore-plan-snapshot` puts back.

A plan is replaced (by `zona import-plan --replace` or the import page's "replace" box) only
while it is a draft holding nothing but its own tree — areas, components, indicators and steps
that no one has reported on. Anything else that hangs on it (monev cycles and their step reports,
meetings and their minutes, findings, linked evidence, confirmed LKE links, survey follow-ups,
steps marked done) would be deleted with it: the replacement is refused, naming each kind and
how many. Found through Django's own deletion collector, so a kind added later is refused too;
the app that owns a kind names it (`name_kind`).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date, datetime

from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.db import models, router, transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zona.audit.services import audit_record

from .importers import PlanFileError, Problem
from .models import ActionStep, Component, Indicator, Plan, PlanArea, PlanSnapshot, StepStatus

# The plan's own tree: kept in the snapshot, so replacing it loses nothing.
TREE = {m._meta.label for m in (Plan, PlanArea, Component, Indicator, ActionStep)}
# The kinds of record that hang on a plan, each named (and, when only some of them are someone's
# work, filtered) by the app that owns it: a later app calls `name_kind` in its AppConfig.ready,
# so this app never names another's models. A kind nobody named goes by its model's name.
KINDS: dict[type[models.Model], tuple[str, Callable[[models.Model], bool] | None]] = {}


def name_kind(model: type[models.Model], words: str, counted: Callable[[models.Model], bool] | None = None):
    """How the refusal to replace a plan names the records of `model` it would delete (`words`,
    translatable), and which of them count (`counted`; all when None)."""
    KINDS[model] = (words, counted)


name_kind(Indicator.evidence.through, gettext_lazy("evidence linked to indicators"))
name_kind(ActionStep.evidence.through, gettext_lazy("evidence linked to action steps"))
STEPS_DONE = gettext_lazy("action steps marked done")


def losses(plan: Plan) -> dict[str, int]:
    """What deleting the plan would lose beyond its own tree: kind (as the user reads it) → count."""
    collector = NestedObjects(using=router.db_for_write(Plan))
    collector.collect([plan])
    found: dict[type[models.Model], list] = {}
    for model, objects in collector.data.items():
        if model._meta.label not in TREE:
            found.setdefault(model, []).extend(objects)
    for obj in collector.protected:  # a record that forbids the deletion (a survey follow-up)
        found.setdefault(type(obj), []).append(obj)
    order = list(KINDS)
    counts: dict[str, int] = {}
    for model in sorted(found, key=lambda m: (order.index(m) if m in order else len(order), m._meta.label)):
        words, counted = KINDS.get(model, (model._meta.verbose_name_plural, None))
        n = sum(1 for obj in found[model] if counted(obj)) if counted else len(found[model])
        if n:
            counts[str(words)] = counts.get(str(words), 0) + n
    done = ActionStep.objects.filter(indicator__component__area__plan=plan, done_at__isnull=False).count()
    if done:
        counts[str(STEPS_DONE)] = done
    return counts


def refuse_if_lost(plan: Plan) -> None:
    """PlanFileError naming every kind (and count) a replacement would delete; None when the
    plan holds only its own tree."""
    lost = losses(plan)
    if lost:
        listed = ", ".join(f"{n} {kind}" for kind, n in lost.items())
        raise PlanFileError(
            [
                Problem(
                    "",
                    _(
                        "the %(year)s plan can't be replaced: it already has monev history, findings, "
                        "meetings or evidence that would be deleted with it (%(lost)s). Nothing was "
                        "changed; edit the plan instead"
                    )
                    % {"year": plan.year, "lost": listed},
                )
            ]
        )


# -- the tree as data ----------------------------------------------------------------------
def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


PLAN_FIELDS = ("title", "decree_number", "decree_date", "decree_unit", "signatory", "status", "source_name")
INDICATOR_FIELDS = (
    "text", "evidence_text", "target_text", "target_start", "target_end", "pic_text", "lke_ref", "measures",
    "order",
)  # fmt: skip
STEP_FIELDS = ("text", "order", "pic_id", "done_at", "done_by_id", "due_on", "status", "progress")


def plan_tree(plan: Plan) -> dict:
    """The plan and everything under it, as JSON-ready data (no database ids but people's)."""
    steps: dict[int, list[dict]] = {}
    for step in ActionStep.objects.filter(indicator__component__area__plan=plan).order_by("order", "pk"):
        steps.setdefault(step.indicator_id, []).append({f: _plain(getattr(step, f)) for f in STEP_FIELDS})
    indicators: dict[int, list[dict]] = {}
    for ind in Indicator.objects.filter(component__area__plan=plan).order_by("order", "pk"):
        entry = {f: _plain(getattr(ind, f)) for f in INDICATOR_FIELDS}
        indicators.setdefault(ind.component_id, []).append({**entry, "steps": steps.get(ind.pk, [])})
    components: dict[int, list[dict]] = {}
    for comp in Component.objects.filter(area__plan=plan).order_by("order", "pk"):
        components.setdefault(comp.area_id, []).append(
            {
                "number": comp.number,
                "name": comp.name,
                "order": comp.order,
                "indicators": indicators.get(comp.pk, []),
            }
        )
    return {
        "year": plan.year,
        **{f: _plain(getattr(plan, f)) for f in PLAN_FIELDS},
        "areas": [
            {
                "code": a.code,
                "name": a.name,
                "priorities": a.priorities,
                "components": components.get(a.pk, []),
            }
            for a in plan.areas.order_by("pk")
        ],
    }


def _people(tree: dict) -> set[int]:
    """The people the tree's steps name who still have an account."""
    named = {
        s[key]
        for a in tree["areas"]
        for c in a["components"]
        for i in c["indicators"]
        for s in i["steps"]
        for key in ("pic_id", "done_by_id")
        if s[key]
    }
    return set(get_user_model().objects.filter(pk__in=named).values_list("pk", flat=True))


def _step(indicator: Indicator, data: dict, people: set[int]) -> ActionStep:
    return ActionStep(
        indicator=indicator,
        text=data["text"],
        order=data["order"],
        pic_id=data["pic_id"] if data["pic_id"] in people else None,
        done_at=parse_datetime(data["done_at"]) if data["done_at"] else None,
        done_by_id=data["done_by_id"] if data["done_by_id"] in people else None,
        due_on=parse_date(data["due_on"]) if data["due_on"] else None,
        # snapshots taken before steps had a status: a done step is "Selesai" 100 %
        status=data.get("status") or (StepStatus.DONE if data["done_at"] else StepStatus.NOT_STARTED),
        progress=data.get("progress", 100 if data["done_at"] else 0),
    )


def _build(tree: dict, unit, by) -> Plan:
    """The plan a tree describes, saved with a few bulk inserts (as an import saves one)."""
    people = _people(tree)
    plan = Plan.objects.create(
        unit=unit,
        year=tree["year"],
        created_by=by,
        **{f: tree[f] for f in PLAN_FIELDS if f != "decree_date"},
        decree_date=parse_date(tree["decree_date"]) if tree["decree_date"] else None,
    )
    areas = PlanArea.objects.bulk_create(
        PlanArea(plan=plan, code=a["code"], name=a["name"], priorities=a["priorities"]) for a in tree["areas"]
    )
    components = Component.objects.bulk_create(
        [
            Component(area=area, number=c["number"], name=c["name"], order=c["order"])
            for area, area_data in zip(areas, tree["areas"], strict=True)
            for c in area_data["components"]
        ]
    )
    component_data = [c for a in tree["areas"] for c in a["components"]]
    pairs = []
    for component, comp_data in zip(components, component_data, strict=True):
        for ind_data in comp_data["indicators"]:
            values = {f: ind_data[f] for f in INDICATOR_FIELDS}
            for f in ("target_start", "target_end"):
                values[f] = parse_date(values[f]) if values[f] else None
            pairs.append((Indicator(component=component, **values), ind_data))
    Indicator.objects.bulk_create([indicator for indicator, _d in pairs], batch_size=1000)
    ActionStep.objects.bulk_create(
        [_step(indicator, s, people) for indicator, ind_data in pairs for s in ind_data["steps"]],
        batch_size=2000,
    )
    return plan


# -- snapshots -------------------------------------------------------------------------------
def _counts(tree: dict) -> dict[str, int]:
    components = [c for a in tree["areas"] for c in a["components"]]
    indicators = [i for c in components for i in c["indicators"]]
    return {
        "areas": len(tree["areas"]),
        "components": len(components),
        "indicators": len(indicators),
        "actions": sum(len(i["steps"]) for i in indicators),
    }


@transaction.atomic
def set_aside(plan: Plan, *, by, by_name: str = "", reason: str) -> PlanSnapshot:
    """Keep a snapshot of a plan and delete it, refusing (PlanFileError) when it is established
    or anything beyond its own tree would be lost."""
    if plan.is_established:
        raise PlanFileError(
            [Problem("", _("the %(year)s plan is established and can't be replaced") % {"year": plan.year})]
        )
    refuse_if_lost(plan)
    tree = plan_tree(plan)
    person = getattr(by, "is_authenticated", False)
    snapshot = PlanSnapshot.objects.create(
        unit=plan.unit,
        year=plan.year,
        title=plan.title[:500],
        reason=reason,
        tree=tree,
        counts=_counts(tree),
        taken_by=by if person else None,
        taken_by_name=(by_name or (by.get_username() if person else ""))[:150],
    )
    audit_record(
        actor=by, action="plan.snapshot_taken", obj=snapshot, unit=plan.unit, changes={"reason": reason}
    )
    audit_record(
        actor=by, action="plan.replaced", obj=plan, unit=plan.unit, changes={"snapshot": snapshot.pk}
    )
    plan.delete()
    return snapshot


@transaction.atomic
def restore(snapshot: PlanSnapshot, *, by, by_name: str = "") -> Plan:
    """Put a snapshot's plan back for its unit and year. The plan there now, if any, is set aside
    first (its own snapshot taken), under the same refusals as a replacing import."""
    current = Plan.objects.select_for_update().filter(unit=snapshot.unit, year=snapshot.year).first()
    if current is not None:
        set_aside(current, by=by, by_name=by_name, reason=PlanSnapshot.Reason.RESTORE)
    plan = _build(snapshot.tree, snapshot.unit, by if getattr(by, "is_authenticated", False) else None)
    audit_record(
        actor=by, action="plan.snapshot_restored", obj=plan, unit=plan.unit, changes={"snapshot": snapshot.pk}
    )
    return plan


def command_user(command: str) -> str:
    """Who ran a `zona` command, for a snapshot's record: the system account."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "?"
    return f"{name} (zona {command})"
