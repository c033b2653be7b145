"""The files the portal renders: the open statistics as CSV (one value a line, every text cell
written as text, never a formula; a withheld value an empty cell)."""

from __future__ import annotations

import csv
import io

from zona.lib.tabular import csv_text

from .opendata import period_values

CSV_HEADER = ("unit_code", "unit_name", "period", "topic", "figure", "label", "value")


def csv_rows(scope: dict, data: dict):
    for period in data["periods"]:
        for topic, figure, label, value in period_values(period):
            yield scope["code"], scope["name"], period["period"], topic, figure, label, value
    for survey in data.get("surveys", []):
        if "service" in survey:
            period = f"{survey['period_start']}/{survey['period_end']}"
            for figure in ("ikm", "respondents", "sample_needed", "below_sample"):
                yield scope["code"], scope["name"], period, "ikm", figure, survey["service"], survey[figure]
        else:
            for figure in ("surveys", "respondents"):
                yield scope["code"], scope["name"], str(survey["year"]), "ikm", figure, "", survey[figure]


def csv_text_of(blocks: list[tuple[dict, dict]]) -> str:
    """The CSV of (scope, figures) blocks: a header, then one value a line; a withheld value is
    an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for scope, data in blocks:
        for row in csv_rows(scope, data):
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_text(value)
