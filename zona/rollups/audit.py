"""The summaries are derived from recorded models, never typed: nothing to record."""

from zona.audit.registry import never

from .models import RollupMark, UnitSummary, YearSummary

never(UnitSummary, YearSummary, RollupMark, why="derived figures, recomputed from the records they sum")
