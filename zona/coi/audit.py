"""Conflict of interest in the field-level trail."""

from zona.audit.registry import record

from .models import ConflictRisk, Declaration, MainFunction, Recusal

record(MainFunction)
record(ConflictRisk)
record(Declaration)
record(Recusal)
