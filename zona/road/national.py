"""For the province or the nation: the units below, each with its gates in the three scenarios
of the forecast, sortable and exportable (XLSX, exporters.py, through the background exports).

The table reads each assessment's last forecast (ForecastSnapshot), kept fresh by the worker
(snapshots.py: after a change that moves it, every night, and on an officer's request), each row
with the time it was computed: a page of the table costs the same queries for four units or
4,000 (the order is computed in the database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import FloatField
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from zona.lke.models import Assessment
from zona.orgs.models import Unit

from .forecast import SCENARIOS

SORTS = ("name", "today", "on_time", "on_schedule")


@dataclass
class Row:
    unit: Unit
    assessment_id: int
    computed_at: datetime | None
    summary: dict

    def scenario(self, key: str) -> dict:
        return self.summary.get(key) or {}

    @property
    def cells(self) -> list[dict]:
        """Per scenario: total, WBK and WBBM passed, the WBK gates failed (None: not computed)."""
        out = []
        for key in SCENARIOS:
            data = self.scenario(key)
            out.append(
                {
                    "key": key,
                    "total": data.get("total"),
                    "wbk": (data.get("wbk") or {}).get("eligible"),
                    "wbbm": (data.get("wbbm") or {}).get("eligible"),
                    "failing": (data.get("wbk") or {}).get("failing", []),
                }
            )
        return out


def national_order(unit: Unit, year: int, *, sort: str = "name", descending: bool = False):
    """The ids of the year's assessments of the units below `unit`, in the table's order: by unit,
    or by a scenario's total (read from the stored forecast in the database; not yet computed
    last). A page of them is one query, whatever the number of units."""
    found = Assessment.objects.filter(unit__path__startswith=unit.path, year=year).exclude(unit=unit)
    if sort in SCENARIOS:
        scenario = KeyTransform(sort, "forecast_snapshot__summary")
        total = Cast(KeyTextTransform("total", scenario), FloatField())
        order = total.desc(nulls_last=True) if descending else total.asc(nulls_last=True)
        found = found.order_by(order, "unit__path")
    else:
        found = found.order_by("-unit__path" if descending else "unit__path")
    return found.values_list("pk", flat=True)


def rows_of(ids: list[int]) -> list[Row]:
    """The rows of these assessments, in the order given, each with its last forecast (one query)."""
    assessments = Assessment.objects.filter(pk__in=ids).select_related("unit", "forecast_snapshot")
    assessments = assessments.defer("scores", "options")
    by_id = {a.pk: a for a in assessments}
    rows = []
    for pk in ids:
        snapshot = getattr(by_id[pk], "forecast_snapshot", None)
        rows.append(
            Row(
                by_id[pk].unit,
                pk,
                snapshot.computed_at if snapshot else None,
                snapshot.summary if snapshot else {},
            )
        )
    return rows


def national_rows(unit: Unit, year: int, *, sort: str = "name", descending: bool = False) -> list[Row]:
    """Every row of the table, in its order (the export's; two queries)."""
    return rows_of(list(national_order(unit, year, sort=sort, descending=descending)))


def scenario_names() -> dict[str, str]:
    return {
        "today": _("As it stands today"),
        "on_time": _("Every linked step lands on time"),
        "on_schedule": _("Only the steps on schedule land"),
    }
