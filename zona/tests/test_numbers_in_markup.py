"""Numbers inside markup (SVG sizes, CSS, data attributes, ARIA values) are read by the browser,
which knows only the dot: under the Indonesian locale Django writes 92.6 as "92,6", and a bar
with width "92,6" is not drawn. Every template that puts a template variable in such an
attribute is listed here and rendered under the Indonesian locale with fractional numbers; a new
template of that kind fails the census until it is rendered here too."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from zona.surveys import services
from zona.surveys.services import survey_close, survey_publish
from zona.surveys.tests.factories import DURING_Q1, answer, make_survey
from zona.surveys.tests.test_ikm import golden_rows

NUMERIC = (
    r"(?:width|height|x|y|cx|cy|r|x1|x2|y1|y2|points|d|transform|viewBox|style"
    r"|aria-value\w+|data-[\w-]+)"
)
VARIABLE_IN_ATTRIBUTE = re.compile(rf'\s{NUMERIC}="[^"]*\{{\{{[^"]*"')
RENDERED_ATTRIBUTE = re.compile(r'\s(width|height|x|y|aria-valuenow|data-cell)="([^"]*)"')
DOT_DECIMAL = re.compile(r"^-?\d+(\.\d+)?%?$|^\d+-\d+$")


def template_files() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR, "zona").glob("*/templates")]
    return sorted(path for root in roots for path in root.rglob("*.html"))


def _item(key: str) -> SimpleNamespace:
    return SimpleNamespace(key=key, name=f"Unsur {key}")


def _rows() -> list[dict]:
    return [
        {"item": _item("U1"), "nrr_shown": "3,70", "width": 92.6, "answered": 3},
        {"item": _item("U2"), "nrr_shown": "3,15", "width": Decimal("78.75"), "answered": 3},
    ]


def _survey() -> SimpleNamespace:
    return SimpleNamespace(
        title="SKM",
        service=SimpleNamespace(name="Loket"),
        unit=SimpleNamespace(name="Kanwil"),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        spec=SimpleNamespace(name="SKM 2017"),
    )


def _heat() -> list[list[dict]]:
    return [
        [
            {"likelihood": lk, "impact": im, "band": "low", "level": lk * im, "inherent": 1, "residual": 0}
            for im in range(1, 6)
        ]
        for lk in range(5, 0, -1)
    ]


RENDERS = {
    "surveys/_bars.html": lambda: {"rows": _rows(), "data": {"weakest": None}},
    "surveys/pdf_poster.html": lambda: {
        "rows": _rows(),
        "data": {"weakest": None, "result": {"converted": Decimal("91.48"), "mutu": "A", "respondents": 3}},
        "survey": _survey(),
        "skm": True,
        "follow_ups": [],
        "qr": "",
    },
    "risks/_heat.html": lambda: {"heat": _heat(), "which": "residual"},
    "evidence/_export_status.html": lambda: {
        "job": SimpleNamespace(pk=12345, finished=False, status="done", progress=62.5, fmt="xlsx", error=""),
        "unclaimed": 0,
    },
}


def test_every_template_with_a_variable_in_a_numeric_attribute_is_rendered_here():
    found = set()
    for path in template_files():
        if VARIABLE_IN_ATTRIBUTE.search(path.read_text(encoding="utf-8")):
            found.add(str(path).split("/templates/", 1)[1])
    assert found == set(RENDERS), "render the new template below under the Indonesian locale"


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_numbers_in_attributes_are_dot_decimal_under_the_indonesian_locale(name):
    with translation.override("id"):
        html = render_to_string(name, RENDERS[name]())
    values = [value for _, value in RENDERED_ATTRIBUTE.findall(html)]
    assert values
    wrong = [value for value in values if not DOT_DECIMAL.match(value)]
    assert not wrong, f"{name} writes {wrong}"


def test_the_public_results_bars_have_their_width(client, units, cast, monkeypatch):
    """The public results page of a published SKM: the bars carry the NRR share of the scale's
    maximum (3.6207 of 4 is 90.5 %), written with a dot."""
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    for row in golden_rows():
        answer(survey, row)
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 1))
    survey_close(survey=survey, by=cast["coordinator"])
    survey_publish(survey=survey, by=cast["coordinator"])
    with translation.override("id"):
        url = reverse("surveys_public:results", args=[units["SUMSEL"].slug, survey.token])
        html = client.get(url).content
    widths = re.findall(r'<rect x="0" y="0" width="([^"]+)" height="8" fill="#0d6efd"', html.decode())
    assert len(widths) == 9 and "90.5" in widths
    assert all(DOT_DECIMAL.match(width) for width in widths)
