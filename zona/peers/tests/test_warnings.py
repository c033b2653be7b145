"""The early-warning list: each reason as its data file sets it, the filters and order, the
units the person may see, the same queries for few or many units, the XLSX export."""

from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zona.evidence.models import ExportJob
from zona.lke.models import Assessment
from zona.monev.services import cycle_close, cycle_open
from zona.orgs.models import Level
from zona.orgs.services import unit_create
from zona.peers import rules
from zona.peers.rules import check_thresholds, parse, thresholds
from zona.peers.selectors import warning_rows
from zona.road.calendar import calendar_for
from zona.road.models import ForecastSnapshot
from zona.rollups import sources

from .helpers import expired_evidence, late_case, remark, scored

pytestmark = pytest.mark.django_db
YEAR = 2023  # the seed plan's year
TODAY = date(2023, 8, 20)  # 50 days into the third quarter: past the 45 days of grace


@pytest.fixture
def warned(units, cast, seed_plan):
    """SUMSEL: the seed plan (steps long overdue, no monev cycle); PALEMBANG: the WBK fails in its
    LKE; LAHAT: a plan with an expired decree and no monev cycle, a complaint past its deadline;
    JAMBI: an expired decree of last year's plan (not counted)."""
    scored(units["PALEMBANG"], YEAR, cast["coordinator"], total=55.0, eligible=False)
    late_case(units["LAHAT"], date(2023, 8, 1))
    expired_evidence(units["LAHAT"], date(2023, 1, 31), YEAR)
    expired_evidence(units["JAMBI"], date(2023, 1, 31), YEAR - 1)  # supports last year's plan only
    return seed_plan


def _codes(rows) -> dict[str, list[str]]:
    return {row.unit.code: row.codes for row in rows}


def test_each_reason_from_the_records_and_the_thresholds(units, cast, warned):
    rows = warning_rows(units["RI"], cast["national"], year=YEAR, today=TODAY, rules=thresholds())
    assert _codes(rows) == {
        "SUMSEL": ["overdue", "monev"],
        "SUMSEL-PALEMBANG": ["gate"],
        "SUMSEL-LAHAT": ["stale", "monev", "cases"],
    }
    gate = rows[[r.unit.code for r in rows].index("SUMSEL-PALEMBANG")].reasons[0]
    assert gate.detail == "Nilai total"  # the gate that fails, named


def test_the_thresholds_move_the_list(units, cast, warned):
    raw = {s: {"source": "test"} for s in ("gate", "overdue", "stale", "monev", "cases")}
    raw["gate"] |= {"predicate": "wbk", "scenario": "on_time"}
    raw["overdue"] |= {"days": 30, "steps": 100_000}  # the seed has fewer late steps
    raw["stale"] |= {"pending_days": 14, "items": 2}  # LAHAT has one expired item
    raw["monev"] |= {"grace_days": 60}  # 50 days into the quarter: not yet
    raw["cases"] |= {"kinds": ["ppid"], "cases": 1}  # LAHAT's late case is a complaint
    rows = warning_rows(units["RI"], cast["national"], year=YEAR, today=TODAY, rules=parse(raw))
    assert _codes(rows) == {"SUMSEL-PALEMBANG": ["gate"]}


def test_a_broken_data_file_is_refused_with_the_reason():
    raw = {s: {"source": "x"} for s in ("gate", "overdue", "stale", "monev", "cases")}
    with pytest.raises(ValueError, match="gate.predicate"):
        parse(raw)
    raw["gate"] |= {"predicate": "wbk", "scenario": "today"}
    raw["cases"] = {"kinds": ["wbs"], "cases": 1, "source": "x"}
    with pytest.raises(ValueError, match="never the WBS"):
        parse(raw)
    del raw["monev"]["source"]
    with pytest.raises(ValueError, match="monev needs its source"):
        parse(raw)


def test_a_monev_cycle_closed_this_quarter_clears_its_reason(units, cast, warned):
    cycle = cycle_open(plan=warned, quarter=3, by=cast["coordinator"])
    cycle_close(cycle=cycle, by=cast["coordinator"])
    today = timezone.localdate()  # the cycle closed now: judged in the quarter it closed
    rows = warning_rows(units["SUMSEL"], cast["national"], year=YEAR, today=today, rules=thresholds())
    sumsel = [r for r in rows if r.unit.code == "SUMSEL"]
    assert sumsel == []  # the scope itself is never listed
    rows = warning_rows(units["RI"], cast["national"], year=YEAR, today=today, rules=thresholds())
    assert "monev" not in _codes(rows)["SUMSEL"]


