"""Work plans in the field-level trail."""

from zona.audit.registry import never, record

from .models import ActionStep, Component, ImportMapping, Indicator, Plan, PlanArea, PlanSnapshot

record(Plan, noise=("updated_at",))
record(PlanArea)
record(Component)
record(Indicator)
record(ActionStep)
record(ImportMapping, noise=("updated_at",))
never(
    PlanSnapshot,
    why="a frozen copy of a replaced plan, never edited: its taking and restoring are audit events",
)
