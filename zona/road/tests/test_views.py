"""The forecast page: the three scenarios with the moving questions, for whoever sees the unit;
nothing for anyone else."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_forecast_page_shows_three_scenarios_to_the_unit_only(client, world, cast):
    url = reverse("road:forecast", args=[world["assessment"].pk])
    client.force_login(cast["coordinator"])
    html = client.get(url).content.decode()
    for key in ("today", "on_time", "on_schedule"):
        assert f'id="scenario-{key}"' in html
    assert 'id="move-on_time-ai1ib"' in html and "Seleksi anggota dari semua unsur" in html
    assert 'class="readiness-stale" id="ready-ai1iia"' in html
    for who in ("outsider", "no_role"):
        client.force_login(cast[who])
        assert client.get(url).status_code == 404