def test_filters_by_reason_and_province_and_the_order(units, cast, warned):
    def codes(**kwargs):
        found = warning_rows(
            units["RI"], cast["national"], year=YEAR, today=TODAY, rules=thresholds(), **kwargs
        )
        return [r.unit.code for r in found]

    assert codes(reasons=frozenset({"cases", "gate"})) == ["SUMSEL-LAHAT", "SUMSEL-PALEMBANG"]
    assert codes(province=units["JAMBI"]) == []
    assert set(codes(province=units["SUMSEL"])) == {"SUMSEL", "SUMSEL-LAHAT", "SUMSEL-PALEMBANG"}
    assert codes(sort="reasons", descending=True)[-1] == "SUMSEL-PALEMBANG"  # one reason: last
    assert codes(sort="name", descending=True) == [
        "SUMSEL",
        "SUMSEL-PALEMBANG",
        "SUMSEL-LAHAT",
    ]  # Provinsi, Kota, Kabupaten


def test_a_person_sees_only_the_units_they_may_see(units, cast, warned):
    def codes(scope, who):
        rows = warning_rows(units[scope], cast[who], year=YEAR, today=TODAY, rules=thresholds())
        return {r.unit.code for r in rows}

    assert codes("RI", "national") == {"SUMSEL", "SUMSEL-PALEMBANG", "SUMSEL-LAHAT"}
    assert codes("SUMSEL", "reviewer") == {"SUMSEL-PALEMBANG", "SUMSEL-LAHAT"}  # over the descendants
    assert codes("SUMSEL", "coordinator") == set()  # on the province only: not its regencies
    assert codes("RI", "outsider") == set()  # Jambi's people: Jambi has nothing


def test_the_pages_answer_by_what_the_person_may_see(client, units, cast):
    today = timezone.localdate()
    late_case(units["LAHAT"], today - timedelta(days=1))
    url = reverse("peers:warnings", args=[units["SUMSEL"].slug])
    for who, status, shown in (
        ("national", 200, True),
        ("reviewer", 200, True),
        ("coordinator", 200, False),
        ("child", 404, False),
        ("outsider", 404, False),
    ):
        client.force_login(cast[who])
        response = client.get(url)
        assert response.status_code == status, who
        assert ("KPU Kabupaten Lahat" in response.content.decode()) is shown, who
    client.force_login(cast["reviewer"])
    assert client.get(reverse("peers:warnings", args=[units["RI"].slug])).status_code == 404


def _regencies(units, n: int, start: int = 0):
    today = timezone.localdate()
    for i in range(start, start + n):
        unit = unit_create(
            code=f"JAMBI-K{i}", name=f"KPU Kabupaten {i:02d}", level=Level.REGENCY, parent=units["JAMBI"]
        )
        expired_evidence(unit, today - timedelta(days=3), today.year)
        late_case(unit, today - timedelta(days=2))


def _queries(client, url, data) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_costs_the_same_queries_for_few_or_many_units(client, units, cast):
    _regencies(units, 2)
    client.force_login(cast["national"])
    url = reverse("peers:warnings", args=[units["RI"].slug])
    few = _queries(client, url, {"urut": "province"})
    _regencies(units, 40, start=2)
    assert _queries(client, url, {"urut": "province"}) == few
    page = client.get(url, {"provinsi": units["JAMBI"].slug, "alasan": "cases"}).content.decode()
    assert page.count('id="unit-jambi-k') == 42


