"""LKE Hasil B.1.b option A (PermenPAN-RB 90/2021) compares the unit's achievement with its
peers' mean (the units under the same parent). A peer counts only with a signed agreement
(PermenPAN-RB 53/2014: until the head and the superior sign it, its targets are not agreed) and
its whole year reported; a unit without such a peer gets B, "no peers' mean to compare with",
and the suggestion and the agreement's page say which peers were left out and why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import rolled_back
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.orgs.models import Level
from zona.orgs.services import unit_create
from zona.performance import services

D = Decimal
YEAR = 2026
OWN = (D(110), D(105))  # the unit's two sasaran, each above 100% and better than last year: 107.5%


def _agreement(unit, value, *, signed: bool, whole_year: bool = True, values=None):
    """An agreement of one target per value (target 100, higher is better), each value reported in
    the fourth quarter (the whole year) or only in the second."""
    agreement = services.agreement_open(
        unit=unit, year=YEAR, by=None, signed_on=date(YEAR, 1, 31) if signed else None
    )
    for n, v in enumerate(values or (value,), start=1):
        target = services.target_add(agreement=agreement, code=f"SS{n}", text=f"Sasaran {n}", by=None)
        row = {
            "name": f"IKU {n}",
            "measure": "%",
            "annual_target": D(100),
            "direction": "naik",
            "last_year": D(100),
        }
        indicator = services.indicator_add(target=target, values=row, by=None)
        quarter = 4 if whole_year else 2
        services.realisation_record(indicator=indicator, quarter=quarter, value=v, note="", by=None)
    return agreement


def _b1b(unit):
    with translation.override("en"):
        return suggest(Assessment(unit=unit, year=YEAR))["B.1.b"]


PEER = st.one_of(
    st.none(),  # no agreement that year
    st.tuples(
        st.booleans(),  # signed
        st.booleans(),  # the whole year reported
        st.integers(min_value=0, max_value=200),  # the realisation against a target of 100
    ),
)


def test_the_peers_mean_counts_only_signed_agreements_reported_in_full(units):
    """Property over random peers (none, a draft, signed, reported in full or not, any figure):
    the mean is that of the signed peers reported in full, each at its achievement (the
    realisation, capped at 120%: the default formula); B.1.b is A only above that mean, and B
    with "no peers' mean to compare with" when no peer counts."""
    unit = units["PALEMBANG"]
    _agreement(unit, None, signed=True, values=OWN)
    siblings = [units["LAHAT"]] + [
        unit_create(code=f"SUMSEL-P{n}", name=f"KPU Peer {n}", level=Level.REGENCY, parent=units["SUMSEL"])
        for n in range(3)
    ]

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(PEER, min_size=len(siblings), max_size=len(siblings)))
    def check(peers):
        with rolled_back():
            for sibling, peer in zip(siblings, peers, strict=True):
                if peer is not None:
                    signed, whole_year, value = peer
                    _agreement(sibling, D(value), signed=signed, whole_year=whole_year)
            drafted = [p for p in peers if p is not None and not p[0]]
            partial = [p for p in peers if p is not None and p[0] and not p[1]]
            counted = [min(D(p[2]), D(120)) for p in peers if p is not None and p[0] and p[1]]
            mean = sum(counted, D(0)) / len(counted) if counted else None
            b1b = _b1b(unit)
            if mean is None:
                assert b1b.answer == "B" and "no peers' mean to compare with" in b1b.source
            else:
                assert b1b.answer == ("A" if D("107.5") > mean else "B")
            found = services.peers_figure(unit, YEAR)
            assert found == services.Peers(mean, len(counted), len(partial), len(drafted))
            if drafted:
                assert f"{len(drafted)} whose performance agreement is not signed" in b1b.source
            if partial:
                assert f"{len(partial)} whose year is not reported in full" in b1b.source

    check()


def test_a_unit_whose_peers_are_all_drafts_gets_b_and_the_page_says_why(units, cast, client):
    """Two peers far below the unit, neither agreement signed: before they were counted, the
    unit's 107.5% stood above a 10% mean and B.1.b was A. Now no peer counts: B, the LKE's
    suggestion and the agreement's page both saying there is no peers' mean and that the two
    drafts were left out."""
    unit = units["PALEMBANG"]
    _agreement(unit, None, signed=True, values=OWN)
    _agreement(units["LAHAT"], D(10), signed=False)
    other = unit_create(code="SUMSEL-P9", name="KPU Peer 9", level=Level.REGENCY, parent=units["SUMSEL"])
    _agreement(other, D(10), signed=False)
    found = _b1b(unit)
    assert found.answer == "B"
    assert services.peers_figure(unit, YEAR) == services.Peers(None, 0, 0, 2)
    assert "no peers' mean to compare with" in found.source and "peers' mean –" in found.source
    assert "leaves out 2 whose performance agreement is not signed" in found.source
    with translation.override("id"):
        source = suggest(Assessment(unit=unit, year=YEAR))["B.1.b"].source
    assert "mengesampingkan 2 yang perjanjian kinerjanya belum ditandatangani" in source

    client.force_login(cast["child"])
    page = client.get(reverse("performance:agreement", args=[unit.slug, YEAR])).content.decode()
    assert 'id="b1b">B<' in page
    assert "tidak ada rata-rata unit sejenis sebagai pembanding" in page
    assert "2 yang perjanjian kinerjanya belum ditandatangani" in page

    services.agreement_open(unit=units["LAHAT"], year=YEAR, by=None, signed_on=date(YEAR, 2, 1))
    assert services.peers_figure(unit, YEAR) == services.Peers(D(10), 1, 0, 1)
    assert _b1b(unit).answer == "A"  # the signed peer counts: 107.5% above its 10%


def test_the_suggestions_percentages_are_written_as_the_pages_write_them():
    """107,50% in Indonesian, as the agreement's page shows it (not 107.50%)."""
    from zona.performance.lke_rules import _percent

    with translation.override("id"):
        assert _percent(Decimal("107.5")) == "107,50%" and _percent(None) == "–"
    with translation.override("en"):
        assert _percent(Decimal("107.5")) == "107.50%"
