"""Gratification reports in the field-level trail, read by the APIP only."""

from zona.audit.registry import record

from .models import Attachment, GratificationReport, Recap, ReportEvent

record(GratificationReport, narrow=True)
record(Attachment, narrow=True)
record(ReportEvent, narrow=True)
record(Recap, narrow=True)
