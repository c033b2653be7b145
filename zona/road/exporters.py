"""The road's exports: the national table as a spreadsheet (the background export
`road.national`, export_kinds.py). What a unit typed (its name) goes in as data through the
export helpers, never as a formula."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from zona.lib.xlsx import xlsx_large_bytes
from zona.orgs.models import Unit

from .forecast import SCENARIOS
from .national import Row, scenario_names


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
