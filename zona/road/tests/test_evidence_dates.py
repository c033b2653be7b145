"""An evidence item's period and expiry set again after it was added: by whoever added it or the
unit's coordinator (from the indicator page or the forecast's readiness list), audited with the
values before and after; the question's readiness and the unit's stored forecast follow; a bad
period or someone else changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.evidence.models import EvidenceItem
from zona.lke.models import Answer
from zona.lke.services import instrument_of
from zona.road import snapshots
from zona.road.forecast import forecast
from zona.road.models import ForecastSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def expiring(world, cast):
    """A.I.1.i.a's SK, added by the PIC, expiring on 1 April: stale for a 31 May proposal."""
    item = Answer.objects.get(assessment=world["assessment"], ref="A.I.1.i.a").evidence.get()
    EvidenceItem.objects.filter(pk=item.pk).update(
        expires_on=date(world["year"], 4, 1), created_by=cast["pic"]
    )
    connection.run_on_commit = []  # the fixtures' records as if committed long ago
    snapshots._pending.changed = {}
    return item


def state(world, ref="A.I.1.i.a"):
    a = world["assessment"]
    found = forecast(a, instrument_of(a), today=world["today"], deadline=world["deadline"]).readiness[ref]
    return found.state, [i.reasons for i in found.items]


def post(client, item, **dates):
    data = {
        "effective_date": "",
        "period_start": "",
        "period_end": "",
        "expires_on": "",
        "next": "/",
        **dates,
    }
    return client.post(reverse("evidence:dates", args=[item.pk]), data, follow=True)


def test_the_owner_renews_the_expiry_and_the_readiness_follows(
    client, world, cast, expiring, django_capture_on_commit_callbacks
):
    assert state(world) == ("stale", [("expired",)])
    client.force_login(cast["pic"])
    year = world["year"]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            expiring,
            period_start=f"{year}-01-01",
            period_end=f"{year}-12-31",
            expires_on=f"{year}-12-31",
        )
    assert "masa berlaku bukti tersimpan" in response.content.decode().lower()
    expiring.refresh_from_db()
    assert expiring.expires_on == date(year, 12, 31)
    found, reasons = state(world)
    assert reasons == [()] and found in ("partial", "ready")  # fresh again (the checklist may ask more)
    event = AuditEvent.objects.get(action="evidence.dates_changed")
    assert event.changes["expires_on"] == [f"{year}-04-01", f"{year}-12-31"]
    assert ForecastSnapshot.objects.filter(assessment=world["assessment"]).exists()  # recomputed


def test_a_period_ending_before_it_starts_is_refused_and_nothing_changes(client, world, cast, expiring):
    client.force_login(cast["coordinator"])
    response = post(
        client, expiring, period_start=f"{world['year']}-06-01", period_end=f"{world['year']}-01-01"
    )
    assert "periode berakhir sebelum dimulai" in response.content.decode().lower()
    expiring.refresh_from_db()
    assert expiring.expires_on == date(world["year"], 4, 1) and expiring.period_start == date(
        world["year"], 1, 1
    )
    assert not AuditEvent.objects.filter(action="evidence.dates_changed").exists()


@pytest.mark.parametrize("who, status", [("area_coordinator", 403), ("outsider", 404), ("viewer", 403)])
def test_only_the_owner_or_a_coordinator_changes_the_dates(client, world, cast, expiring, who, status):
    client.force_login(cast[who])
    response = client.post(
        reverse("evidence:dates", args=[expiring.pk]), {"expires_on": f"{world['year']}-12-31"}
    )
    assert response.status_code == status
    expiring.refresh_from_db()
    assert expiring.expires_on == date(world["year"], 4, 1)
    assert state(world) == ("stale", [("expired",)])


def test_the_forecast_page_offers_the_dates_form_to_the_coordinator_only(client, world, cast, expiring):
    url = reverse("road:forecast", args=[world["assessment"].pk])
    client.force_login(cast["coordinator"])
    assert f'id="dates-{expiring.pk}"' in client.get(url).content.decode()
    client.force_login(cast["viewer"])
    assert f'id="dates-{expiring.pk}"' not in client.get(url).content.decode()
