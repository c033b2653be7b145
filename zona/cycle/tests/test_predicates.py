"""The predicate and its history: awarded with its decree, revoked with its reason; a revocation
bars a proposal for the instrument's period (PermenPAN-RB 90/2021's library: 2 years, after
KemenPAN-RB barred four revoked WBK units for 2 years in 2022), a WBBM proposal needs a WBK in
force; the LKE's gates read the same records."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zona.cycle.models import Predicate, Revocation
from zona.cycle.predicates import predicate_award, predicate_revoke, proposal_check, wbk_in_force
from zona.cycle.rules import bar_period, barring
from zona.cycle.services import CycleError, stage_record
from zona.lke.instrument import resolve
from zona.lke.scoring import GateFacts, _revocation
from zona.lke.services import assessment_create, level_score

from .conftest import pdf, walk


def gate(assessment, predicate: str, kind: str):
    criteria = level_score(assessment, "mandiri").predicates[predicate].criteria
    return next(c for c in criteria if c.kind == kind)


def award(unit, by, year=2023, kind="WBK", decree=date(2023, 12, 9)):
    return predicate_award(
        unit=unit,
        year=year,
        kind=kind,
        decree_number=f"SK {kind} {year}",
        decree_date=decree,
        upload=pdf(),
        by=by,
    )


def test_the_bar_period_is_the_instruments_data():
    assert bar_period(resolve(None)) == 2  # no_revocation_within: 2 (PermenPAN-RB 90/2021 library)


@given(
    year=st.integers(2000, 2100),
    revoked=st.lists(st.integers(1990, 2110), max_size=4),
    period=st.integers(0, 6),
)
def test_the_cycles_bar_and_the_lke_gate_agree(year, revoked, period):
    """Property: a proposal is barred exactly when the LKE's revocation gate fails, and a
    revocation in year r bars the years r … r + period and no other."""
    bars = barring(year, revoked, period)
    criterion = _revocation("bar", period, GateFacts(frozenset(), tuple(revoked), year))
    assert bool(bars) is (not criterion.passed)
    assert all(r <= year <= r + period for r in bars)
    assert all(r in bars for r in revoked if r <= year <= r + period)


def test_a_revocation_bars_a_proposal_with_a_clear_message(opened, cast, apip):
    entry = opened["SUMSEL"]
    wbk = award(entry.unit, apip, year=2021, decree=date(2021, 12, 9))
    predicate_revoke(
        predicate=wbk,
        on=date(2025, 3, 1),
        reason="Kasus suap pegawai",
        basis="Pengumuman KemenPAN-RB 3/2025",
        by=apip,
    )
    assert gate(entry.assessment, "WBK", "revocation").passed is False  # the LKE's gate reads the record
    walk(entry, cast["reviewer"], until="usulan")
    with pytest.raises(CycleError, match="dicabut pada 2025: unit baru dapat diusulkan lagi mulai 2028"):
        stage_record(
            entry=entry, stage="usulan", outcome="diusulkan_wbk", on=date(2026, 5, 20), by=cast["reviewer"]
        )
    assert not entry.records.filter(stage="usulan").exists()
    later = assessment_create(unit=entry.unit, year=2028, by=apip)
    proposal_check(later, "WBK")  # 2025 + 2: barred through 2027, free in 2028
    assert gate(later, "WBK", "revocation").passed is True


def test_wbbm_needs_a_wbk_in_force(opened, cast, apip):
    entry = opened["SUMSEL"]
    walk(entry, cast["reviewer"], until="usulan")
    with pytest.raises(CycleError, match="WBBM memerlukan predikat WBK yang masih berlaku"):
        stage_record(
            entry=entry, stage="usulan", outcome="diusulkan_wbbm", on=date(2026, 5, 20), by=cast["reviewer"]
        )
    with pytest.raises(CycleError, match="WBBM memerlukan"):
        award(entry.unit, apip, year=2026, kind="WBBM", decree=date(2026, 12, 9))
    assert gate(entry.assessment, "WBBM", "prior").passed is False
    award(entry.unit, apip)  # WBK, evaluation 2023, decree 9 December 2023
    assert wbk_in_force(entry.unit, 2026) is not None
    assert gate(entry.assessment, "WBBM", "prior").passed is True
    stage_record(
        entry=entry, stage="usulan", outcome="diusulkan_wbbm", on=date(2026, 5, 20), by=cast["reviewer"]
    )


def test_a_revoked_wbk_is_no_longer_in_force(opened, apip):
    unit = opened["SUMSEL"].unit
    wbk = award(unit, apip)
    predicate_revoke(predicate=wbk, on=date(2024, 6, 1), reason="Kasus suap", basis="Pengumuman", by=apip)
    assert wbk_in_force(unit, 2023) is not None and wbk_in_force(unit, 2024) is None
    with pytest.raises(CycleError, match="sudah dicabut"):
        predicate_revoke(predicate=wbk, on=date(2024, 7, 1), reason="x", basis="y", by=apip)


def test_only_the_inspectorate_records_predicates_and_revocations(opened, cast, apip):
    unit = opened["SUMSEL"].unit
    for who in ("coordinator", "admin", "reviewer"):
        with pytest.raises(CycleError, match="Peran Anda"):
            award(unit, cast[who])
    assert not Predicate.objects.exists()
    wbk = award(unit, apip)
    with pytest.raises(CycleError, match="Peran Anda"):
        predicate_revoke(predicate=wbk, on=date(2024, 6, 1), reason="x", basis="y", by=cast["coordinator"])
    with pytest.raises(CycleError, match="alasan"):
        predicate_revoke(predicate=wbk, on=date(2024, 6, 1), reason=" ", basis="y", by=apip)
    assert not Revocation.objects.exists()


def test_a_predicate_needs_its_decree(opened, apip):
    unit = opened["SUMSEL"].unit
    with pytest.raises(CycleError, match="nomor, tanggal, dan berkas"):
        predicate_award(
            unit=unit,
            year=2023,
            kind="WBK",
            decree_number="SK 1",
            decree_date=date(2023, 12, 9),
            upload=None,
            by=apip,
        )
    with pytest.raises(CycleError, match="lebih awal"):
        award(unit, apip, year=2023, decree=date(2022, 12, 9))
    assert not Predicate.objects.exists()


def test_the_proposal_letter_asks_for_wbbm_once_a_wbk_is_recorded_in_the_cycle(opened, apip):
    """The package's cover letter proposes the predicate the gates read: WBBM for a unit whose WBK
    is recorded here (not only one whose decree is typed on the self-assessment)."""
    from zona.proposal.exporters import predicate_of

    entry = opened["SUMSEL"]
    assert not entry.assessment.holds_wbk
    assert predicate_of(entry.assessment) == "WBK"
    award(entry.unit, apip, year=2024, decree=date(2024, 12, 9))
    entry.assessment.refresh_from_db()
    assert predicate_of(entry.assessment) == "WBBM"
