"""The demo's plans: the seed decree's plan for KPU Sumsel (established, the PIC holding the
first two areas' steps) and the same plan imported for KPU Kota Palembang."""

from __future__ import annotations

from pathlib import Path

from zona.orgs.models import Unit
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, Plan, PlanStatus
from zona.plans.services import plan_import, plan_set_status

SEED = Path(__file__).resolve().parents[1] / "plans" / "fixtures" / "sk-34-2023-kpu-sumsel.md"


def load(people) -> Plan:
    """The province's 2023 plan (imported once) and Palembang's; returns the province's."""
    sumsel = Unit.objects.get(code="SUMSEL")
    plan = Plan.objects.filter(unit=sumsel, year=2023).first()
    if plan is None:
        parsed = read_plan(SEED.read_bytes(), SEED.name)
        plan = plan_import(parsed=parsed, unit=sumsel, by=people["koordinator"], source_name=SEED.name)
        # Give the PIC the steps of the first two areas, so "My tasks" has content.
        steps = ActionStep.objects.filter(
            indicator__component__area__plan=plan, indicator__component__area__code__in=["I", "II"]
        )
        steps.update(pic=people["pic"])
        plan_set_status(plan=plan, status=PlanStatus.ESTABLISHED, by=people["koordinator"])
    return plan


def load_palembang(people) -> None:
    palembang = Unit.objects.get(code="SUMSEL-PALEMBANG")
    if not Plan.objects.filter(unit=palembang, year=2023).exists():
        plan_import(
            parsed=read_plan(SEED.read_bytes(), SEED.name),
            unit=palembang,
            by=people["palembang"],
            source_name=SEED.name,
        )
