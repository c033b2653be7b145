"""SAKIP performance in the field-level trail."""

from zona.audit.registry import record

from .models import Agreement, Indicator, Realisation, Target

record(Agreement)
record(Target)
record(Indicator)
record(Realisation, noise=("reported_at",))
