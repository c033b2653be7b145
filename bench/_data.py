"""The national data builders live in the package (`zona.ops.national`, also behind
`zona national-dataset`); the benchmarks import them from here."""

from zona.ops.national import (  # noqa: F401 - re-exported for the benchmarks
    EVIDENCE,
    UNITS,
    close_four_cycles,
    make_plans,
    make_units,
)
