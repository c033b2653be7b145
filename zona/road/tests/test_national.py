"""The table of the units below: each unit's gates in the three scenarios, sortable, exported as
XLSX through the background exports, at the same queries for few or many units."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from zona.evidence.models import ExportJob
from zona.lke.models import Answer, Level
from zona.lke.services import assessment_create
from zona.orgs.models import Level as UnitLevel
from zona.orgs.services import unit_create
from zona.road.national import national_rows
from zona.road.snapshots import forecasts_refresh

pytestmark = pytest.mark.django_db
YEAR = 2025


def regencies(units, cast, n: int, start: int = 0):
    made = []
    for i in range(start, start + n):
        unit = unit_create(
            code=f"SUMSEL-K{i}",
            name=f"KPU Kabupaten {i:02d}",
            level=UnitLevel.REGENCY,
            parent=units["SUMSEL"],
        )
        a = assessment_create(unit=unit, year=YEAR, by=cast["coordinator"])
        Answer.objects.filter(assessment=a).delete()
        Answer.objects.create(
            assessment=a, level=Level.SELF, ref="A.I.1.i.a", value="Ya" if i % 2 else "Tidak"
        )
        made.append(a)
    return made


def _queries(client, url, data) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data)
        assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_table_costs_the_same_queries_for_few_or_many_units(client, units, cast):
    regencies(units, cast, 2)
    forecasts_refresh(today=date(YEAR, 3, 1), year=YEAR)
    client.force_login(cast["national"])
    url = reverse("road:national", args=[units["RI"].slug])
    few = _queries(client, url, {"tahun": YEAR})
    regencies(units, cast, 30, start=2)
    forecasts_refresh(today=date(YEAR, 3, 1), year=YEAR)
    assert _queries(client, url, {"tahun": YEAR, "urut": "on_time", "arah": "turun"}) == few
    page = client.get(url, {"tahun": YEAR}).content.decode()
    assert page.count('id="unit-sumsel-k') == 32


def test_rows_sort_by_a_scenario_and_show_each_gate_failed(units, cast):
    regencies(units, cast, 4)
    forecasts_refresh(today=date(YEAR, 3, 1), year=YEAR)
    rows = national_rows(units["SUMSEL"], YEAR, sort="today", descending=True)
    totals = [r.scenario("today")["total"] for r in rows]
    assert totals == sorted(totals, reverse=True) and totals[0] > totals[-1]
    cell = rows[0].cells[0]
    assert cell["wbk"] is False and "Nilai total" in cell["failing"]
    assert {r.unit.code for r in national_rows(units["JAMBI"], YEAR)} == set()  # only the units below


def test_someone_outside_sees_no_unit_of_the_table(client, units, cast):
    regencies(units, cast, 2)
    forecasts_refresh(today=date(YEAR, 3, 1), year=YEAR)
    client.force_login(cast["outsider"])
    assert (
        client.get(reverse("road:national", args=[units["SUMSEL"].slug]), {"tahun": YEAR}).status_code == 404
    )
    client.force_login(cast["coordinator"])
    assert (
        "KPU Kabupaten 01"
        in client.get(reverse("road:national", args=[units["SUMSEL"].slug]), {"tahun": YEAR}).content.decode()
    )


def test_the_table_exports_as_xlsx_one_line_per_unit(client, units, cast, django_capture_on_commit_callbacks):
    regencies(units, cast, 3)
    forecasts_refresh(today=date(YEAR, 3, 1), year=YEAR)
    client.force_login(cast["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("road:national_export", args=[units["SUMSEL"].slug]), {"tahun": YEAR})
    job = ExportJob.objects.get(kind="road.national")
    assert response["Location"] == reverse("evidence_exports:status", args=[job.pk])
    assert (job.status, job.error) == ("done", "")
    content = b"".join(client.get(reverse("evidence_exports:download", args=[job.pk])).streaming_content)
    sheet = load_workbook(BytesIO(content)).active
    codes = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert sorted(codes) == ["SUMSEL-K0", "SUMSEL-K1", "SUMSEL-K2"]
