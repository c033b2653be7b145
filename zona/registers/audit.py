"""The recap registers in the field-level trail."""

from zona.audit.registry import record

from .models import Entry, Headcount, NilDeclaration

record(Entry, noise=("updated_at",))
record(Headcount, noise=("updated_at",))
record(NilDeclaration)  # a unit's "nihil" for a register's year: who declared it is the trail's point
