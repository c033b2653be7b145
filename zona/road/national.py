"""For the province or the nation: the units below, each with its gates in the three scenarios
of the forecast, sortable and exportable (XLSX, through the background exports).

The table reads each assessment's last forecast (ForecastSnapshot), refreshed when the unit's
forecast page is opened and every night (`forecasts_refresh`): a page of the table costs the same
queries for four units or 4,000 (the order is computed in the database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import FloatField
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.lib.xlsx import xlsx_large_bytes
from zona.lke.models import Assessment
from zona.lke.services import instrument_of
from zona.orgs.models import Unit

from .calendar import calendar_for, calendars_for
from .forecast import SCENARIOS, Forecast, forecast, summary
from .models import ForecastSnapshot

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


def forecast_refresh(assessment: Assessment, *, today: date) -> Forecast:
    """The assessment's forecast now, kept for the national table."""
    deadline = calendar_for(assessment.unit, assessment.year).proposal_deadline
    result = forecast(assessment, instrument_of(assessment), today=today, deadline=deadline)
    ForecastSnapshot.objects.update_or_create(
        assessment=assessment, defaults={"computed_at": timezone.now(), "summary": summary(result)}
    )
    return result


def forecasts_refresh(*, today: date, year: int | None = None) -> int:
    """Every assessment of the year (this year by default) computed again: the nightly job."""
    year = year or today.year
    assessments = list(Assessment.objects.filter(year=year).select_related("unit"))
    calendars = calendars_for([a.unit for a in assessments], year)
    now = timezone.now()
    for assessment in assessments:
        deadline = calendars[assessment.unit_id].proposal_deadline
        result = forecast(assessment, instrument_of(assessment), today=today, deadline=deadline)
        with transaction.atomic():
            ForecastSnapshot.objects.update_or_create(
                assessment=assessment, defaults={"computed_at": now, "summary": summary(result)}
            )
    return len(assessments)


def scenario_names() -> dict[str, str]:
    return {
        "today": _("As it stands today"),
        "on_time": _("Every linked step lands on time"),
        "on_schedule": _("Only the steps on schedule land"),
    }


def _yes_no(value) -> str:
    return "" if value is None else (_("passes") if value else _("fails"))


def national_xlsx(unit: Unit, year: int, rows: list[Row]) -> bytes:
    """The table as a spreadsheet: one line per unit, per scenario its total, WBK, WBBM and the
    WBK gates it fails."""
    names = scenario_names()

    def build(book) -> None:
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet("Jalan WBK")
        sheet.write(
            0,
            0,
            _("Forecast at the proposal date: %(unit)s %(year)s") % {"unit": unit.name, "year": year},
            bold,
        )
        head = [_("Code"), _("Unit")]
        total, failing = _("total"), _("failing gates")
        for key in SCENARIOS:
            head += [
                f"{names[key]}: {total}",
                f"{names[key]}: WBK",
                f"{names[key]}: WBBM",
                f"{names[key]}: {failing}",
            ]
        head.append(_("Computed at"))
        sheet.write_row(2, 0, head, bold)
        for number, row in enumerate(rows, start=3):
            values: list = [row.unit.code, row.unit.name]
            for cell in row.cells:
                values += [
                    cell["total"] if cell["total"] is not None else "",
                    _yes_no(cell["wbk"]),
                    _yes_no(cell["wbbm"]),
                    "; ".join(cell["failing"]),
                ]
            values.append(
                timezone.localtime(row.computed_at).strftime("%d-%m-%Y %H:%M") if row.computed_at else ""
            )
            sheet.write_row(number, 0, values)

    return xlsx_large_bytes(build)
