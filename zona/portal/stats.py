"""The open statistics: what a unit's complaints, information requests, keberatan and published
surveys add up to per year and quarter, and the same per province for the national page. Pure
counting over the anonymous rows the case modules' and the surveys' figures modules give
(zona.cases.figures); a count under the minimum is withheld (None), and so is a percentage or a
median computed from it (data/open_statistics.yaml)."""

from __future__ import annotations

import statistics as pystats
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from zona.cases.figures import Answered, Handled
from zona.lib.yamlfile import load_yaml

RULES_FILE = Path(__file__).parent / "data" / "open_statistics.yaml"


@cache
def rules() -> dict:
    return load_yaml(RULES_FILE)


def minimum_shown() -> int:
    return int(rules()["minimum_count_shown"])


def license_info() -> dict:
    return dict(rules()["license"])


def shown(count: int) -> int | None:
    """The count, or None when it is under the minimum (0 is shown: it points to nobody)."""
    return count if count == 0 or count >= minimum_shown() else None


def percent(part: int, whole: int) -> float | None:
    """part / whole in %, 1 decimal; None without a whole or when either count is withheld."""
    if not whole or shown(part) is None or shown(whole) is None:
        return None
    return round(100 * part / whole, 1)


def median(values: list[int]) -> float | None:
    """The median, None when there are fewer values than the minimum (or none)."""
    if not values or shown(len(values)) is None:
        return None
    return float(pystats.median(values))


def label_counts(labels: Iterable[str]) -> list[dict]:
    """Each label with its count (withheld when small), in the labels' order."""
    return [{"label": label, "count": shown(n)} for label, n in sorted(Counter(labels).items())]


def case_block(rows: list[Handled], *, extensions: bool = False, grounds: bool = False) -> dict:
    finished = [r for r in rows if r.days is not None]
    on_time = sum(1 for r in finished if r.on_time)
    refused = [r for r in rows if r.refused]
    block = {
        "received": shown(len(rows)),
        "finished": shown(len(finished)),
        "on_time": shown(on_time),
        "on_time_percent": percent(on_time, len(finished)),
        "median_working_days": median([r.days for r in finished]),
        "refused": shown(len(refused)),
    }
    if extensions:
        block["extended"] = shown(sum(1 for r in rows if r.extended))
    if grounds:
        block["refusal_grounds"] = label_counts(r.ground or _("not recorded") for r in refused)
    return block


def objection_block(rows: list[Answered]) -> dict:
    return {
        "received": shown(len(rows)),
        "answered": shown(sum(1 for r in rows if r.outcome)),
        "outcomes": label_counts(r.outcome or _("not yet answered") for r in rows),
    }


def _quarter(day) -> int:
    return (day.month - 1) // 3 + 1


def periods(complaints: list[Handled], requests: list[Handled], objections: list[Answered]) -> list[dict]:
    """Per year (newest first), the year's figures and then each quarter's; a case counts in the
    period it was received in."""
    years = sorted({r.received_on.year for r in (*complaints, *requests, *objections)}, reverse=True)
    found = []
    for year in years:
        for quarter in (None, 1, 2, 3, 4):

            def within(row, year=year, quarter=quarter) -> bool:
                return row.received_on.year == year and (
                    quarter is None or _quarter(row.received_on) == quarter
                )

            found.append(
                {
                    "period": f"{year}" if quarter is None else f"{year}-Q{quarter}",
                    "year": year,
                    "quarter": quarter,
                    "complaints": case_block([r for r in complaints if within(r)]),
                    "requests": case_block([r for r in requests if within(r)], extensions=True, grounds=True),
                    "objections": objection_block([r for r in objections if within(r)]),
                }
            )
    return found


def survey_rows(results) -> list[dict]:
    """Each published survey's index with its respondents; both withheld under the minimum."""
    rows = []
    for r in results:
        enough = shown(r.respondents) is not None and r.respondents > 0
        rows.append(
            {
                "service": r.service,
                "period_start": r.period_start.isoformat(),
                "period_end": r.period_end.isoformat(),
                "ikm": float(r.ikm) if enough and r.ikm is not None else None,
                "mutu": r.mutu if enough else "",
                "respondents": shown(r.respondents),
                "sample_needed": r.sample_needed,
                "below_sample": r.below_sample,
            }
        )
    return rows


def survey_years(results) -> list[dict]:
    """Per year of the period's end: the published surveys and their respondents (the national
    page's summary of a province)."""
    by_year: dict[int, list] = defaultdict(list)
    for r in results:
        by_year[r.period_end.year].append(r)
    return [
        {
            "year": year,
            "surveys": shown(len(found)),
            "respondents": shown(sum(r.respondents for r in found)),
        }
        for year, found in sorted(by_year.items(), reverse=True)
    ]
