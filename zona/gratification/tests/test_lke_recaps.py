"""LKE A.I.5.i.b (PermenPAN-RB 90/2021, Pengendalian gratifikasi): "recaps sent every period"
counts the year's recap periods (quarters: recap_period_months in data/workflow.yaml) that a
recap covers whole. A recap of one month, or a second recap of a period, recaps no other period:
it never lifts C to B or B to A."""

from __future__ import annotations

from datetime import date

from conftest import make_user
from zona.gratification import recaps, services
from zona.gratification.lke_rules import periods_recapped
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.orgs.models import Role


def test_only_whole_periods_count_as_recapped(units, monkeypatch):
    unit = units["SUMSEL"]
    upg = make_user("upg", unit, Role.UPG_OFFICER)
    monkeypatch.setattr(services, "local_today", lambda: date(2027, 1, 5))
    assessment = Assessment(unit=unit, year=2026)
    assert suggest(assessment)["A.I.5.i.b"].answer == "C"  # a UPG, nothing recorded
    recaps.recap_send(unit=unit, start=date(2026, 10, 1), end=date(2026, 10, 31), by=upg)
    assert periods_recapped(unit, 2026) == (0, 4)
    assert suggest(assessment)["A.I.5.i.b"].answer == "C"  # October alone recaps no quarter
    for month in (1, 4, 7):
        start = date(2026, month, 1)
        recaps.recap_send(unit=unit, start=start, end=recaps.period_of(start)[1], by=upg)
    found = suggest(assessment)["A.I.5.i.b"]
    assert found.answer == "B" and "3 dari 4 rekap periode" in found.source  # the fourth quarter is missing
    recaps.recap_send(unit=unit, start=date(2026, 11, 1), end=date(2026, 12, 31), by=upg)
    assert periods_recapped(unit, 2026) == (3, 4) and suggest(assessment)["A.I.5.i.b"].answer == "B"


def test_the_lke_records_page_shows_what_was_counted_to_the_lke_readers_only(
    units, cast, monkeypatch, client
):
    """A.I.5.i.b's records link: the coordinator and the TPI see the UPG's year as counted (officers,
    reports, recaps); a unit that cannot see SUMSEL gets nothing; the UPG's own page stays closed."""
    unit = units["SUMSEL"]
    upg = make_user("upg", unit, Role.UPG_OFFICER)
    monkeypatch.setattr(services, "local_today", lambda: date(2027, 1, 5))
    recaps.recap_send(unit=unit, start=date(2026, 1, 1), end=date(2026, 3, 31), by=upg)
    link = suggest(Assessment(unit=unit, year=2026))["A.I.5.i.b"].link
    assert link == "/gratifikasi/upg/sumsel/lke/?tahun=2026"
    for who in ("coordinator", "reviewer"):
        client.force_login(cast[who])
        page = client.get(link).content.decode()
        assert "petugas UPG yang ditunjuk: <strong>1</strong>" in page
        assert "rekap periode terkirim: <strong>1</strong> / 4" in page or "<strong>1</strong> / 4" in page
        assert "1 Jan 2026" in page or "1 Januari 2026" in page  # the recap of the first quarter
        assert client.get("/gratifikasi/upg/sumsel/").status_code in (403, 404)  # the UPG's own page
    client.force_login(cast["outsider"])
    response = client.get(link)
    assert response.status_code == 404 and b"petugas UPG" not in response.content
