"""Evidence readiness: stale for another year, expiry before the deadline, no verification,
missing; the checklist beside the guidance; the expiry reminders once each."""

from datetime import date, timedelta

import pytest

from zona.evidence.models import Status
from zona.lke.instrument import resolve
from zona.lke.services import instrument_of
from zona.notifications.models import Notification
from zona.road.readiness import (
    by_area,
    checklist,
    expiry_reminders_send,
    item_reasons,
    readiness,
    split_documents,
)

from .conftest import evidence

pytestmark = pytest.mark.django_db
DEADLINE = date(2025, 5, 31)


def item(**fields):
    base = {
        "period_start": None,
        "period_end": None,
        "effective_date": None,
        "expires_on": None,
        "status": Status.VERIFIED,
    }
    return {**base, **fields}


@pytest.mark.parametrize(
    ("fields", "reasons"),
    [
        ({"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}, ()),
        ({"period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)}, ("wrong_year",)),
        ({"period_start": date(2024, 7, 1), "period_end": date(2025, 6, 30)}, ()),  # spans into the year
        ({"effective_date": date(2023, 3, 1)}, ("wrong_year",)),
        ({"expires_on": date(2025, 5, 30)}, ("expired",)),
        ({"expires_on": DEADLINE}, ()),
        ({"status": Status.PENDING}, ("unverified",)),
        ({"status": Status.REJECTED, "effective_date": date(2024, 1, 1)}, ("wrong_year", "unverified")),
    ],
)
def test_an_item_is_stale_for_the_year_the_deadline_and_its_verification(fields, reasons):
    assert item_reasons(item(**fields), 2025, DEADLINE) == reasons


def test_the_checklist_comes_from_the_data_file_else_from_the_guidance():
    instrument = resolve(None)
    assert checklist(instrument, instrument.questions["A.I.1.i.a"])[0].startswith("SK Tim Kerja")
    assert split_documents("Notula, daftar hadir (undangan, foto) dan laporan monev.") == [
        "Notula",
        "Daftar hadir (undangan, foto)",
        "Laporan monev",
    ]
    derived = checklist(instrument, instrument.questions["A.I.1.i.b"])
    assert len(derived) == 3 and all(derived)


def test_readiness_per_question_and_per_area(world):
    a = world["assessment"]
    instrument = instrument_of(a)
    found = readiness(a, instrument, world["deadline"])
    assert found["A.I.1.i.a"].state == "partial"  # one of the two documents of its checklist
    assert found["A.I.1.i.a"].counts
    assert found["A.I.1.ii.a"].state == "stale" and not found["A.I.1.ii.a"].counts
    assert found["A.I.1.ii.a"].items[0].reason_texts()
    assert found["A.I.2.i.a"].state == "missing"
    first = next(r for r in by_area(instrument, found) if r["code"] == "1")
    assert (first["partial"], first["stale"]) == (2, 1)
    assert sum(first[k] for k in ("ready", "partial", "stale", "missing")) == sum(
        len(g.questions) for g in instrument.groups() if g.area == 1
    )


def test_the_owner_is_reminded_30_7_and_1_days_before_expiry_once_each(units, cast):
    today = date(2025, 1, 1)
    expiry = today + timedelta(days=30)
    kept = evidence(units["SUMSEL"], cast["pic"], "Laporan survei IPKP semester I", 2025, expires_on=expiry)
    evidence(units["SUMSEL"], cast["pic"], "SK tanpa masa berlaku", 2025)
    sent = []
    for day in range(0, 32):  # every day up to past the expiry, the daily job run twice each day
        for _run in range(2):
            sent.append(expiry_reminders_send(today=today + timedelta(days=day)))
    notes = Notification.objects.filter(user=cast["pic"])
    assert sum(sent) == 3 == notes.count()
    assert sorted(n.key.rsplit(":", 1)[1] for n in notes) == ["1", "30", "7"]
    assert all(kept.title in n.text for n in notes)
    kept.expires_on = expiry + timedelta(days=365)  # renewed: a new expiry is reminded again
    kept.save()
    assert expiry_reminders_send(today=kept.expires_on - timedelta(days=30)) == 1


def test_evidence_is_added_with_its_period_and_expiry_and_a_bad_period_is_refused(client, seed_plan, cast):
    from django.urls import reverse

    from zona.evidence.models import EvidenceItem
    from zona.plans.models import Indicator

    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    url = reverse("plans:indicator_evidence", args=[indicator.pk])
    client.force_login(cast["coordinator"])
    data = {"title": "Laporan survei IPKP", "url": "https://example.org/ipkp", "period_start": "2023-01-01"}
    client.post(url, {**data, "period_end": "2023-06-30", "expires_on": "2023-12-31"})
    item = EvidenceItem.objects.get(title="Laporan survei IPKP")
    assert (item.period_end, item.expires_on) == (date(2023, 6, 30), date(2023, 12, 31))
    response = client.post(url, {**data, "title": "Terbalik", "period_end": "2022-12-31"}, follow=True)
    assert not EvidenceItem.objects.filter(title="Terbalik").exists()
    assert "Periode berakhir sebelum dimulai" in response.content.decode()
    assert 'value="Terbalik"' in response.content.decode()  # what was typed is kept for the next try
