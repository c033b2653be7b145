"""Dates are written and read as Indonesians write them, dd/mm/yyyy (ISO accepted too)."""

import re
from datetime import date

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from zona.lib.forms import DateInput


class Form(forms.Form):
    day = forms.DateField(widget=DateInput())


def test_rendered_as_dd_mm_yyyy():
    html = str(Form(initial={"day": date(2026, 3, 9)})["day"])
    assert 'value="09/03/2026"' in html and 'placeholder="dd/mm/yyyy"' in html and 'type="text"' in html


def test_read_as_dd_mm_yyyy_or_iso():
    for text in ("09/03/2026", "9/3/2026", "2026-03-09"):
        form = Form({"day": text})
        assert form.is_valid(), text
        assert form.cleaned_data["day"] == date(2026, 3, 9)
    assert not Form({"day": "03/31/2026"}).is_valid()  # never month first


def test_a_phone_types_the_date_with_or_without_separators():
    """A phone's number pad has no slash: 31012023, 31-01-2023 and 31/01/2023 are one day."""
    for text in ("31012023", "31-01-2023", "31/01/2023"):
        form = Form({"day": text})
        assert form.is_valid(), text
        assert form.cleaned_data["day"] == date(2023, 1, 31)
    assert not Form({"day": "20230131"}).is_valid()  # eight digits are day, month, year


def test_the_browser_pattern_accepts_what_the_server_reads():
    import re

    from zona.lib.forms import DATE_PATTERN

    for text in ("31012023", "31-01-2023", "31/01/2023", "9/3/26", "2026-03-09"):
        assert re.fullmatch(DATE_PATTERN, text), text
    assert not re.fullmatch(DATE_PATTERN, "31.01")


def test_hand_written_date_fields_accept_what_a_phone_types_and_the_server_reads_it():
    """Every hand-written date field (placeholder dd/mm/yyyy) carries the one pattern that
    parse_date reads: a phone's number pad types 31012023 or 31-01-2023, never a slash."""
    import pathlib

    from zona.lib.records import DATE_FIELD_PATTERN

    root = pathlib.Path(__file__).resolve().parents[2]
    fields = [
        (path, tag)
        for path in root.glob("*/templates/**/*.html")
        for tag in re.findall(r"<input[^>]*dd/mm/yyyy[^>]*>", path.read_text())
    ]
    assert len(fields) >= 11
    for path, tag in fields:
        assert f'pattern="{DATE_FIELD_PATTERN}"' in tag, path


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_every_format_the_date_field_accepts_is_read_as_day_first(day):
    from zona.lib.records import DATE_FIELD_PATTERN, parse_date

    for text in (f"{day:%d%m%Y}", f"{day:%d-%m-%Y}", f"{day:%d/%m/%Y}", f"{day:%d.%m.%Y}", day.isoformat()):
        assert re.fullmatch(DATE_FIELD_PATTERN, text), text
        assert parse_date(text) == day, text
