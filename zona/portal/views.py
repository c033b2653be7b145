"""Public pages per unit: no login, only what the unit has published."""

from django.shortcuts import get_object_or_404, render

from zona.orgs.models import Unit
from zona.plans.exporters import plan_rows
from zona.plans.models import Plan


def unit_home(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    plans = Plan.objects.published().filter(unit=unit).order_by("-year")
    return render(request, "portal/unit_home.html", {"unit": unit, "plans": plans})


def unit_plan(request, slug: str, year: int):
    plan = get_object_or_404(Plan.objects.published().select_related("unit"), unit__slug=slug, year=year)
    return render(request, "portal/plan.html", {"plan": plan, "unit": plan.unit, "blocks": plan_rows(plan)})
