"""A WBK decree typed on a self-assessment (for a unit going for WBBM) is read against the
revocations as a recorded WBK is: once KemenPAN-RB revoked that WBK, the decree no longer counts
as the WBK that WBBM needs — also after the revocation's bar on proposals has passed. A WBK
awarded after the revocation counts with its own decree."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.cycle.models import Kind, Predicate, Revocation
from zona.cycle.predicates import predicate_revoke, proposal_check, wbk_in_force
from zona.cycle.services import CycleError
from zona.lke import revocations
from zona.lke.services import assessment_wbk_decree, gate_facts

from .conftest import pdf
from .test_predicates import award, gate

OLD = date(2020, 12, 10)  # the WBK decree the unit types on its 2026 self-assessment


def _typed(assessment, decree: date = OLD):
    by = assessment.created_by
    return assessment_wbk_decree(
        assessment=assessment, number=f"SK WBK {decree.year}", decree_date=decree, upload=pdf(), by=by
    )


@pytest.fixture
def revoked_2022(opened, apip):
    """SUMSEL's WBK of 2020 (recorded), revoked on 1 March 2022: barred 2022–2024, free in 2026."""
    wbk = award(opened["SUMSEL"].unit, apip, year=2020, decree=OLD)
    predicate_revoke(predicate=wbk, on=date(2022, 3, 1), reason="Kasus suap", basis="Pengumuman", by=apip)
    return opened["SUMSEL"]


def test_after_the_bar_a_revoked_wbk_typed_on_the_lke_does_not_count(client, revoked_2022, cast):
    assessment = _typed(revoked_2022.assessment)
    assert gate(assessment, "WBBM", "revocation").passed  # 2022 + 2 < 2026: the bar is over
    assert gate(assessment, "WBBM", "prior").passed is False
    with pytest.raises(CycleError, match="dicabut pada 2022 dan tidak dihitung lagi"):
        proposal_check(assessment, Kind.WBBM)
    proposal_check(assessment, Kind.WBK)  # WBK again: free after the bar
    client.force_login(cast["coordinator"])
    page = client.get(reverse("lke:detail", args=[assessment.pk])).content.decode()
    warned = page[page.index('id="wbk-revoked"') :]
    assert "Predikat WBK dari SK ini dicabut pada 2022" in warned[:300]
    assert "Aturan yang berlaku: SK ini dihitung untuk WBBM selama predikat WBK" in page


def test_a_wbk_awarded_after_the_revocation_counts_with_its_own_decree(client, revoked_2022, cast):
    assessment = _typed(revoked_2022.assessment, date(2025, 12, 12))
    assert gate(assessment, "WBBM", "prior").passed is True
    proposal_check(assessment, Kind.WBBM)
    client.force_login(cast["coordinator"])
    page = client.get(reverse("lke:detail", args=[assessment.pk])).content.decode()
    assert 'id="wbk-revoked"' not in page and 'id="wbk-rule"' in page


def test_a_wbbm_revocation_leaves_the_wbk_decree_standing(opened, apip):
    entry = opened["SUMSEL"]
    wbk = award(entry.unit, apip, year=2020, decree=OLD)
    wbbm = award(entry.unit, apip, year=2021, kind="WBBM", decree=date(2021, 12, 9))
    predicate_revoke(predicate=wbbm, on=date(2022, 3, 1), reason="Kasus suap", basis="Pengumuman", by=apip)
    wbk.delete()  # the WBK known from the decree typed on the self-assessment only
    assert gate(_typed(entry.assessment), "WBBM", "prior").passed is True


@pytest.mark.parametrize(("predicate", "counts"), [("", False), ("WBK", False), ("WBBM", True)])
def test_the_revocation_data_file_ends_a_typed_decree_by_its_year(
    opened, monkeypatch, tmp_path, predicate, counts
):
    named = f", predicate: {predicate}" if predicate else ""
    data = tmp_path / "revocations.yaml"
    data.write_text(f"source: x\nunits:\n  SUMSEL:\n    - {{year: 2022, basis: Pengumuman{named}}}\n")
    monkeypatch.setattr(revocations, "DATA", data)
    revocations._revocations.cache_clear()
    try:
        assessment = _typed(opened["SUMSEL"].assessment)
        assert gate(assessment, "WBBM", "prior").passed is counts
        assert revocations.revoked_years("SUMSEL") == (2022,)  # the bar reads it whatever its kind
    finally:
        revocations._revocations.cache_clear()


def test_the_revocation_data_file_names_a_known_predicate(monkeypatch, tmp_path):
    data = tmp_path / "revocations.yaml"
    data.write_text("source: x\nunits:\n  SUMSEL:\n    - {year: 2022, basis: P, predicate: WBX}\n")
    monkeypatch.setattr(revocations, "DATA", data)
    revocations._revocations.cache_clear()
    try:
        with pytest.raises(revocations.RevocationDataError, match="WBK or WBBM"):
            revocations.revoked_years("SUMSEL")
    finally:
        revocations._revocations.cache_clear()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    decree=st.dates(date(2015, 1, 1), date(2026, 12, 31)),
    after=st.one_of(st.none(), st.integers(0, 4500)),
)
def test_a_typed_decree_counts_exactly_when_the_recorded_wbk_is_in_force(opened, decree, after):
    """Property: the decree typed on the 2026 self-assessment passes the WBBM gate "already holds
    WBK" exactly when the same WBK, recorded with its revocation (`after` days after the decree,
    or none), is in force for 2026 — the two ways of knowing a WBK follow one rule."""
    entry = opened["SUMSEL"]
    Revocation.objects.filter(predicate__unit=entry.unit).delete()
    Predicate.objects.filter(unit=entry.unit).delete()
    assessment = _typed(entry.assessment, decree)
    wbk = Predicate.objects.create(
        unit=entry.unit,
        year=decree.year,
        kind=Kind.WBK,
        decree_number="SK",
        decree_date=decree,
        decree=assessment.wbk_decree,
    )
    if after is not None:
        Revocation.objects.create(predicate=wbk, on=decree + timedelta(days=after), reason="r", basis="b")
    in_force = wbk_in_force(entry.unit, 2026) is not None
    assert ("WBK" in gate_facts(assessment)["prior"]) is in_force
    assert (revocations.decree_revoked_in(assessment) is None) is in_force


def test_a_wbk_recorded_in_the_cycle_is_said_to_count_without_a_decree_typed(client, opened, apip, cast):
    """The page says what the gate reads: a WBK in force recorded in the national cycle counts
    for WBBM without a decree typed on the self-assessment; without it the decree is asked for."""
    entry = opened["SUMSEL"]
    client.force_login(cast["coordinator"])
    url = reverse("lke:detail", args=[entry.assessment.pk])
    assert 'id="wbk-recorded"' not in client.get(url).content.decode()
    assert gate(entry.assessment, "WBBM", "prior").passed is False
    award(entry.unit, apip, year=2024, decree=date(2024, 12, 10))
    page = client.get(url).content.decode()
    assert gate(entry.assessment, "WBBM", "prior").passed is True
    assert "tercatat di siklus nasional Zona" in page[page.index('id="wbk-recorded"') :][:300]
