"""The national table's stored forecasts stay fresh without any page writing on GET: the forecast
page saves nothing; a change that moves a unit's forecast (a monev step report, an answer, the
evidence attached to it, an evidence item's review) has the worker compute it again once the
change commits, and nothing when it rolls back; the officer's "hitung ulang" queues the units below
(once within a few minutes) and each row says when it was computed."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zona.evidence.models import Status
from zona.evidence.services import evidence_review
from zona.lke.models import Answer, Level
from zona.monev.services import cycle_open, step_report
from zona.plans.models import StepStatus
from zona.road import snapshots
from zona.road.forecast import summary
from zona.road.models import ForecastSnapshot
from zona.road.snapshots import _flush, forecast_refresh, touched

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def settled(world):
    """The fixtures' records as if committed long ago: what they noted is dropped, so each test
    sees only the jobs its own change asks for."""
    connection.run_on_commit = []
    snapshots._pending.changed = {}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """A change as a committed request: its on-commit jobs run, then leave (as after a commit)."""

    @contextmanager
    def committed():
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks
        connection.run_on_commit = []

    return committed


def snapshot(assessment):
    return ForecastSnapshot.objects.filter(assessment=assessment).first()


def test_opening_the_forecast_page_writes_nothing(client, world, cast):
    client.force_login(cast["coordinator"])
    client.get("/")  # the session and the login's own writes happen before
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("road:forecast", args=[world["assessment"].pk]))
    assert response.status_code == 200 and 'id="scenario-on_time"' in response.content.decode()
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == [] and snapshot(world["assessment"]) is None


def test_a_step_reported_done_in_a_monev_cycle_recomputes_the_forecast(world, seed_plan, cast, commit):
    assessment = world["assessment"]
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    with commit() as callbacks:
        step_report(
            cycle=cycle,
            step=world["behind"],
            status=StepStatus.DONE,
            progress=100,
            note="",
            by=cast["pic"],
        )
    # one forecast job for the whole report, however many records it saved (the national
    # summaries' refresh is the rollups' own callback)
    assert [c for c in callbacks if c is _flush] == [_flush]
    stored = snapshot(assessment)
    assert stored is not None and stored.summary["today"] is not None
    assert stored.summary == summary(forecast_refresh(assessment, today=timezone.localdate()))


def test_an_answer_and_its_evidence_review_recompute_the_forecast(world, cast, commit):
    assessment = world["assessment"]
    answer = Answer.objects.get(assessment=assessment, level=Level.SELF, ref="A.I.1.i.a")
    answer.value = "Tidak"
    with commit():
        answer.save()
    first = snapshot(assessment)
    # A.I.1.i (0.50): (Tidak 0 + C 0) / 2; A.I.1.ii (1.00): Ya 1 / 3
    assert first.summary["today"]["total"] == 0.33
    stale = Answer.objects.get(assessment=assessment, ref="A.I.1.ii.a").evidence.get()
    with commit():
        evidence_review(item=stale, verdict=Status.VERIFIED, comment="", by=cast["reviewer"])
    again = snapshot(assessment)
    assert again.computed_at > first.computed_at
    assert again.summary["on_time"]["total"] > first.summary["on_time"]["total"]  # its evidence counts now


def test_a_change_rolled_back_asks_for_nothing(world, commit):
    with commit() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            Answer.objects.get(assessment=world["assessment"], ref="A.I.1.i.b").save()
            raise RuntimeError
    assert callbacks == [] and snapshot(world["assessment"]) is None


def test_the_changed_records_lead_to_their_assessments(world, seed_plan):
    assessment = world["assessment"]
    assert list(touched({"indicator": [world["indicator"].pk]})) == [assessment]
    assert list(touched({"step": [world["ahead"].pk]})) == [assessment]
    assert list(touched({"plan": [seed_plan.pk]})) == [assessment]
    item = Answer.objects.get(assessment=assessment, ref="A.I.1.i.a").evidence.get()
    assert list(touched({"evidence": [item.pk]})) == [assessment]
    assert list(touched({"evidence": [10**9]})) == []


def test_the_officer_recomputes_the_units_below_once_and_rows_say_when(client, units, cast, commit):
    from zona.road.tests.test_national import YEAR, regencies

    cache.clear()
    made = regencies(units, cast, 3)
    url = reverse("road:national_recompute", args=[units["SUMSEL"].slug])
    client.force_login(cast["outsider"])
    with commit():
        assert client.post(url, {"tahun": YEAR}).status_code == 404
    assert ForecastSnapshot.objects.count() == 0
    client.force_login(cast["national"])
    with commit():
        response = client.post(url, {"tahun": YEAR})
    page = client.get(response["Location"]).content.decode()
    assert ForecastSnapshot.objects.filter(assessment__in=made).count() == 3
    assert "sedang dihitung ulang" in page
    assert page.count('computed-at">dihitung ') == 3
    with commit() as callbacks:
        again = client.post(url, {"tahun": YEAR}, follow=True).content.decode()
    assert callbacks == [] and "10 menit terakhir" in again
