"""A case module's states, transitions and deadlines, declared as a YAML data file and validated,
and the one workflow guard every module that moves a record along such a file goes through (the
case kinds, the WBS, gratification): find the transition, check the state, require the reason,
recompute the deadline from the working-day calendar.

states: code → {label, final, deadline: {working_days | by: field → {value: days}, from: received|state}}
transitions: list of {action, label, from: [codes], to: code, reason: required|optional|none}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zona.lib.errors import RuleError
from zona.lib.yamlfile import load_yaml
from zona.workdays.services import add_working_days


class WorkflowError(ValueError):
    pass


@dataclass(frozen=True)
class Deadline:
    working_days: int | None = None
    by: str = ""  # a case field whose value picks the number of days
    table: dict[str, int] = field(default_factory=dict)
    start: str = "state"  # "received" or "state"

    def days(self, values: dict[str, Any]) -> int | None:
        if self.by:
            return self.table.get(str(values.get(self.by, "")))
        return self.working_days


@dataclass(frozen=True)
class State:
    code: str
    label: str
    final: bool = False
    deadline: Deadline | None = None


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    reason: str = "none"  # required / optional / none


@dataclass(frozen=True)
class Workflow:
    name: str
    initial: str
    states: dict[str, State]
    transitions: dict[str, Transition]
    # The module's other numbers from the same file (e.g. the UPG deadlines of gratification).
    settings: dict[str, int] = field(default_factory=dict)

    def allowed(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]


def parse(raw: dict[str, Any]) -> Workflow:
    problems = []
    states = {}
    for code, spec in (raw.get("states") or {}).items():
        deadline = None
        if "deadline" in spec:
            d = spec["deadline"]
            deadline = Deadline(
                working_days=d.get("working_days"),
                by=d.get("by", ""),
                table={str(k): int(v) for k, v in (d.get("table") or {}).items()},
                start=d.get("from", "state"),
            )
            if deadline.start not in ("state", "received"):
                problems.append(f"{code}: deadline.from must be 'state' or 'received'")
            if deadline.working_days is None and not deadline.table:
                problems.append(f"{code}: a deadline needs working_days or a table")
        states[code] = State(code, str(spec.get("label", code)), bool(spec.get("final", False)), deadline)
    transitions = {}
    for item in raw.get("transitions") or []:
        sources = tuple(item.get("from") or [])
        transition = Transition(
            item["action"],
            str(item.get("label", item["action"])),
            sources,
            item["to"],
            item.get("reason", "none"),
        )
        for code in (*sources, transition.target):
            if code not in states:
                problems.append(f"{transition.action}: unknown state {code}")
        if transition.reason not in ("required", "optional", "none"):
            problems.append(f"{transition.action}: reason must be required, optional or none")
        transitions[transition.action] = transition
    initial = raw.get("initial")
    if initial not in states:
        problems.append(f"unknown initial state {initial}")
    if problems:
        raise WorkflowError("; ".join(problems))
    settings = {}
    for key, value in raw.items():
        if key in ("name", "initial", "states", "transitions"):
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            raise WorkflowError(f"{key}: a setting must be a whole number")
        settings[key] = value
    return Workflow(str(raw.get("name", "")), initial, states, transitions, settings)


@cache
def load(path: str | Path) -> Workflow:
    return parse(load_yaml(Path(path)))


# -- the guard ----------------------------------------------------------------------------------


def transition_for(
    workflow: Workflow, *, state: str, action: str, reason: str, error: type[RuleError] = RuleError
) -> Transition:
    """The transition `action` from `state`, refused with the module's own `error` (its message
    for the user) when the file has no such step from there, or when the step needs a reason and
    none was given."""
    transition = workflow.transitions.get(action)
    if transition is None or state not in transition.sources:
        raise error(_("This step is not possible in the current status."))
    if transition.reason == "required" and not reason.strip():
        raise error(_("Give the reason for this step."))
    return transition


def deadline_for(
    workflow: Workflow, state: str, *, received_on: date, values: dict, today: date
) -> date | None:
    """The deadline of `state` in working days, counted from the day received or from `today`
    (the day the state was entered) as the file says; None when the state has none."""
    spec = workflow.states[state].deadline
    if spec is None:
        return None
    days = spec.days(values)
    if days is None:
        return None
    return add_working_days(received_on if spec.start == "received" else today, days)


@dataclass(frozen=True)
class Move:
    """Where a guarded step leads: the new state, its deadline, whether it closes the record."""

    transition: Transition
    state: str
    due_on: date | None
    final: bool


def move(
    workflow: Workflow,
    *,
    state: str,
    action: str,
    reason: str,
    received_on: date,
    today: date,
    values: dict | None = None,
    error: type[RuleError] = RuleError,
) -> Move:
    """The guard and the new deadline in one: what the record becomes after `action`."""
    transition = transition_for(workflow, state=state, action=action, reason=reason, error=error)
    target = transition.target
    due = deadline_for(workflow, target, received_on=received_on, values=values or {}, today=today)
    return Move(transition, target, due, workflow.states[target].final)
