"""The forecast on the command line (`zona road forecast`) and in the API next to the gates: the
three scenarios, each with its gates and the questions that move and why; the same figures as the
forecast itself; nothing for a token or a person outside the unit."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zona.api.tests.test_api import bearer

pytestmark = pytest.mark.django_db


def run(world, *extra) -> str:
    out = StringIO()
    today = world["today"].isoformat()
    args = ["--unit", "SUMSEL", "--year", str(world["year"]), "--today", today, *extra]
    call_command("road", "forecast", *args, stdout=out)
    return out.getvalue()


def test_the_command_gives_three_scenarios_their_gates_and_the_moves(world):
    data = json.loads(run(world, "--format", "json"))
    assert list(data["scenarios"]) == ["today", "on_time", "on_schedule"]
    assert data["deadline"] == f"{world['year']}-05-31" and data["today"] == world["today"].isoformat()
    # the totals computed by hand in test_forecast: (a) 0.25 + 1/3, (b) 0.5, (c) 0.375
    assert [s["total"] for s in data["scenarios"].values()] == [0.58, 0.5, 0.38]
    on_time = data["scenarios"]["on_time"]
    wbk = {g["name"]: g for g in on_time["predicates"]["WBK"]["gates"]}
    assert wbk["Nilai total"]["value"] == 0.5 and wbk["Nilai total"]["passed"] is False
    assert "margin" in wbk["Nilai total"] and on_time["predicates"]["WBK"]["eligible"] is False
    moves = {m["ref"]: m for m in on_time["moves"]}
    assert (moves["A.I.1.i.b"]["before"], moves["A.I.1.i.b"]["after"]) == ("C", "A")
    assert [s["id"] for s in moves["A.I.1.i.b"]["landing"]] == [world["ahead"].pk, world["behind"].pk]
    stale = moves["A.I.1.ii.a"]
    assert stale["stale_evidence"] and stale["evidence"][0]["reasons"] == ["unverified"]
    late = {m["ref"]: m for m in data["scenarios"]["on_schedule"]["moves"]}
    assert [s["id"] for s in late["A.I.1.i.b"]["waiting"]] == [world["behind"].pk]
    text = run(world)
    assert "A.I.1.i.b: C → A" in text and "Seleksi anggota dari semua unsur" in text


def test_the_command_refuses_an_unknown_unit_or_year(world):
    with pytest.raises(CommandError, match="XYZ"):
        call_command("road", "forecast", "--unit", "XYZ", "--year", "2023", stdout=StringIO())
    with pytest.raises(CommandError, match="1999"):
        call_command("road", "forecast", "--unit", "SUMSEL", "--year", "1999", stdout=StringIO())


def test_the_api_gives_the_forecast_to_the_unit_only(client, world, cast):
    url = f"/api/lke/assessments/{world['assessment'].pk}/forecast"
    data = client.get(url, **bearer(cast["coordinator"])).json()
    assert list(data["scenarios"]) == ["today", "on_time", "on_schedule"]
    moves = {m["ref"] for m in data["scenarios"]["on_time"]["moves"]}
    assert "A.I.1.i.b" in moves and data["scenarios"]["on_time"]["predicates"]["WBBM"]["gates"]
    refused = client.get(url, **bearer(cast["outsider"]))
    assert refused.status_code == 404 and "scenarios" not in refused.json()
