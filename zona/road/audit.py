"""The road in the field-level trail: the calendar, milestones, the coordinator's efforts and the
targets of the steps the cheapest path created are recorded; a forecast snapshot is derived data,
computed again from the answers and the plan; a what-if sandbox is a person's scratch copy."""

from zona.audit.registry import never, record

from .models import EvaluationCalendar, ForecastSnapshot, Milestone, PathStep, QuestionEffort, Sandbox

record(EvaluationCalendar, noise=["updated_at"])
record(Milestone)
record(QuestionEffort, noise=["set_at"])
record(PathStep)
never(ForecastSnapshot, why="derived from the answers, the plan and the evidence; computed again at will")
never(Sandbox, why="a person's scratch copy of answers for what-if trials; it changes nothing real")
