"""Numbers that regulations (or Zona's own choices) set are read from versioned data files, each
with its source, never repeated in code: the "more than half" of the LKE's coverage scale, the
training hours (PP 17/2020 Pasal 203 ayat (4)), the SOP review period (no regulation names one),
the PPID report date (Perki 1/2021 Ps 56) and staleness period (UU 14/2008 Ps 9(4)), the Hasil
weight (PermenPAN-RB 90/2021, read from the instrument)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from zona.lke.instrument import resolve
from zona.lke.suggestions import is_most, most_share, share_answer
from zona.ppid.models import rule
from zona.ppid.report import report_due
from zona.registers.reform import training_hours
from zona.sops.services import review_period


def test_most_is_more_than_half_from_the_data_file():
    assert most_share() == Fraction(1, 2)
    assert not is_most(2, 4) and is_most(3, 5) and not is_most(0, 0)


@given(st.integers(0, 60), st.integers(0, 60))
def test_the_coverage_scale_never_rewards_fewer(part, whole):
    part = min(part, whole)
    assert share_answer(part, whole) >= share_answer(min(part + 1, whole), whole)
    assert (share_answer(part, whole) == "B") == (
        part < whole and Fraction(part, max(whole, 1)) > most_share()
    )


def test_training_hours_are_pp_17_2020s_twenty():
    assert training_hours() == 20


def test_the_sop_period_is_a_setting_not_the_lkes_rule():
    years, source = review_period()
    assert years == 3 and "No regulation names a period" in source


def test_ppid_dates_come_from_the_data_file():
    """Perki 1/2021 Ps 56: the report on a year by 31 March of the next; UU 14/2008 Ps 9(4):
    periodic information at least every 6 months."""
    assert report_due(2025) == date(2026, 3, 31)
    assert rule("periodic_update_months") == 6
    assert (rule("annual_report_reminder_month"), rule("annual_report_reminder_day")) == (3, 1)


def test_the_hasil_weights_are_the_instruments():
    instrument = resolve(None)
    assert instrument.weight_of("B.1.a") + instrument.weight_of("B.1.b") == instrument.nodes["B.1"].weight
