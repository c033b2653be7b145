"""The one workflow guard (`zona.cases.workflow`): find the transition, check the state, require
the reason, recompute the deadline. The case kinds, the WBS and gratification all go through it,
each refusing with its own rule error."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zona.cases.services import CaseError
from zona.cases.workflow import deadline_for, move, parse, transition_for
from zona.gratification.services import GratificationError
from zona.lib.errors import RuleError
from zona.wbs.errors import WbsError

FLOW = parse(
    {
        "name": "test",
        "initial": "open",
        "states": {
            "open": {"label": "Open", "deadline": {"working_days": 3, "from": "received"}},
            "work": {"label": "Work", "deadline": {"by": "kind", "table": {"quick": 2, "slow": 14}}},
            "done": {"label": "Done", "final": True},
        },
        "transitions": [
            {"action": "take", "from": ["open"], "to": "work"},
            {"action": "close", "from": ["open", "work"], "to": "done", "reason": "required"},
            {"action": "note", "from": ["work"], "to": "work", "reason": "optional"},
        ],
    }
)


@pytest.mark.parametrize("error", [CaseError, WbsError, GratificationError])
def test_each_module_refuses_with_its_own_rule_error(error):
    assert issubclass(error, RuleError)
    with pytest.raises(error, match="tidak dapat dilakukan"):
        transition_for(FLOW, state="done", action="close", reason="x", error=error)
    with pytest.raises(error, match="alasan"):
        transition_for(FLOW, state="work", action="close", reason="  ", error=error)
    with pytest.raises(error, match="tidak dapat dilakukan"):
        transition_for(FLOW, state="open", action="fly", reason="", error=error)


@given(
    state=st.sampled_from(sorted(FLOW.states)),
    action=st.sampled_from([*sorted(FLOW.transitions), "unknown"]),
    reason=st.text(max_size=5),
)
def test_the_guard_lets_through_exactly_the_steps_of_the_file(state, action, reason):
    spec = FLOW.transitions.get(action)
    allowed = spec is not None and state in spec.sources and (spec.reason != "required" or reason.strip())
    try:
        found = transition_for(FLOW, state=state, action=action, reason=reason)
    except RuleError:
        assert not allowed
    else:
        assert allowed and found is spec


@pytest.mark.django_db
def test_the_deadline_is_recomputed_from_the_working_day_calendar():
    # Fri 6 March 2026 + 3 working days = Wed 11 March (the weekend skipped); from the day received.
    assert deadline_for(
        FLOW, "open", received_on=date(2026, 3, 6), values={}, today=date(2026, 3, 9)
    ) == date(2026, 3, 11)
    received, entered = date(2026, 3, 2), date(2026, 3, 6)  # entered on Fri 6 March
    step = move(
        FLOW,
        state="open",
        action="take",
        reason="",
        received_on=received,
        today=entered,
        values={"kind": "quick"},
    )
    assert (step.state, step.due_on, step.final) == ("work", date(2026, 3, 10), False)  # 2 working days
    unknown = move(FLOW, state="open", action="take", reason="", received_on=received, today=entered)
    assert unknown.due_on is None  # no value for the table: no deadline rather than a guess
    closed = move(FLOW, state="work", action="close", reason="done", received_on=received, today=entered)
    assert (closed.state, closed.due_on, closed.final) == ("done", None, True)
