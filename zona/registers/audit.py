"""The recap registers in the field-level trail."""

from zona.audit.registry import record

from .models import Entry, Headcount

record(Entry, noise=("updated_at",))
record(Headcount, noise=("updated_at",))
