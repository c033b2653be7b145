"""The road in the field-level trail: the calendar and milestones are recorded; a forecast
snapshot is derived data, computed again from the answers and the plan."""

from zona.audit.registry import never, record

from .models import EvaluationCalendar, ForecastSnapshot, Milestone

record(EvaluationCalendar, noise=["updated_at"])
record(Milestone)
never(ForecastSnapshot, why="derived from the answers, the plan and the evidence; computed again at will")
