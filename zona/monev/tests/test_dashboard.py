"""Dashboards: access over the hierarchy, constant query counts, the SQL roll-up = the rule."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.evidence.models import EvidenceItem, Kind, Status
from zona.monev.dashboard import descendant_rows
from zona.monev.services import cycle_close, cycle_open, finding_create
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, Indicator
from zona.plans.selectors import plan_tree, plans_progress
from zona.plans.services import plan_import


@pytest.fixture
def regency_plans(units, cast, seed_bytes, seed_plan):
    parsed = read_plan(seed_bytes, "seed.md")
    return {code: plan_import(parsed=parsed, unit=units[code], by=None) for code in ("PALEMBANG", "LAHAT")}


def test_a_regency_cannot_see_a_sibling_the_province_sees_both(client, cast, units, regency_plans):
    client.force_login(cast["child"])  # coordinator of Palembang
    assert client.get(reverse("monev:dashboard", args=["sumsel-palembang"])).status_code == 200
    assert client.get(reverse("monev:dashboard", args=["sumsel-lahat"])).status_code == 404
    assert client.get(reverse("monev:dashboard", args=["sumsel"])).status_code == 404
    lahat_plan = regency_plans["LAHAT"]
    assert client.get(reverse("monev:plan", args=[lahat_plan.pk])).status_code == 404
    client.force_login(cast["reviewer"])  # TPI over Sumsel and below
    page = client.get(reverse("monev:dashboard", args=["sumsel"])).content.decode()
    assert "KPU Kota Palembang" in page and "KPU Kabupaten Lahat" in page
    assert client.get(reverse("monev:dashboard", args=["sumsel-lahat"])).status_code == 200
    client.force_login(cast["outsider"])
    assert client.get(reverse("monev:dashboard", args=["sumsel"])).status_code == 404


def test_units_table_sorts_filters_and_counts(cast, units, regency_plans):
    palembang = regency_plans["PALEMBANG"]
    ActionStep.objects.filter(indicator__component__area__plan=palembang).update(done_at=timezone.now())
    finding_create(
        plan=regency_plans["LAHAT"],
        title="x",
        owner=cast["reviewer"],
        due_date=date(2023, 1, 1),
        by=cast["reviewer"],
    )
    rows = descendant_rows(
        units["SUMSEL"], year=2023, today=date(2023, 6, 1), sort="progress", descending=True
    )
    # the province's own office is listed too (its progress equals Lahat's: among equals by name)
    assert [r.unit.code for r in rows] == ["SUMSEL-PALEMBANG", "SUMSEL-LAHAT", "SUMSEL"]
    assert rows[0].progress == pytest.approx(plan_tree(palembang).progress)
    assert rows[0].overdue == 0 and rows[1].overdue > 0 and rows[1].findings == 1
    assert [
        r.unit.code
        for r in descendant_rows(units["SUMSEL"], year=2023, today=date(2023, 6, 1), query="lahat")
    ] == ["SUMSEL-LAHAT"]
    national = descendant_rows(units["RI"], year=2023, today=date(2023, 6, 1), level="province")
    assert {r.unit.code for r in national} == {"SUMSEL", "JAMBI"}
    assert next(r for r in national if r.unit.code == "JAMBI").plan_id is None


def test_dashboard_query_count_does_not_grow_with_units(
    client,
    cast,
    units,
    seed_bytes,
    regency_plans,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    from zona.orgs.models import Level
    from zona.orgs.services import unit_create

    client.force_login(cast["national"])
    url = reverse("monev:dashboard", args=["ri"]) + "?tahun=2023&urut=progress"
    # the first read refreshes the summaries the fixtures' changes marked (the test's transaction
    # never commits, so their refresh after the commit never ran)
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    parsed = read_plan(seed_bytes, "seed.md")
    with django_capture_on_commit_callbacks(execute=True):  # as each service's commit does
        for n in range(6):
            unit = unit_create(
                code=f"JAMBI-K{n}", name=f"KPU Kab {n}", level=Level.REGENCY, parent=units["JAMBI"]
            )
            plan_import(parsed=parsed, unit=unit, by=None)
    with django_assert_max_num_queries(20) as big:
        page = client.get(url).content.decode()
    assert len(big.captured_queries) == len(small.captured_queries)
    assert "KPU Kab 5" in page


def test_trend_shows_closed_cycles(client, cast, seed_plan):
    for quarter in (1, 2):
        cycle = cycle_open(plan=seed_plan, quarter=quarter, by=cast["coordinator"])
        if quarter == 2:
            ActionStep.objects.filter(indicator__component__area__plan=seed_plan).update(
                done_at=timezone.now()
            )
        cycle_close(cycle=cycle, by=cast["coordinator"])
    client.force_login(cast["viewer"])
    page = client.get(reverse("monev:dashboard", args=["sumsel"])).content.decode()
    assert 'id="trend-data"' in page and "TW 1" in page and "TW 2" in page
    assert "vendor/chartjs/chart.umd.min.js" in page


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    done=st.lists(st.booleans(), min_size=50, max_size=50),
    verified=st.lists(st.booleans(), min_size=43, max_size=43),
)
def test_the_database_roll_up_equals_the_progress_rule(seed_plan, done, verified):
    steps = list(ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk"))
    ActionStep.objects.filter(pk__in=[s.pk for s, d in zip(steps, done, strict=True) if d]).update(
        done_at=timezone.now()
    )
    ActionStep.objects.filter(pk__in=[s.pk for s, d in zip(steps, done, strict=True) if not d]).update(
        done_at=None
    )
    EvidenceItem.objects.all().delete()
    for indicator, flag in zip(
        Indicator.objects.filter(component__area__plan=seed_plan).order_by("pk"), verified, strict=True
    ):
        if flag:
            indicator.evidence.add(
                EvidenceItem.objects.create(
                    unit=seed_plan.unit,
                    title="b",
                    kind=Kind.LINK,
                    url="https://e.org",
                    status=Status.VERIFIED,
                )
            )
    in_sql = plans_progress([seed_plan.pk])[seed_plan.pk]  # what the national dashboard reads
    assert in_sql == pytest.approx(plan_tree(seed_plan).progress)
