"""The working-day calendar in the field-level trail."""

from zona.audit.registry import record

from .models import CalendarOverride

record(CalendarOverride)
