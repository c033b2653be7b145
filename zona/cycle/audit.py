"""The national cycle in the field-level trail."""

from zona.audit.registry import record

from .models import Entry, IncidentTask, Predicate, Revocation, StageRecord, TpiTeam, TpnFigures

record(TpiTeam)
record(Entry)
record(StageRecord)
record(TpnFigures)
record(Predicate)
record(Revocation)
record(IncidentTask)
