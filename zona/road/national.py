"""For the province or the nation: the units below, each with its gates in the three scenarios
of the forecast, sortable and exportable (XLSX, through the background exports).

The table reads each assessment's last forecast (ForecastSnapshot), refreshed when the unit's
forecast page is opened and every night (`forecasts_refresh`): one query for the rows, whatever
the number of units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
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


def national_rows(unit: Unit, year: int, *, sort: str = "name", descending: bool = False) -> list[Row]:
    """The assessments of the year of the units below `unit`, each with its last forecast (one
    query); sorted by unit or by a scenario's total (units not yet computed last)."""
    assessments = (
        Assessment.objects.filter(unit__path__startswith=unit.path, year=year)
        .exclude(unit=unit)
        .select_related("unit", "forecast_snapshot")
        .defer("scores", "options")
    )
    rows = []
    for assessment in assessments:
        snapshot = getattr(assessment, "forecast_snapshot", None)
        rows.append(
            Row(
                assessment.unit,
                assessment.pk,
                snapshot.computed_at if snapshot else None,
                snapshot.summary if snapshot else {},
            )
        )
    if sort in SCENARIOS:
        known = [r for r in rows if r.scenario(sort).get("total") is not None]
        unknown = [r for r in rows if r.scenario(sort).get("total") is None]
        known.sort(key=lambda r: r.scenario(sort)["total"], reverse=descending)
        return known + sorted(unknown, key=lambda r: r.unit.path)
    rows.sort(key=lambda r: r.unit.path, reverse=descending)
    return rows


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
