"""The open statistics: a unit's page, its CSV and JSON agree with its register; nothing
identifies a person; small counts are withheld; the figures are kept per day; the national page
adds up each province with its units below; the queries do not grow with the cases or units."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zona.orgs.models import Level
from zona.orgs.services import unit_create
from zona.portal.models import OpenStatistics
from zona.portal.open_stats import for_unit, refresh, unit_statistics
from zona.surveys import services
from zona.surveys.tests.factories import ServiceFactory, answer, make_survey

from .open_stats_data import (
    APPLICANT,
    COMPLAINTS_2023,
    CONTACT,
    OBJECTIONS_2024,
    REPORTER,
    REQUESTS_2024,
    build_register,
    complaint,
)


def period(data, name):
    return next(p for p in data["periods"] if p["period"] == name)


def csv_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_page_csv_and_json_agree_with_the_register(client, units):
    unit = units["SUMSEL"]
    build_register(unit)
    data = client.get(reverse("portal:statistics_json", args=[unit.slug])).json()
    assert data["license"]["name"] == "CC BY 4.0" and data["updated"] == timezone.localdate().isoformat()
    assert period(data, "2023")["complaints"] == COMPLAINTS_2023
    assert period(data, "2023-Q2")["complaints"] == COMPLAINTS_2023
    assert period(data, "2023-Q1")["complaints"]["received"] == 0
    assert period(data, "2024")["requests"] == REQUESTS_2024
    # counted when received: 1 April is in the second quarter
    assert (
        period(data, "2024-Q1")["requests"]["received"],
        period(data, "2024-Q2")["requests"]["received"],
    ) == (0, 5)
    assert period(data, "2024")["objections"] == OBJECTIONS_2024
    assert (
        period(data, "2023")["requests"]["received"] == 0
        and period(data, "2024")["complaints"]["received"] == 0
    )

    rows = csv_of(client.get(reverse("portal:statistics_csv", args=[unit.slug])))
    values = {(r["period"], r["topic"], r["figure"], r["label"]): r["value"] for r in rows}
    assert {r["unit_code"] for r in rows} == {"SUMSEL"}
    for figure, expected in COMPLAINTS_2023.items():
        assert values[("2023", "complaints", figure, "")] == ("" if expected is None else str(expected))
    assert values[("2024", "requests", "refusal_grounds", "Informasi dikecualikan (UU 14/2008 Ps 17)")] == "3"
    assert values[("2024", "requests", "extended", "")] == ""  # withheld: one request
    assert values[("2024", "objections", "received", "")] == "3"

    page = client.get(reverse("portal:statistics", args=[unit.slug])).content.decode()
    assert (
        "Diperbarui" in page
        and "CC BY 4.0" in page
        and reverse("portal:statistics_csv", args=[unit.slug]) in page
    )
    # the 2023 complaint table: each figure's year column is the CSV's
    table = page[page.index("Pengaduan 2023") :]
    shown = dict(
        re.findall(
            r'<th scope="row" class="fw-normal">([^<]+)</th><td class="text-end">(?:<span[^>]*>)?([^<]+)<',
            table,
        )[:6]
    )
    assert shown["diterima"] == "5" and shown["selesai tepat waktu (%)"] == "75,0"
    assert shown["median hari kerja sampai selesai"] == "2,0" and shown["ditolak"] == "—"


def test_nothing_identifies_a_person(client, units):
    unit = units["SUMSEL"]
    cases = build_register(unit)
    responses = [
        client.get(reverse(name, args=[unit.slug]))
        for name in ("portal:statistics", "portal:statistics_csv", "portal:statistics_json")
    ] + [
        client.get(reverse(name)) for name in ("portal:statistics_national", "portal:statistics_national_csv")
    ]
    for response in responses:
        assert response.status_code == 200  # public, no login
        text = response.content.decode()
        assert REPORTER not in text and CONTACT not in text and APPLICANT not in text
        assert not any(case.number in text for case in cases)
        assert "Antrean lama" not in text and "DPT Kecamatan" not in text  # nor what was asked


def test_a_cell_that_looks_like_a_formula_stays_text(client, units, cast, monkeypatch):
    """A service named like a formula is written as text; a published SKM's IKM and respondents
    are listed with the below-sample caveat (4 respondents for 250 users)."""
    unit = units["SUMSEL"]
    by = cast["coordinator"]
    monkeypatch.setattr(services, "_today", lambda: date(2026, 2, 15))
    survey = make_survey(unit, by, service=ServiceFactory(unit=unit, name='=HYPERLINK("x")'), population=250)
    for _ in range(4):
        answer(survey, [4] * 9)
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 1))
    services.survey_close(survey=survey, by=by)
    closed = csv_of(client.get(reverse("portal:statistics_csv", args=[unit.slug])))
    assert not [r for r in closed if r["topic"] == "ikm"]  # only published surveys
    OpenStatistics.objects.all().delete()  # the day's figures, computed again
    services.survey_publish(survey=survey, by=by)
    rows = csv_of(client.get(reverse("portal:statistics_csv", args=[unit.slug])))
    ikm = {r["figure"]: r for r in rows if r["topic"] == "ikm"}
    assert ikm["ikm"]["label"].startswith("'=") and ikm["ikm"]["value"] == "100.0"
    assert ikm["respondents"]["value"] == "4" and ikm["below_sample"]["value"] == "true"
    page = client.get(reverse("portal:statistics", args=[unit.slug])).content.decode()
    assert "100" in page and "Di bawah sampel" in page


def test_kept_per_day_and_refreshed_by_the_daily_command(client, units):
    unit = units["SUMSEL"]
    today = timezone.localdate()
    url = reverse("portal:statistics_json", args=[unit.slug])
    assert client.get(url).json()["periods"] == []  # computed on demand, and kept
    assert OpenStatistics.objects.filter(key=f"unit:{unit.pk}", day=today).count() == 1
    for _ in range(3):
        complaint(unit)
    assert client.get(url).json()["periods"] == []  # the day's figures, until the refresh
    call_command("open_stats", "refresh")
    assert period(client.get(url).json(), "2023")["complaints"]["received"] == 3
    assert OpenStatistics.objects.filter(key="national", day=today).exists()
    call_command("open_stats", "refresh", "--date", "2099-01-02")
    assert not OpenStatistics.objects.filter(
        key=f"unit:{unit.pk}", day=today
    ).exists()  # only the latest kept
    assert for_unit(unit, date(2099, 1, 2))["updated"] == "2099-01-02"


def test_national_page_adds_up_each_province_with_its_units(client, units):
    build_register(units["PALEMBANG"])  # below SUMSEL
    for _ in range(3):
        complaint(units["JAMBI"], received_on=date(2023, 2, 1))
    complaint(units["RI"])  # the national office: in no province
    data = client.get(reverse("portal:statistics_national_json")).json()
    provinces = {p["scope"]["code"]: p for p in data["provinces"]}
    assert set(provinces) == {"SUMSEL", "JAMBI"} and data["license"]["name"] == "CC BY 4.0"
    assert period(provinces["SUMSEL"], "2023")["complaints"] == COMPLAINTS_2023
    assert period(provinces["SUMSEL"], "2024")["requests"] == REQUESTS_2024
    assert period(provinces["JAMBI"], "2023-Q1")["complaints"]["received"] == 3
    rows = csv_of(client.get(reverse("portal:statistics_national_csv")))
    assert {"SUMSEL", "JAMBI"} == {r["unit_code"] for r in rows}
    page = client.get(reverse("portal:statistics_national")).content.decode()
    assert "KPU Provinsi Jambi" in page and "CC BY 4.0" in page


def test_open_in_the_api_without_a_token(client, units):
    build_register(units["SUMSEL"])
    data = client.get("/api/open-statistics/SUMSEL").json()
    assert data["license"]["name"] == "CC BY 4.0" and period(data, "2023")["complaints"] == COMPLAINTS_2023
    national = client.get("/api/open-statistics").json()
    assert [p["scope"]["code"] for p in national["provinces"]] == ["JAMBI", "SUMSEL"]
    assert client.get("/api/open-statistics/NOPE").status_code == 404


def queries(action) -> int:
    OpenStatistics.objects.all().delete()
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


@pytest.mark.parametrize("name", ["portal:statistics", "portal:statistics_csv"])
def test_queries_do_not_grow_with_cases(client, units, name):
    unit = units["SUMSEL"]
    url = reverse(name, args=[unit.slug])
    complaint(unit)
    few = queries(lambda: client.get(url))
    build_register(unit)
    assert queries(lambda: client.get(url)) == few


def test_national_queries_do_not_grow_with_units(client, units):
    url = reverse("portal:statistics_national")
    complaint(units["PALEMBANG"])
    few = queries(lambda: client.get(url))
    for n in range(4):
        below = unit_create(code=f"JAMBI-{n}", name=f"KPU {n}", level=Level.REGENCY, parent=units["JAMBI"])
        complaint(below)
    assert queries(lambda: client.get(url)) == few


def test_the_daily_refresh_gives_what_a_page_computes(units):
    """The refresh reads every row once and splits it per unit: the same figures as each unit's
    own computation, and its queries do not grow with the units (only the writes do)."""
    build_register(units["PALEMBANG"])
    build_register(units["SUMSEL"])
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as captured:
        refresh(today)
    reads = [q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    for unit in units.values():
        kept = OpenStatistics.objects.get(key=f"unit:{unit.pk}", day=today).data
        assert kept == json.loads(json.dumps(unit_statistics(unit, today)))
    unit_create(code="JAMBI-1", name="KPU 1", level=Level.REGENCY, parent=units["JAMBI"])
    with CaptureQueriesContext(connection) as captured:
        refresh(today)
    more = [q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(more) - len(reads) <= 2  # the new unit's own row looked up, not read again per unit


def test_kept_in_the_sites_language_whoever_asks_first(client, units):
    build_register(units["SUMSEL"])
    url = reverse("portal:statistics_json", args=["sumsel"])
    data = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert period(data, "2024")["requests"]["refusal_grounds"] == REQUESTS_2024["refusal_grounds"]
