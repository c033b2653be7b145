"""A unit's place among its peers: the figures read, the percentiles, who sees the other units'
figures (only someone who may see each of them), the start page's short line."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import SEED
from zona.cases.models import Case
from zona.complaints.models import Complaint
from zona.orgs.models import Level
from zona.orgs.services import unit_create
from zona.peers.figures import peer_figures
from zona.peers.selectors import peers_of, place_of
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep
from zona.plans.selectors import plan_tree
from zona.plans.services import plan_import
from zona.rollups.services import refresh_cases
from zona.surveys import services as survey_services
from zona.surveys.tests.factories import answer, make_survey

from .helpers import late_case, scored

pytestmark = pytest.mark.django_db
YEAR = 2023  # the seed plan's year


@pytest.fixture
def peers(units, cast, seed_bytes):
    """Palembang and Lahat, the regencies of SUMSEL, with the same plan; Lahat has done more of it
    and scored lower on its LKE."""
    plans = {}
    for key in ("PALEMBANG", "LAHAT"):
        parsed = read_plan(seed_bytes, SEED.name)
        plans[key] = plan_import(
            parsed=parsed, unit=units[key], by=cast["coordinator"], source_name=SEED.name
        )
    done = ActionStep.objects.filter(indicator__component__area__plan=plans["LAHAT"]).order_by("pk")[:15]
    ActionStep.objects.filter(pk__in=[s.pk for s in done]).update(done_at=timezone.now())
    scored(units["PALEMBANG"], YEAR, cast["coordinator"], total=70.0, eligible=False, areas={"I": 2.5})
    scored(units["LAHAT"], YEAR, cast["coordinator"], total=60.0, eligible=False, areas={"I": 1.0})
    return plans


def test_the_area_progress_read_equals_the_plan_page(units, peers):
    found = peer_figures(peers_of(units["LAHAT"]), YEAR)[units["LAHAT"].pk]
    tree = plan_tree(peers["LAHAT"])
    assert found.plan_progress == pytest.approx(tree.progress)
    areas = {node.obj.code: node.progress for node in tree.children if node.indicators}
    assert found.plan_areas == pytest.approx(areas)
    assert max(areas.values()) > 0  # the steps done count


def test_the_percentiles_among_the_peers(units, cast, peers):
    places = {f.key: f.place for f in place_of(units["PALEMBANG"], cast["national"], YEAR).figures}
    assert (places["plan"].percentile, places["plan"].peers) == (50.0, 2)  # Lahat did more
    assert places["lke"].percentile == 100.0 and places["lke:I"].percentile == 100.0
    assert places["on_time:complaint"].percentile is None  # no finished complaint: no place
    lahat = {f.key: f.place for f in place_of(units["LAHAT"], cast["national"], YEAR).figures}
    assert lahat["plan"].percentile == 100.0 and lahat["lke"].percentile == 50.0


def test_a_unit_user_sees_its_place_but_not_the_other_units_figures(client, units, cast, peers):
    url = reverse("peers:place", args=[units["PALEMBANG"].slug])
    for who, status, place, others in (
        ("child", 200, True, False),  # Palembang's coordinator: its place only
        ("reviewer", 200, True, True),  # the province's TPI over its regencies
        ("national", 200, True, True),
        ("outsider", 404, False, False),
        ("no_role", 404, False, False),
    ):
        client.force_login(cast[who])
        response = client.get(url, {"tahun": YEAR})
        assert response.status_code == status, who
        page = response.content.decode()
        assert ('id="figure-lke"' in page and "P100" in page) is place, who
        assert ("KPU Kabupaten Lahat" in page) is others, who


def test_the_start_page_shows_the_unit_its_place(client, units, cast, peers):
    scored(units["PALEMBANG"], timezone.localdate().year, cast["coordinator"], total=70.0, eligible=True)
    client.force_login(cast["child"])
    page = client.get(reverse("start:home")).content.decode()
    assert 'class="small peer-line"' in page
    assert reverse("peers:place", args=[units["PALEMBANG"].slug]) in page
    assert "P100" in page  # its LKE is the newest of its peers' scores and the higher


def test_the_place_page_costs_the_same_queries_for_few_or_many_peers(client, units, cast):
    def regencies(start: int, n: int) -> None:
        for i in range(start, start + n):
            unit = unit_create(
                code=f"SUMSEL-K{i}",
                name=f"KPU Kabupaten {i:02d}",
                level=Level.REGENCY,
                parent=units["SUMSEL"],
            )
            scored(unit, YEAR, cast["coordinator"], total=50.0 + i, eligible=False, areas={"I": i / 10})

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("peers:place", args=[units["PALEMBANG"].slug]), {"tahun": YEAR})
            assert response.status_code == 200
        return len(ctx.captured_queries)

    regencies(0, 2)
    client.force_login(cast["national"])
    few = queries()
    regencies(2, 25)
    assert queries() == few
    assert (
        client.get(reverse("peers:place", args=[units["PALEMBANG"].slug])).content.decode().count('id="peer-')
        == 29
    )


def test_a_leader_finds_the_early_warning_list_on_the_start_page(client, units, cast):
    client.force_login(cast["national"])
    page = client.get(reverse("start:home")).content.decode()
    assert reverse("peers:warnings", args=[units["RI"].slug]) in page


def _finished_complaint(unit, received, completed):
    case = late_case(unit, received)
    Case.objects.filter(pk=case.pk).update(state="selesai", received_on=received)
    Complaint.objects.create(case=case, category="pelayanan", complaint_type="ringan", completed_on=completed)


def test_the_on_time_rate_and_the_ikm_read_from_the_modules(units, cast, monkeypatch):
    _finished_complaint(units["PALEMBANG"], date(2024, 3, 4), date(2024, 3, 5))  # 1 working day of 2
    _finished_complaint(units["LAHAT"], date(2024, 3, 4), date(2024, 4, 30))  # weeks late
    monkeypatch.setattr(survey_services, "_today", lambda: date(2026, 2, 15))
    surveys = {
        key: make_survey(units[key], cast["coordinator"], population=10) for key in ("PALEMBANG", "LAHAT")
    }
    for key, value in (("PALEMBANG", 4), ("LAHAT", 3)):
        for _ in range(3):
            answer(surveys[key], [value] * 9)
    monkeypatch.setattr(survey_services, "_today", lambda: date(2026, 4, 1))
    for survey in surveys.values():
        survey_services.survey_close(survey=survey, by=cast["coordinator"])
        survey_services.survey_publish(survey=survey, by=cast["coordinator"])
    refresh_cases()  # the worker's hourly count of the cases, which the figure reads
    found = peer_figures(peers_of(units["LAHAT"]), YEAR)
    palembang, lahat = found[units["PALEMBANG"].pk], found[units["LAHAT"].pk]
    assert (palembang.on_time, lahat.on_time) == ({"complaint": 1.0}, {"complaint": 0.0})
    assert palembang.ikm == pytest.approx(100.0) and lahat.ikm == pytest.approx(75.0)
    places = {f.key: f.place.percentile for f in place_of(units["LAHAT"], cast["national"], YEAR).figures}
    assert (places["on_time:complaint"], places["ikm"]) == (50.0, 50.0)
