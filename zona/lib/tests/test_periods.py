"""Target periods as the seed decree (SK 34/2023 KPU Sumsel, Lampiran II) writes them."""

import calendar
from datetime import date, timedelta

import pytest
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from zona.lib.periods import MONTHS, parse_period, period_before, period_containing, year_or_404


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # every form in the seed
        ("Maret- April 2023", date(2023, 3, 1), date(2023, 4, 30)),
        ("April – Mei 2023", date(2023, 4, 1), date(2023, 5, 31)),
        ("Februari 2023", date(2023, 2, 1), date(2023, 2, 28)),
        ("Januari 2023", date(2023, 1, 1), date(2023, 1, 31)),
        ("Januari - Mei 2023", date(2023, 1, 1), date(2023, 5, 31)),
        ("Januari – Desember 2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("Januari desember 2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("Mei 2022", date(2022, 5, 1), date(2022, 5, 31)),
        ("Desember 2022", date(2022, 12, 1), date(2022, 12, 31)),
        ("Januari – Maret 2023", date(2023, 1, 1), date(2023, 3, 31)),
        ("Januari-Desember 2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("Jan- Des 23", date(2023, 1, 1), date(2023, 12, 31)),
        ("Jan- Des 22", date(2022, 1, 1), date(2022, 12, 31)),
        ("Des-22", date(2022, 12, 1), date(2022, 12, 31)),
        ("Januari s.d. Desember 2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("Jan-April 2023", date(2023, 1, 1), date(2023, 4, 30)),
        # other common forms
        ("Januari s/d Maret 2024", date(2024, 1, 1), date(2024, 3, 31)),
        ("Februari 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("Des 2022 - Feb 2023", date(2022, 12, 1), date(2023, 2, 28)),
        ("Desember - Februari 2024", date(2023, 12, 1), date(2024, 2, 29)),
        ("Triwulan II 2023", date(2023, 4, 1), date(2023, 6, 30)),
        ("TW IV 2023", date(2023, 10, 1), date(2023, 12, 31)),
        ("Semester 1 2024", date(2024, 1, 1), date(2024, 6, 30)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("Agustus 2025", date(2025, 8, 1), date(2025, 8, 31)),
        ("Okt-Nov 2025", date(2025, 10, 1), date(2025, 11, 30)),
    ],
)
def test_periods_parse_to_dates(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.text == text


@pytest.mark.parametrize(
    "text",
    [
        "10 hari kerja",
        "",
        "setiap bulan",
        "Sesuai jadwal",
        "Maret 2023 dan 2024 lagi",
        "2023 Januari",
        "31 Maret 2023",
    ],
)
def test_text_that_is_not_a_period_keeps_its_text_and_has_no_dates(text):
    period = parse_period(text)
    assert period.start is None and period.end is None
    assert period.text == text


def test_months_without_a_year_take_the_default_year():
    assert parse_period("Januari").start is None
    period = parse_period("Januari - Maret", default_year=2023)
    assert (period.start, period.end) == (date(2023, 1, 1), date(2023, 3, 31))


NAMES = {number: [n for n, m in MONTHS.items() if m == number] for number in range(1, 13)}


@given(
    first=st.integers(1, 12),
    span=st.integers(0, 11),
    year=st.integers(2000, 2099),
    data=st.data(),
    dash=st.sampled_from(["-", " - ", "– ", " s.d. ", " s/d ", " sampai "]),
    short_year=st.booleans(),
)
def test_any_month_range_in_one_year_parses_to_its_first_and_last_day(
    first, span, year, data, dash, short_year
):
    last = min(12, first + span)
    a = data.draw(st.sampled_from(NAMES[first]))
    b = data.draw(st.sampled_from(NAMES[last]))
    year_text = f"{year % 100:02d}" if short_year else str(year)
    text = f"{a.title()}{dash}{b} {year_text}" if first != last else f"{a} {year_text}"
    period = parse_period(text)
    assert period.start == date(year, first, 1)
    assert period.end == date(year, last, calendar.monthrange(year, last)[1])
    assert period.start <= period.end


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from([1, 3, 6, 12]))
def test_the_period_holding_a_day_and_the_one_before(day, months):
    start, end = period_containing(day, months)
    assert start <= day <= end and start.day == 1 and (end + timedelta(days=1)).day == 1
    assert (start.month - 1) % months == 0
    assert (end.year - start.year) * 12 + end.month - start.month + 1 == months
    before = period_before(day, months)
    assert before[1] + timedelta(days=1) == start and period_containing(before[0], months) == before


def test_quarters_and_semesters():
    assert period_containing(date(2026, 11, 25)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert period_before(date(2026, 2, 1)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert period_containing(date(2024, 2, 29), 6) == (date(2024, 1, 1), date(2024, 6, 30))


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_a_year_from_a_url_is_kept_or_not_found(year):
    if 2000 <= year <= 2100:
        assert year_or_404(year) == year
    else:
        with pytest.raises(Http404):
            year_or_404(year)
