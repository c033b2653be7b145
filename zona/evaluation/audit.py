"""The TPI's evaluation in the field-level trail: every record is someone's judgement."""

from zona.audit.registry import record

from .models import InformationRequest, TeamMember, TierAnswer, TierApproval

record(TeamMember)
record(TierAnswer, noise=["answered_at"])
record(TierApproval)
record(InformationRequest, noise=["reminded_before", "reminded_after"])
