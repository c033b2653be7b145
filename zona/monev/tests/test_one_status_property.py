"""Any interleaving of plan-page updates (tick / untick a step) and monev reports (any status and
progress, with or without a reason, with or without evidence) leaves the step, its report in the
open cycle and the roll-ups (the cycle page's and the dashboard's progress per area, the plan's
progress, the overdue count) agreeing with a model of what each operation should do."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.evidence.services import evidence_create_link
from zona.monev.dashboard import plan_overview
from zona.monev.models import StepReport
from zona.monev.services import MonevError, ReopenNeedsReason, cycle_open, step_report
from zona.monev.snapshot import snapshot_build
from zona.plans.models import ActionStep, Indicator, StepStatus
from zona.plans.progress import mean_progress
from zona.plans.selectors import plan_tree, plans_progress
from zona.plans.services import StepError, step_set_done

TODAY = date(2023, 7, 1)
STEPS = 4  # the steps the operations touch; the invariants look at every step of the plan

plan_update = st.tuples(
    st.just("plan"), st.integers(0, STEPS - 1), st.booleans(), st.booleans()
)  # done, reason
report_update = st.tuples(
    st.just("report"),
    st.integers(0, STEPS - 1),
    st.sampled_from(StepStatus.values),
    st.integers(0, 100) | st.sampled_from([0, 100]),
    st.booleans(),  # a reason given
    st.booleans(),  # evidence attached
)


@pytest.fixture
def world(seed_plan, cast):
    steps = list(ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk"))
    # spread the touched steps over indicators of different areas where the plan allows
    chosen = {}
    for step in steps:
        chosen.setdefault(step.indicator.component.area_id, step)
    touched = (list(chosen.values()) + steps)[:STEPS]
    return {"plan": seed_plan, "touched": [s.pk for s in touched], "cast": cast}


def state(model: dict, step_id: int) -> dict:
    """A step's expected state; untouched, it has not started."""
    return model.get(step_id, {"status": StepStatus.NOT_STARTED, "progress": 0})


def expect_report(model: dict, step_id: int, status: str, progress: int, reason: bool) -> str:
    """What the model says a report does: 'ok', 'invalid' (100 % without Selesai) or 'reason'."""
    if status != StepStatus.DONE and progress == 100:
        return "invalid"
    if state(model, step_id)["status"] == StepStatus.DONE and status != StepStatus.DONE and not reason:
        return "reason"
    model[step_id] = {"status": status, "progress": 100 if status == StepStatus.DONE else progress}
    return "ok"


def expect_plan(model: dict, step_id: int, done: bool, reason: bool) -> str:
    """What the plan page's tick does: 'ok', or 'reason' (unticking a finished step needs one)."""
    if done:
        model[step_id] = {"status": StepStatus.DONE, "progress": 100}
    elif state(model, step_id)["status"] == StepStatus.DONE:
        if not reason:
            return "reason"
        model[step_id] = {"status": StepStatus.RUNNING, "progress": 0}
    return "ok"


def apply(op, world, cycle, model, attached) -> None:
    cast = world["cast"]
    step = ActionStep.objects.select_related("indicator__component__area__plan__unit").get(
        pk=world["touched"][op[1]]
    )
    if op[0] == "plan":
        outcome = expect_plan(model, step.pk, op[2], op[3])
        try:
            with transaction.atomic():
                step_set_done(step=step, done=op[2], by=cast["coordinator"], reason="alasan" if op[3] else "")
        except StepError:
            assert outcome == "reason"
        else:
            assert outcome == "ok"
        return
    _kind, _i, status, progress, reason, with_evidence = op
    outcome = expect_report(model, step.pk, status, progress, reason)
    item = None
    if with_evidence:
        item = evidence_create_link(
            unit=world["plan"].unit, title="Bukti", url="https://e.go.id", by=cast["pic"]
        )
    try:
        with transaction.atomic():
            step_report(
                cycle=cycle,
                step=step,
                status=status,
                progress=progress,
                note="",
                by=cast["pic"],
                reason="alasan" if reason else "",
                evidence=[item] if item else None,
            )
    except ReopenNeedsReason:
        assert outcome == "reason"
    except MonevError:
        assert outcome == "invalid"
    else:
        assert outcome == "ok"
        if item:
            attached.append((step.pk, item.pk))


def check(world, cycle, model, attached) -> None:
    plan = world["plan"]
    steps = list(ActionStep.objects.filter(indicator__component__area__plan=plan).select_related("indicator"))
    reports = {r.step_id: r for r in StepReport.objects.filter(cycle=cycle)}
    for step in steps:
        expected = state(model, step.pk)
        assert (step.status, step.progress) == (expected["status"], expected["progress"])
        assert step.is_done == (step.status == StepStatus.DONE) == (step.progress == 100)
        if step.pk in reports:
            assert (reports[step.pk].status, reports[step.pk].progress) == (step.status, step.progress)
    for step_id, item_id in attached:  # evidence from a report is the step's and its indicator's
        step = ActionStep.objects.get(pk=step_id)
        assert step.evidence.filter(pk=item_id).exists()
        assert step.indicator.evidence.filter(pk=item_id).exists()
        assert StepReport.objects.get(cycle=cycle, step_id=step_id).evidence.filter(pk=item_id).exists()

    # roll-ups: an independent count from the steps (no evidence is verified here)
    by_indicator: dict[int, list[bool]] = {}
    for step in steps:
        by_indicator.setdefault(step.indicator_id, []).append(step.is_done)
    expected_area: dict[str, list[float]] = {}
    for indicator in Indicator.objects.filter(component__area__plan=plan).select_related("component__area"):
        done = by_indicator.get(indicator.pk, [])
        value = sum(done) / len(done) / 2 if done else 0.0
        expected_area.setdefault(indicator.component.area.code, []).append(value)
    tree = plan_tree(plan)
    snapshot = snapshot_build(cycle)
    for node, area in zip(tree.children, snapshot["areas"], strict=True):
        assert node.progress == pytest.approx(mean_progress(expected_area.get(area["code"], [])))
        assert area["progress"] == pytest.approx(node.progress)
        for row in (s for c in area["components"] for i in c["indicators"] for s in i["steps"]):
            assert (row["status"], row["progress"]) == tuple(state(model, row["id"]).values())
    assert plans_progress([plan.pk])[plan.pk] == pytest.approx(tree.progress)
    overdue = sum(1 for s in steps if not s.is_done and s.due_date and s.due_date < TODAY)
    assert plan_overview(plan, TODAY)["overdue_count"] == overdue


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(plan_update | report_update, max_size=10))
def test_plan_and_monev_updates_always_agree(world, ops):
    with transaction.atomic():
        cycle = cycle_open(plan=world["plan"], quarter=1, by=world["cast"]["coordinator"])
        model: dict[int, dict] = {}
        attached: list[tuple[int, int]] = []
        for op in ops:
            apply(op, world, cycle, model, attached)
            check(world, cycle, model, attached)
        transaction.set_rollback(True)
