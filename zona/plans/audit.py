"""Work plans in the field-level trail."""

from zona.audit.registry import record

from .models import ActionStep, Component, ImportMapping, Indicator, Plan, PlanArea

record(Plan, noise=("updated_at",))
record(PlanArea)
record(Component)
record(Indicator)
record(ActionStep)
record(ImportMapping, noise=("updated_at",))
