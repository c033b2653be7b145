"""The SOP register in the field-level trail."""

from zona.audit.registry import record

from .models import Reminder, Review, Sop, Version

record(Sop)
record(Version)
record(Review)
record(Reminder)
