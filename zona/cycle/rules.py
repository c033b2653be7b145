"""The cycle's data (data/cycle.yaml), read once and checked: the stages in order, who records
each outcome, the objection window, the questions the TPN's figures replace, the TPI's
confirmation period. The revocation bar's period is the LKE instrument's own
(`no_revocation_within`, 2 years in PermenPAN-RB 90/2021's library file): `bar_period`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from zona.lib.errors import RuleError
from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "cycle.yaml"
WHO = ("tpi", "tpn", "unit")
DEFAULT_BAR = 2  # years, when an instrument names no revocation bar


class CycleDataError(RuleError, ValueError):
    """A broken data/cycle.yaml: Zona does not start."""


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    by: str
    note_required: bool = False
    stops: bool = False
    resumes: bool = False
    proposes: str = ""
    after: str = ""  # an outcome of the same stage that must come first (a decision on an objection)


@dataclass(frozen=True)
class Window:
    after: str
    working_days: int
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class StageSpec:
    code: str
    label: str
    by: str
    optional: bool = False
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    window: Window | None = None

    def who(self, outcome: str) -> str:
        return self.outcomes[outcome].by if outcome else self.by


@dataclass(frozen=True)
class Rules:
    stages: dict[str, StageSpec]
    tpn_figures: dict[str, str]
    incident_days: int
    source: str

    @property
    def order(self) -> list[str]:
        return list(self.stages)


def _outcome(stage: str, code: str, raw: dict, default_by: str) -> Outcome:
    by = raw.get("by", default_by)
    if by not in WHO or not raw.get("label"):
        raise CycleDataError(f"{DATA.name}: {stage}.{code}: a label and `by` in {WHO}")
    return Outcome(
        code,
        str(raw["label"]),
        by,
        raw.get("note") == "required",
        bool(raw.get("stops")),
        bool(raw.get("resumes")),
        str(raw.get("proposes", "")),
        str(raw.get("after", "")),
    )


def _stage(raw: dict, before: list[str]) -> StageSpec:
    code, by = str(raw.get("code", "")), raw.get("by", "tpn")
    if not code or not raw.get("label") or by not in WHO:
        raise CycleDataError(f"{DATA.name}: each stage needs a code, a label and `by` in {WHO}")
    outcomes = {str(k): _outcome(code, str(k), v or {}, by) for k, v in (raw.get("outcomes") or {}).items()}
    window = None
    if raw.get("window"):
        spec = raw["window"]
        if spec.get("after") not in before or not isinstance(spec.get("working_days"), int):
            raise CycleDataError(f"{DATA.name}: {code}: a window after an earlier stage, in working days")
        window = Window(spec["after"], spec["working_days"], tuple(spec.get("outcomes") or ()))
    return StageSpec(code, str(raw["label"]), by, bool(raw.get("optional")), outcomes, window)


@cache
def rules() -> Rules:
    raw = load_yaml(DATA) or {}
    if not str(raw.get("source", "")).strip():
        raise CycleDataError(f"{DATA.name}: give its source")
    stages: dict[str, StageSpec] = {}
    for item in raw.get("stages") or []:
        stage = _stage(item, list(stages))
        stages[stage.code] = stage
    days = raw.get("incident_confirmation_working_days")
    if not stages or not isinstance(days, int) or days < 1:
        raise CycleDataError(f"{DATA.name}: the stages and the confirmation's working days")
    figures = {str(k): str(v) for k, v in (raw.get("tpn_figures") or {}).items()}
    if set(figures) != {"ipak", "ipkp"}:
        raise CycleDataError(f"{DATA.name}: tpn_figures names the questions of ipak and ipkp")
    return Rules(stages, figures, days, " ".join(str(raw["source"]).split()))


def bar_period(instrument) -> int:
    """The years a revocation bars a proposal: the instrument's `no_revocation_within`."""
    for criteria in instrument.predicates.values():
        for criterion in criteria:
            if "no_revocation_within" in criterion:
                return int(criterion["no_revocation_within"])
    return DEFAULT_BAR


def barring(year: int, revoked: tuple[int, ...] | list[int], period: int) -> list[int]:
    """The revocations that bar a proposal in `year`: those in that year or the `period` years
    before it (the LKE's gate reads the same rule)."""
    return sorted(r for r in revoked if 0 <= year - r <= period)
