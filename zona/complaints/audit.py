"""Complaints in the field-level trail, read by the APIP only (the case itself is recorded by the
case engine)."""

from zona.audit.registry import record

from .models import Complaint

record(Complaint, narrow=True)
