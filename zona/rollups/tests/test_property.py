"""After any sequence of changes made through the services (steps reported, evidence verified,
findings opened and closed, LKE answers changed, complaints filed and refused or finished), every
summary the national pages read equals the live computation of the selectors they read before:
each change's commit refreshes the units it moved, so nothing is left to refresh when a page reads.
The case figures, refreshed by the worker every hour, equal the live count once it ran."""

from datetime import date

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.complaints.services import complaint_step, complaint_submit
from zona.evidence.models import Status
from zona.evidence.services import evidence_create_link, evidence_review
from zona.lke.models import Level
from zona.lke.services import answer_save, assessment_create
from zona.monev.models import Finding
from zona.monev.services import cycle_close, cycle_open, finding_close, finding_create
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, Indicator, StepStatus
from zona.plans.services import plan_import, step_set_state
from zona.rollups.services import flush, refresh_cases

from . import helpers

ANSWERS = {"A.I.1.i.a": ["Ya", "Tidak"], "B.1.a": ["3.6", "1", "4"], "B.2.a": ["3.2", "0", "2.5"]}

change = st.one_of(
    st.tuples(st.just("step"), st.integers(0, 1), st.integers(0, 10_000), st.booleans()),
    st.tuples(st.just("evidence"), st.integers(0, 1), st.integers(0, 10_000), st.booleans()),
    st.tuples(st.just("finding"), st.integers(0, 1), st.integers(0, 10_000), st.booleans()),
    st.tuples(st.just("answer"), st.integers(0, 1), st.sampled_from(sorted(ANSWERS)), st.integers(0, 2)),
    st.tuples(
        st.just("case"), st.integers(0, 1), st.sampled_from(["open", "refuse", "finish"]), st.booleans()
    ),
    st.tuples(st.just("cycle"), st.integers(0, 1), st.integers(1, 4), st.booleans()),
)


@pytest.fixture
def world(units, cast, seed_bytes, seed_plan):
    parsed = read_plan(seed_bytes, "seed.md")
    palembang = plan_import(parsed=parsed, unit=units["PALEMBANG"], by=None)
    for unit in (units["SUMSEL"], units["PALEMBANG"]):
        role_grant(user=cast["reviewer"], unit=unit, role=Role.COMPLAINT_OFFICER)
    return {
        "plans": [seed_plan, palembang],
        "assessments": [
            assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"]),
            assessment_create(unit=units["PALEMBANG"], year=2023, by=cast["child"]),
        ],
    }


def apply(kind, which, arg, flag, world, cast) -> None:
    plan = world["plans"][which]
    unit, by = plan.unit, cast["reviewer"]
    if kind == "step":
        steps = ActionStep.objects.filter(indicator__component__area__plan=plan).order_by("pk")
        step = steps[arg % steps.count()]
        status = StepStatus.DONE if flag else StepStatus.NOT_STARTED
        reason = "" if flag else "dikoreksi"  # a finished step goes back only with a reason
        step_set_state(
            step=step, status=status, progress=100 if flag else 0, by=cast["coordinator"], reason=reason
        )
    elif kind == "evidence":
        indicators = Indicator.objects.filter(component__area__plan=plan).order_by("pk")
        item = evidence_create_link(unit=unit, title="bukti", url="https://example.org/b", by=by)
        indicators[arg % indicators.count()].evidence.add(item)
        if flag:
            evidence_review(item=item, verdict=Status.VERIFIED, comment="", by=by)
    elif kind == "finding":
        found = Finding.objects.open().filter(plan=plan).first()
        if flag or found is None:
            finding_create(plan=plan, title="temuan", owner=by, due_date=date(2023, 3, 1), by=by)
        else:
            proof = evidence_create_link(unit=unit, title="tindak lanjut", url="https://example.org/t", by=by)
            finding_close(finding=found, follow_up="selesai", by=by, evidence=[proof])
    elif kind == "answer":
        answer_save(
            assessment=world["assessments"][which],
            level=Level.SELF,
            ref=arg,
            raw=ANSWERS[arg][flag % len(ANSWERS[arg])],
            by=by,
        )
    elif kind == "case":
        _case(unit, arg, by)
    else:
        _cycle(plan, arg, flag, cast["coordinator"])


def _case(unit, action, by) -> None:
    case, _code = complaint_submit(
        unit=unit,
        subject="Pelayanan lambat",
        description="Menunggu lama",
        category="pelayanan",
        anonymous=True,
        received_on=date(2023, 5, 11),
    )
    if action == "refuse":
        complaint_step(case=case, action="reject", reason="Tidak jelas", by=by)
    elif action == "finish":
        complaint_step(case=case, action="verify", complaint_type="ringan", by=by)
        complaint_step(case=case, action="respond", reason="Ditangani", by=by, today=date(2023, 5, 12))
        complaint_step(case=case, action="complete", reason="Selesai", by=by, today=date(2023, 5, 15))


def _cycle(plan, quarter, close, by) -> None:
    cycle = plan.cycles.filter(quarter=quarter).first()
    if cycle is None:
        cycle = (
            cycle_open(plan=plan, quarter=quarter, by=by) if not plan.cycles.filter(status="open") else None
        )
    if cycle is not None and close and cycle.status == "open":
        cycle_close(cycle=cycle, by=by)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(change, min_size=1, max_size=8))
def test_the_summaries_equal_the_live_computation_after_any_changes(
    changes, world, units, cast, django_capture_on_commit_callbacks
):
    flush()  # the world's own commits (the fixtures ran outside the capture)
    for kind, which, arg, flag in changes:
        with django_capture_on_commit_callbacks(execute=True):  # each service commits as in production
            apply(kind, which, arg, flag, world, cast)
    helpers.nothing_left_marked()
    today = timezone.localdate()
    for root in (units["RI"], units["SUMSEL"]):
        helpers.assert_dashboard_equal(root, 2023, today)
        helpers.assert_recap_equal(root, 2023)
    for plan in world["plans"]:
        helpers.assert_areas_equal(plan)
    helpers.assert_evidence_equal()
    refresh_cases()  # what the worker does every hour
    helpers.assert_cases_equal()
