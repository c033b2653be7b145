"""The national pages on the summaries: their queries do not grow with the units, they sort,
filter and page in the database as the dashboard's own rows did, the overdue count follows the
calendar, a failed refresh is caught up before a page reads, and `zona rollups rebuild`."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zona.lke.models import Level
from zona.lke.services import answer_save, assessment_create
from zona.monev.dashboard import descendant_rows
from zona.orgs.models import Level as UnitLevel
from zona.orgs.services import unit_create
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, StepStatus
from zona.plans.services import plan_import, step_set_state
from zona.rollups import sources
from zona.rollups.models import RollupMark, UnitSummary, YearSummary
from zona.rollups.services import flush

from . import helpers


@pytest.fixture
def plans(units, cast, seed_bytes, seed_plan, django_capture_on_commit_callbacks):
    parsed = read_plan(seed_bytes, "seed.md")
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            code: plan_import(parsed=parsed, unit=units[code], by=None) for code in ("PALEMBANG", "LAHAT")
        }
        for code in ("SUMSEL", "PALEMBANG"):
            assessment_create(unit=units[code], year=2023, by=cast["coordinator"])
    flush()  # what the fixtures' own commits refresh
    return {"SUMSEL": seed_plan, **made}


def grow(units, seed_bytes, n: int, capture) -> None:
    parsed = read_plan(seed_bytes, "seed.md")
    with capture(execute=True):
        for index in range(n):
            unit = unit_create(
                code=f"JAMBI-K{index}",
                name=f"KPU Kab {index}",
                level=UnitLevel.REGENCY,
                parent=units["JAMBI"],
            )
            plan_import(parsed=parsed, unit=unit, by=None)
            assessment_create(unit=unit, year=2023, by=None)


def test_the_national_pages_queries_do_not_grow_with_the_units(
    client, cast, units, plans, seed_bytes, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(cast["national"])
    urls = [
        reverse("monev:dashboard", args=["ri"]) + "?tahun=2023&urut=overdue&arah=turun",
        reverse("lke:rollup", args=["ri", 2023]) + "?urut=self&arah=turun&wbk=tidak",
    ]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        counts.append(len(small.captured_queries))
    grow(units, seed_bytes, 8, django_capture_on_commit_callbacks)
    for url, before in zip(urls, counts, strict=True):
        with django_assert_num_queries(before):
            page = client.get(url).content.decode()
        assert "KPU Kab 7" in page
    assert counts[0] <= 20 and counts[1] <= 12


def test_sorting_filtering_and_paging_match_the_rows_computed_live(
    units, plans, cast, monkeypatch, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    steps = ActionStep.objects.filter(indicator__component__area__plan=plans["LAHAT"]).order_by("pk")[:5]
    with django_capture_on_commit_callbacks(execute=True):
        for step in steps:
            step_set_state(step=step, status=StepStatus.DONE, progress=100, by=cast["coordinator"])
    monkeypatch.setattr(sources, "PAGE", 2)
    for sort in ("name", "progress", "overdue", "findings", "cycle", "lke", "wbk"):
        for descending, grouped in ((False, True), (True, True), (False, False), (True, False)):
            asked = {"sort": sort, "descending": descending, "grouped": grouped}
            live = [r.unit.pk for r in descendant_rows(units["RI"], year=2023, today=today, **asked)]
            paged = []
            for number in (1, 2, 3):
                page = sources.units_below(units["RI"], year=2023, today=today, page=number, **asked)
                paged += [r.unit.pk for r in page]
            assert paged == live, asked
    found = sources.units_below(units["RI"], year=2023, today=today, query="lahat")
    assert [r.unit.code for r in found] == ["SUMSEL-LAHAT"]
    # the province's summary counts every unit of the list under it, not only the page's
    assert found[0].province.units == 1 and found[0].province.planned == 1
    whole = sources.units_below(units["RI"], year=2023, today=today, level="regency")
    assert whole[0].province.units == 2 and whole.paginator.count == 2


def _table(client, url) -> list[str]:
    page = client.get(url).content.decode()
    body = page[page.index('id="units-table"') :]
    return re.findall(r'<td><a href="/monev/dasbor/([^/]+)/', body)


def test_a_chosen_sort_orders_every_unit_of_the_country_not_province_by_province(
    client, cast, units, plans, django_capture_on_commit_callbacks
):
    """Jambi's units come first by province; sorted by overdue steps, the worst unit of the
    country leads, whatever its province, and every column sorts."""
    with django_capture_on_commit_callbacks(execute=True):
        jambi = unit_create(
            code="JAMBI-KOTA", name="KPU Kota Jambi", level=UnitLevel.REGENCY, parent=units["JAMBI"]
        )
    flush()
    client.force_login(cast["national"])
    url = reverse("monev:dashboard", args=["ri"]) + "?tahun=2023"
    assert set(_table(client, url)[:2]) == {"jambi", jambi.slug}  # the default: grouped by province
    worst = YearSummary.objects.filter(year=2023).order_by("-overdue").first()
    assert worst.overdue > 0 and worst.unit.path.startswith(units["SUMSEL"].path)
    # the three seed plans tie: by province, then name; Jambi's units (none overdue) after them
    tied = [units[c].slug for c in ("LAHAT", "PALEMBANG", "SUMSEL")]
    descending = _table(client, url + "&urut=overdue&arah=turun")
    assert descending[:3] == tied and set(descending[3:5]) == {"jambi", jambi.slug}
    assert _table(client, url + "&urut=overdue")[-3:] == tied
    page = client.get(url).content.decode()
    for column in ("name", "progress", "overdue", "findings", "cycle", "lke", "wbk"):
        assert f"urut={column}" in page, column


def test_a_province_is_chosen_from_a_list_or_found_by_its_name(client, cast, units, plans):
    today = timezone.localdate()
    by_name = sources.units_below(units["RI"], year=2023, today=today, query="Sumatera Selatan")
    by_code = sources.units_below(units["RI"], year=2023, today=today, query="sumsel")
    chosen = sources.units_below(units["RI"], year=2023, today=today, province=units["SUMSEL"])
    expected = ["SUMSEL-LAHAT", "SUMSEL-PALEMBANG", "SUMSEL"]
    for found in (by_name, by_code, chosen):
        assert sorted(r.unit.code for r in found) == sorted(expected)
    recap = sources.recap(units["RI"], 2023, query="Sumatera Selatan")
    assert sorted(r.unit.code for r in recap) == ["SUMSEL", "SUMSEL-PALEMBANG"]
    assert [r.unit.code for r in sources.recap(units["RI"], 2023, province=units["JAMBI"])] == []
    client.force_login(cast["national"])
    page = client.get(
        reverse("monev:dashboard", args=["ri"]) + "?tahun=2023&provinsi=sumsel"
    ).content.decode()
    assert 'value="sumsel" selected' in page and 'value="jambi"' in page
    assert sorted(
        _table(client, reverse("monev:dashboard", args=["ri"]) + "?tahun=2023&provinsi=sumsel")
    ) == sorted(units[c].slug for c in ("SUMSEL", "PALEMBANG", "LAHAT"))
    page = client.get(reverse("lke:rollup", args=["ri", 2023]) + "?provinsi=jambi").content.decode()
    assert 'value="jambi" selected' in page and "KPU Kota Palembang" not in page


def test_the_recap_filters_sorts_and_shows_only_the_units_below(client, cast, units, plans):
    sumsel = plans["SUMSEL"].unit.assessments.get()
    answer_save(assessment=sumsel, level=Level.SELF, ref="B.1.a", raw="3.6", by=cast["coordinator"])
    flush()
    helpers.assert_recap_equal(units["RI"], 2023)
    rows = list(sources.recap(units["RI"], 2023, sort="self", descending=True))
    assert [r.unit.code for r in rows] == ["SUMSEL", "SUMSEL-PALEMBANG"]
    assert rows[0].scores["mandiri"]["total"] > rows[1].scores["mandiri"]["total"]
    assert [r.unit.code for r in sources.recap(units["RI"], 2023, query="palembang")] == ["SUMSEL-PALEMBANG"]
    assert list(sources.recap(units["RI"], 2023, filters={"wbk": True})) == []
    assert len(list(sources.recap(units["RI"], 2023, filters={"wbk": False}))) == 2
    client.force_login(cast["child"])  # Palembang's coordinator: its own row, never the province's
    page = client.get(reverse("lke:rollup", args=["sumsel-palembang", 2023]) + "?urut=self").content.decode()
    assert "KPU Kota Palembang" in page and "KPU Provinsi Sumatera Selatan" not in page
    assert client.get(reverse("lke:rollup", args=["sumsel", 2023])).status_code == 404
    client.force_login(cast["reviewer"])
    page = client.get(reverse("lke:rollup", args=["sumsel", 2023]) + "?q=palembang").content.decode()
    assert "KPU Kota Palembang" in page and "29,75" not in page


def test_the_overdue_count_follows_the_calendar_without_any_change(units, plans):
    plan = plans["PALEMBANG"]
    today = timezone.localdate()
    step = ActionStep.objects.filter(indicator__component__area__plan=plan).order_by("pk").first()
    ActionStep.objects.filter(indicator__component__area__plan=plan).update(due_on=today + timedelta(days=30))
    ActionStep.objects.filter(pk=step.pk).update(due_on=today + timedelta(days=1))
    call_command("rollups", "rebuild", "--unit", plan.unit.code, stdout=StringIO())
    assert YearSummary.objects.get(plan=plan).overdue == 0
    later = today + timedelta(days=2)  # the step fell due: no record changed
    row = next(r for r in sources.units_below(units["RI"], year=2023, today=later) if r.unit == plan.unit)
    assert (
        row.overdue
        == 1
        == next(
            r for r in descendant_rows(units["RI"], year=2023, today=later) if r.unit == plan.unit
        ).overdue
    )


def test_a_failed_refresh_is_caught_up_before_a_page_reads(
    units, plans, cast, monkeypatch, django_capture_on_commit_callbacks
):
    from zona.rollups import services

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "refresh", broken)
    step = ActionStep.objects.filter(indicator__component__area__plan=plans["LAHAT"]).first()
    with django_capture_on_commit_callbacks(execute=True):
        step_set_state(step=step, status=StepStatus.DONE, progress=100, by=cast["coordinator"])
    assert RollupMark.objects.filter(unit=units["LAHAT"]).exists()  # the change is kept, its mark too
    monkeypatch.undo()
    helpers.assert_dashboard_equal(units["RI"], 2023, timezone.localdate())
    assert not RollupMark.objects.exists()


def test_rebuild_recomputes_every_unit_and_names_an_unknown_one(units, plans):
    UnitSummary.objects.all().delete()
    YearSummary.objects.all().delete()
    out = StringIO()
    call_command("rollups", "rebuild", stdout=out)
    assert "5" in out.getvalue() and UnitSummary.objects.count() == 5
    helpers.assert_dashboard_equal(units["RI"], 2023, timezone.localdate())
    with pytest.raises(CommandError, match="Tidak ada unit"):
        call_command("rollups", "rebuild", "--unit", "NOWHERE")


def test_verified_evidence_deleted_moves_the_plans_it_supported(
    units, plans, cast, django_capture_on_commit_callbacks
):
    from zona.evidence.models import Status
    from zona.evidence.services import evidence_create_link, evidence_review
    from zona.plans.models import Indicator

    plan = plans["LAHAT"]
    with django_capture_on_commit_callbacks(execute=True):
        item = evidence_create_link(
            unit=units["LAHAT"], title="SK", url="https://example.org/sk", by=cast["reviewer"]
        )
        Indicator.objects.filter(component__area__plan=plan).first().evidence.add(item)
        evidence_review(item=item, verdict=Status.VERIFIED, comment="", by=cast["reviewer"])
    before = YearSummary.objects.get(plan=plan).progress
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    helpers.nothing_left_marked()
    assert YearSummary.objects.get(plan=plan).progress < before
    helpers.assert_dashboard_equal(units["RI"], 2023, timezone.localdate())


def test_the_case_figures_of_the_summaries_are_shown_sorted_and_dated(client, cast, units, plans):
    """The complaints and PPID requests each unit's summary counts (hourly), with the on-time rate,
    sortable, and the page says when they were counted."""
    counted = timezone.now() - timedelta(minutes=40)
    figures = {
        "LAHAT": {"complaint": {"received": 10, "finished": 8, "on_time": 2}},
        "PALEMBANG": {"complaint": {"received": 5, "finished": 4, "on_time": 4}, "ppid": {"received": 3}},
    }
    for code, cases in figures.items():
        UnitSummary.objects.filter(unit=units[code]).update(cases=cases, cases_at=counted)
    client.force_login(cast["national"])
    url = reverse("monev:dashboard", args=["ri"]) + "?tahun=2023"
    assert _table(client, url + "&urut=complaints&arah=turun")[:2] == [
        units["PALEMBANG"].slug,
        units["LAHAT"].slug,
    ]
    page = client.get(url).content.decode()
    assert "urut=complaints" in page and "urut=ppid" in page
    assert "10 · 25%" in page and "5 · 100%" in page
    freshness = page[page.index('id="cases-freshness"') :][:400]
    assert timezone.localtime(counted).strftime("%H:%M") in freshness
