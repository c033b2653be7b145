"""The working-day calendar against shared/domain.md sections 9 and 3.1."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from zona.workdays.calendar import DAY_OFF, WORKING_DAY, Calendar, national_days_off
from zona.workdays.services import add_working_days, explain, override_set, working_days_between

CAL = Calendar()

# domain.md 9: cuti bersama per the holidays package (government category), 2023–2027
CUTI_BERSAMA = {
    2023: ["01-23", "03-23", "04-19", "04-20", "04-21", "04-24", "04-25", "06-02", "06-28", "06-30", "12-26"],
    2024: ["02-09", "03-12", "04-08", "04-09", "04-12", "04-15", "05-10", "05-24", "06-18", "12-26"],
    2025: ["01-28", "03-28", "04-02", "04-03", "04-04", "04-07", "05-13", "05-30", "06-09", "08-18", "12-26"],
    2026: ["02-16", "03-18", "03-20", "03-23", "03-24", "05-15", "05-28", "12-24"],
    2027: ["02-05", "03-09", "03-12", "03-15", "03-25", "05-18", "05-19", "12-24"],
}
PUBLIC_HOLIDAYS = {2023: 16, 2024: 19, 2025: 17, 2026: 17, 2027: 18}


@pytest.mark.parametrize("year", sorted(CUTI_BERSAMA))
def test_cuti_bersama_of_domain_md_9_are_days_off(year):
    days = national_days_off(year)
    cuti = sorted(d.strftime("%m-%d") for d, name in days.items() if name.startswith("Cuti Bersama"))
    assert cuti == CUTI_BERSAMA[year]
    for text in CUTI_BERSAMA[year]:
        assert not CAL.is_working_day(date.fromisoformat(f"{year}-{text}"))


@pytest.mark.parametrize(("year", "count"), sorted(PUBLIC_HOLIDAYS.items()))
def test_public_holiday_counts_of_domain_md_9(year, count):
    public = [d for d, name in national_days_off(year).items() if not name.startswith("Cuti Bersama")]
    assert len(public) == count


def test_named_2023_holidays():
    assert not CAL.is_working_day(date(2023, 2, 18))  # Isra Mi'raj (a Saturday anyway)
    assert CAL.why_off(date(2023, 3, 22)).startswith("Hari Suci Nyepi")
    assert CAL.why_off(date(2023, 6, 29)) == "Hari Raya Idul Adha"
    assert CAL.why_off(date(2024, 2, 14)) is not None  # Pemilu 2024


@pytest.mark.parametrize(
    ("start", "n", "deadline"),
    [
        (date(2023, 5, 11), 10, date(2023, 5, 26)),  # the seed's decree date: skips 18 May (Kenaikan)
        (date(2023, 4, 18), 1, date(2023, 4, 26)),  # Idul Fitri 2023: 19–25 April off
        (date(2023, 4, 14), 10, date(2023, 5, 8)),  # 17, 18, 26, 27, 28 April, 2–5 and 8 May
        (date(2026, 12, 23), 1, date(2026, 12, 28)),  # 24 cuti bersama, 25 Natal, weekend
        (date(2026, 12, 30), 3, date(2027, 1, 6)),  # year end: 1 Jan, and Isra Mi'raj on 5 Jan 2027
        (date(2026, 3, 17), 1, date(2026, 3, 25)),  # Nyepi + Idul Fitri 2026
        (date(2023, 5, 13), 1, date(2023, 5, 15)),  # received on Saturday: Monday is day 1
        (date(2023, 5, 11), 0, date(2023, 5, 11)),
    ],
)
def test_worked_deadlines(start, n, deadline):
    assert CAL.add(start, n) == deadline
    assert CAL.between(start, deadline) == n


def test_ppid_ten_plus_seven_is_seventeen_working_days():
    # domain.md 3.1: written notice within 10 hari kerja, extension by at most 7 (17 in all)
    received = date(2024, 4, 1)
    notice = CAL.add(received, 10)
    assert CAL.add(notice, 7) == CAL.add(received, 17)
    assert notice == date(2024, 4, 23)  # 8–15 April 2024: Idul Fitri and cuti bersama


def test_overrides_add_and_cancel_days_off():
    extra = Calendar({date(2023, 5, 12): (DAY_OFF, "HUT Kota Palembang")})
    assert extra.add(date(2023, 5, 11), 1) == date(2023, 5, 15)
    assert extra.why_off(date(2023, 5, 12)) == "HUT Kota Palembang"
    cancelled = Calendar({date(2023, 5, 18): (WORKING_DAY, "Libur dibatalkan")})
    assert cancelled.is_working_day(date(2023, 5, 18))
    assert cancelled.add(date(2023, 5, 11), 10) == date(2023, 5, 25)


@pytest.mark.django_db
def test_services_read_admin_overrides_and_explain(cast):
    assert add_working_days(date(2023, 5, 11), 10) == date(2023, 5, 26)
    override_set(day=date(2023, 5, 19), kind=DAY_OFF, reason="Cuti bersama daerah", by=cast["admin"])
    assert add_working_days(date(2023, 5, 11), 10) == date(2023, 5, 29)
    assert working_days_between(date(2023, 5, 11), date(2023, 5, 29)) == 10
    text = explain(date(2023, 5, 11), 10)
    assert "10 hari kerja dari 11-05-2023" in text and "18-05 (Kenaikan Yesus Kristus)" in text
    assert "19-05 (Cuti bersama daerah)" in text and text.endswith("29-05-2023")


@pytest.mark.django_db
def test_cli(capsys):
    call_command("workdays", "add", "2023-05-11", "10")
    assert capsys.readouterr().out.strip() == "2023-05-26"
    call_command("workdays", "between", "2023-05-11", "2023-05-26")
    assert capsys.readouterr().out.strip() == "10"


DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 1))


@given(start=DAYS, n=st.integers(0, 60))
def test_adding_n_then_counting_back_gives_n(start, n):
    end = CAL.add(start, n)
    assert CAL.between(start, end) == n
    assert CAL.between(end, start) == -n


@given(start=DAYS, n=st.integers(1, 60))
def test_a_deadline_is_never_a_day_off_and_grows_with_n(start, n):
    end = CAL.add(start, n)
    assert CAL.is_working_day(end)
    assert end > start and CAL.add(start, n + 1) > end
    assert end - start >= timedelta(days=n)


# Deadlines past the holiday data: the pinned holidays release carries the SKB 3 Menteri's cuti
# bersama up to 2027 (domain.md 9); a later date is an estimate ("perkiraan") everywhere.
def test_the_last_year_with_confirmed_cuti_bersama_is_2027():
    from zona.workdays.calendar import last_confirmed_year

    assert last_confirmed_year() == max(CUTI_BERSAMA)


@given(st.dates(min_value=date(2023, 1, 1), max_value=date(2099, 12, 31)))
def test_a_date_is_estimated_exactly_past_the_confirmed_year(day):
    from zona.workdays.calendar import is_estimated

    assert is_estimated(day) == (day.year > 2027)


@pytest.mark.django_db
def test_an_estimated_deadline_says_so_in_its_explanation_and_its_export_text():
    from zona.workdays.services import deadline_text

    assert "perkiraan" in explain(date(2027, 12, 20), 10)  # ends in January 2028
    assert "perkiraan" not in explain(date(2027, 11, 1), 10)
    assert deadline_text(date(2028, 1, 4)) == "04-01-2028 (perkiraan)"
    assert deadline_text(date(2027, 12, 31)) == "31-12-2027"
    assert deadline_text(None) == ""
