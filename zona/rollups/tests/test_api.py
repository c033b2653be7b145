"""A unit's summary over the API: what the national pages read, for the units the token's owner
sees (404 otherwise), read-only."""

import pytest

from zona.api.tokens import token_create
from zona.rollups.models import UnitSummary
from zona.rollups.services import flush

from .test_pages import plans  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    _token, plain = token_create(user=user, name="test", days=30)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_a_units_summary_as_the_pages_read_it(client, cast, units, plans):  # noqa: F811
    UnitSummary.objects.filter(unit=units["PALEMBANG"]).update(
        cases={"complaint": {"received": 5, "finished": 4, "on_time": 3}}
    )
    flush()
    url = "/api/units/SUMSEL-PALEMBANG/summary"
    found = client.get(url, {"year": 2023}, **_bearer(cast["national"]))
    assert found.status_code == 200
    data = found.json()
    kept = UnitSummary.objects.get(unit=units["PALEMBANG"])
    year = kept.unit.year_summaries.get(year=2023)
    assert (data["unit"], data["province"]) == ("SUMSEL-PALEMBANG", "SUMSEL")
    assert data["cases"]["complaint"] == {"received": 5, "finished": 4, "on_time": 3}
    assert [y["year"] for y in data["years"]] == [2023]
    assert data["years"][0]["overdue"] == year.overdue > 0
    assert data["years"][0]["plan"] == plans["PALEMBANG"].pk
    assert data["years"][0]["progress"] == pytest.approx(year.progress)
    assert client.get(url, **_bearer(cast["outsider"])).status_code == 404  # a unit not seen
    assert client.get("/api/units/NOPE/summary", **_bearer(cast["national"])).status_code == 404
    assert client.get(url).status_code == 401
    assert client.post(url, **_bearer(cast["national"])).status_code == 405
