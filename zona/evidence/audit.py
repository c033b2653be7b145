"""Evidence in the field-level trail."""

from zona.audit.registry import never, record

from .models import EvidenceItem, EvidenceVersion, ExportJob

record(EvidenceItem)
record(EvidenceVersion)

never(ExportJob, why="a background export's progress; the file it makes is not a record")
