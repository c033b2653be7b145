"""The early-warning list as a spreadsheet: one line per unit, with its province and reasons."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from zona.lib.xlsx import xlsx_large_bytes
from zona.orgs.models import Unit

from .selectors import WarningRow


def warnings_xlsx(scope: Unit, today: date, rows: list[WarningRow]) -> bytes:
    """Written through the project's safe workbook: a unit's name or a reason is text, never a
    formula or a link."""

    def build(book) -> None:
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet("Peringatan dini")
        title = _("Early warning: units under %(unit)s on %(day)s") % {
            "unit": scope.name,
            "day": today.strftime("%d-%m-%Y"),
        }
        sheet.write_string(0, 0, title, bold)
        sheet.write_row(2, 0, [_("Code"), _("Unit"), _("Province"), _("Reasons"), _("Details")], bold)
        for number, row in enumerate(rows, start=3):
            sheet.write_row(
                number,
                0,
                [
                    row.unit.code,
                    row.unit.name,
                    row.province.name if row.province else "",
                    "; ".join(r.text for r in row.reasons),
                    "; ".join(f"{r.text}: {r.detail}" for r in row.reasons if r.detail),
                ],
            )

    return xlsx_large_bytes(build)
