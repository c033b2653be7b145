"""The open statistics as rows: the page's tables (figure by figure, the year and its quarters)
and the CSV (one value a line, every text cell written as text, never a formula)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zona.lib.tabular import csv_text

TOPICS = (
    ("complaints", gettext_lazy("Complaints")),
    ("requests", gettext_lazy("Information requests (PPID)")),
    ("objections", gettext_lazy("Objections (keberatan)")),
)
FIGURES = {
    "received": gettext_lazy("received"),
    "finished": gettext_lazy("finished"),
    "on_time": gettext_lazy("finished on time"),
    "on_time_percent": gettext_lazy("finished on time (%)"),
    "median_working_days": gettext_lazy("median working days to finish"),
    "extended": gettext_lazy("extended"),
    "refused": gettext_lazy("refused"),
    "answered": gettext_lazy("answered"),
}
LISTS = {"refusal_grounds": gettext_lazy("refused on the ground"), "outcomes": gettext_lazy("outcome")}
CSV_HEADER = ("unit_code", "unit_name", "period", "topic", "figure", "label", "value")


def period_values(period: dict):
    """(topic, figure, label, value) for each figure of one period."""
    for topic, _title in TOPICS:
        for figure, value in period[topic].items():
            if figure in LISTS:
                for item in value:
                    yield topic, figure, item["label"], item["count"]
            else:
                yield topic, figure, "", value


def tables(periods: list[dict]) -> list[dict]:
    """Per year: its topics, each with rows (label, [year, Q1..Q4 values]) for the page."""
    years = []
    for year in sorted({p["year"] for p in periods}, reverse=True):
        columns = [p for p in periods if p["year"] == year]  # the year, then its quarters
        topics = []
        for topic, title in TOPICS:
            rows: dict[tuple[str, str], list] = {}
            for index, period in enumerate(columns):
                for t, figure, label, value in period_values(period):
                    if t == topic:
                        rows.setdefault((figure, label), [0] * len(columns))[index] = value
            topics.append({"title": title, "rows": [_row_label(f, lab, v) for (f, lab), v in rows.items()]})
        years.append({"year": year, "topics": topics})
    return years


def _row_label(figure: str, label: str, values: list) -> dict:
    name = f"{LISTS[figure]}: {label}" if figure in LISTS else str(FIGURES[figure])
    return {"label": name, "values": values}


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


def withheld_note(minimum: int) -> str:
    text = _(
        "A count from 1 to %(n)s is withheld (shown as —), and so is a percentage or "
        "a median computed from it."
    )
    return text % {"n": minimum - 1}
