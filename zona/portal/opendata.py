"""The open statistics as rows: the figures of a period one by one (`period_values`, which the
CSV of exporters.py writes too) and the page's tables (figure by figure, the year and its
quarters)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


def withheld_note(minimum: int) -> str:
    text = _(
        "A count from 1 to %(n)s is withheld (shown as —), and so is a percentage or "
        "a median computed from it."
    )
    return text % {"n": minimum - 1}
