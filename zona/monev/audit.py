"""Monitoring and evaluation in the field-level trail."""

from zona.audit.registry import record

from .models import (
    AgentChange,
    Finding,
    Meeting,
    MeetingDocument,
    MonevCycle,
    StepReport,
    Team,
    TeamMember,
)

record(MonevCycle, noise=("snapshot",))  # a closed cycle's snapshot is the whole plan, kept on the cycle
record(StepReport, noise=("reported_at",))
record(Meeting)
record(MeetingDocument)
record(Finding)
record(Team)
record(TeamMember)
record(AgentChange)
