"""The SPIP risk register in the field-level trail."""

from zona.audit.registry import record

from .models import ControlAction, LevelChange, MatrixChoice, Realisation, Register, Risk

record(MatrixChoice)
record(Register)
record(Risk)
record(LevelChange)
record(ControlAction)
record(Realisation, noise=("reported_at",))
