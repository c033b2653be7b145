"""The evaluation calendar: 31 May by default, the nearest unit's calendar above, the rules it
keeps; the countdown on the start page and the dashboard at constant queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zona.road.calendar import CalendarError, calendar_for, calendar_set, countdowns
from zona.road.models import EvaluationCalendar

pytestmark = pytest.mark.django_db


def test_the_deadline_is_31_may_unless_a_unit_above_or_the_unit_sets_another(units, cast):
    assert calendar_for(units["PALEMBANG"], 2025).proposal_deadline == date(2025, 5, 31)
    calendar_set(
        unit=units["RI"],
        year=2025,
        proposal_deadline=date(2025, 6, 15),
        tpi_start=None,
        tpi_end=None,
        note="Surat KemenPAN-RB",
        by=cast["admin"],
    )
    assert calendar_for(units["PALEMBANG"], 2025).proposal_deadline == date(2025, 6, 15)
    calendar_set(
        unit=units["SUMSEL"],
        year=2025,
        proposal_deadline=date(2025, 5, 20),
        tpi_start=date(2025, 4, 1),
        tpi_end=date(2025, 5, 10),
        note="",
        by=cast["admin"],
    )
    assert calendar_for(units["PALEMBANG"], 2025).proposal_deadline == date(2025, 5, 20)
    assert calendar_for(units["JAMBI"], 2025).proposal_deadline == date(2025, 6, 15)
    assert calendar_for(units["JAMBI"], 2026).proposal_deadline == date(2026, 5, 31)


@pytest.mark.parametrize(
    "dates",
    [
        {"proposal_deadline": date(2024, 5, 31)},
        {"tpi_start": date(2025, 5, 1), "tpi_end": date(2025, 4, 1)},
        {"tpi_start": date(2025, 5, 1), "tpi_end": date(2025, 6, 30)},
    ],
)
def test_a_calendar_that_cannot_hold_is_refused_and_nothing_saved(units, cast, dates):
    fields = {"proposal_deadline": date(2025, 5, 31), "tpi_start": None, "tpi_end": None, **dates}
    with pytest.raises(CalendarError):
        calendar_set(unit=units["SUMSEL"], year=2025, note="", by=cast["admin"], **fields)
    assert not EvaluationCalendar.objects.exists()


def test_only_the_unit_managers_set_the_calendar(client, units, cast):
    url = reverse("road:calendar_save", args=[units["SUMSEL"].slug])
    data = {"year": 2025, "proposal_deadline": "2025-05-25"}
    for who, status in (("viewer", 403), ("outsider", 404), ("coordinator", 302)):
        client.force_login(cast[who])
        assert client.post(url, data).status_code == status
        saved = EvaluationCalendar.objects.filter(unit=units["SUMSEL"]).exists()
        assert saved == (who == "coordinator")
    client.force_login(cast["viewer"])
    page = client.get(reverse("road:calendar", args=[units["SUMSEL"].slug]), {"tahun": 2025})
    assert "25 Mei 2025" in page.content.decode() or "25 May 2025" in page.content.decode()


def test_the_countdown_costs_the_same_for_one_or_many_units(units, cast):
    today = date(2025, 3, 1)
    with CaptureQueriesContext(connection) as one:
        countdowns([units["SUMSEL"]], today)
    with CaptureQueriesContext(connection) as all_:
        rows = countdowns(list(units.values()), today)
    assert len(one.captured_queries) == len(all_.captured_queries)
    assert {r.days_left for r in rows} == {(date(2025, 5, 31) - today).days}


def test_the_start_page_and_the_dashboard_show_the_countdown(client, units, cast, seed_plan):
    client.force_login(cast["coordinator"])
    home = client.get(reverse("start:home")).content.decode()
    assert 'class="small countdown countdown-sumsel"' in home
    dashboard = client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))
    assert 'id="countdown"' in dashboard.content.decode()