def test_the_export_holds_the_rows_filtered(client, units, cast, django_capture_on_commit_callbacks):
    _regencies(units, 3)
    late_case(units["LAHAT"], timezone.localdate() - timedelta(days=1))
    client.force_login(cast["national"])
    url = reverse("peers:warnings_export", args=[units["RI"].slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"provinsi": units["JAMBI"].slug, "alasan": "cases"})
    job = ExportJob.objects.get(kind="peers.warnings")
    assert response["Location"] == reverse("evidence_exports:status", args=[job.pk])
    assert (job.status, job.error) == ("done", "")
    content = b"".join(client.get(reverse("evidence_exports:download", args=[job.pk])).streaming_content)
    sheet = load_workbook(BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert sorted(r[0] for r in rows) == ["JAMBI-K0", "JAMBI-K1", "JAMBI-K2"]  # not LAHAT (SUMSEL)
    assert all(r[2] == "KPU Provinsi Jambi" for r in rows)


def test_the_export_is_refused_to_who_may_not_see_the_scope_and_holds_only_what_one_sees(
    client, units, cast, django_capture_on_commit_callbacks
):
    late_case(units["LAHAT"], timezone.localdate() - timedelta(days=1))
    url = reverse("peers:warnings_export", args=[units["SUMSEL"].slug])
    client.force_login(cast["outsider"])
    assert client.post(url).status_code == 404
    assert not ExportJob.objects.exists()
    client.force_login(cast["coordinator"])  # on the province alone: none of its regencies
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    job = ExportJob.objects.get(kind="peers.warnings")
    content = b"".join(client.get(reverse("evidence_exports:download", args=[job.pk])).streaming_content)
    assert list(load_workbook(BytesIO(content)).active.iter_rows(min_row=4, values_only=True)) == []


def test_the_gate_read_is_the_level_the_lke_summary_shows(units, cast):
    assessment = scored(units["LAHAT"], YEAR, cast["coordinator"], total=80.0, eligible=True)
    own = Assessment.objects.get(pk=assessment.pk).scores["mandiri"]
    failing = {"eligible": False, "criteria": [{"name": "Hasil", "passed": False}]}

    def gates(tpi: dict) -> list[str] | None:
        Assessment.objects.filter(pk=assessment.pk).update(scores={"mandiri": own, "tpi": tpi})
        remark(units["LAHAT"])
        rows = warning_rows(units["SUMSEL"], cast["national"], year=YEAR, today=TODAY, rules=thresholds())
        return [r.detail for row in rows for r in row.reasons if r.code == "gate"]

    assert gates({"provisional": True, "wbk": failing}) == []  # the TPI not done: the self-assessment's
    assert gates({"wbk": failing}) == []  # no flag: provisional
    assert gates({"provisional": False, "wbk": failing}) == ["Hasil"]  # every question reviewed


def test_the_failing_gate_is_the_recaps_and_a_forecast_warns_only_before_its_deadline(client, units, cast):
    """A stored forecast whose proposal deadline has passed is not read: the LKE meets the WBK
    on the recap, so no failing gate; before the deadline the forecast is its own reason."""
    assessment = scored(units["SUMSEL"], YEAR, cast["coordinator"], total=91.1, eligible=True)
    failing = {"eligible": False, "failing": ["Nilai total"]}
    ForecastSnapshot.objects.create(
        assessment=assessment, computed_at=timezone.now(), summary={"on_time": {"wbk": failing}}
    )
    deadline = calendar_for(units["SUMSEL"], YEAR).proposal_deadline

    def reasons(today: date) -> dict[str, str]:
        rows = warning_rows(units["RI"], cast["national"], year=YEAR, today=today, rules=thresholds())
        return {r.code: r.detail for row in rows if row.unit == units["SUMSEL"] for r in row.reasons}

    after = reasons(deadline + timedelta(days=1))
    assert "gate" not in after and "forecast" not in after
    recap = sources.recap(units["RI"], YEAR, query="SUMSEL")[0]
    assert recap.shown["wbk"]["eligible"] is True  # what the recap shows, the list agrees with
    before = reasons(deadline - timedelta(days=1))
    assert "gate" not in before and "Nilai total" in before["forecast"]
    client.force_login(cast["national"])
    page = client.get(reverse("peers:warnings", args=["ri"]), {"tahun": YEAR}).content.decode()
    assert "forecast" in page.lower() or "prakiraan" in page.lower() or "proyeksi" in page.lower()


def test_a_year_is_picked_among_the_years_with_data(client, units, cast, warned):
    client.force_login(cast["national"])
    url = reverse("peers:warnings", args=["ri"])
    page = client.get(url, {"tahun": YEAR}).content.decode()
    picker = page[page.index('<select class="form-select form-select-sm" id="tahun"') :]
    picker = picker[: picker.index("</select>")]
    assert f'<option value="{YEAR}" selected>' in picker
    assert f'value="{timezone.localdate().year}"' in picker and 'value="2019"' not in picker
    assert 'id="unit-sumsel-palembang"' in page
    assert 'id="unit-sumsel-palembang"' not in client.get(url, {"tahun": YEAR + 1}).content.decode()


def test_a_broken_thresholds_file_fails_zona_check(tmp_path, monkeypatch):
    broken = tmp_path / "warnings.yaml"
    broken.write_text(rules.DATA.read_text("utf-8").replace("days: 30", "days: -5"), "utf-8")
    assert check_thresholds() == []
    call_command("check", stdout=StringIO())
    monkeypatch.setattr(rules, "DATA", broken)
    found = check_thresholds()
    assert [e.id for e in found] == ["peers.E001"] and "overdue.days" in found[0].msg
    with pytest.raises(SystemCheckError, match="overdue.days"):
        call_command("check", stdout=StringIO(), stderr=StringIO())
