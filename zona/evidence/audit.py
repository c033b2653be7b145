"""Evidence in the field-level trail."""

from zona.audit.registry import record

from .models import EvidenceItem, EvidenceVersion

record(EvidenceItem)
record(EvidenceVersion)
