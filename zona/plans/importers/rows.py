"""The row type every reader produces and every builder consumes, and what the importer says
when a file holds no rows to build from. Its own module, so the readers (`read`) and the
builders (`table`, `questions`) share it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class Row:
    where: str
    cells: list[str]
    fragment_start: bool = False  # first data row of a table fragment (after a page break)


def no_table_message() -> str:
    return _(
        "no work-plan table found: a header row with INDIKATOR and LANGKAH AKSI (or RENCANA AKSI / "
        "KEGIATAN), or a KODE and INDIKATOR / PERTANYAAN, is needed. Download the template and copy "
        "the plan into it"
    )


def prose_message() -> str:
    return _(
        "this document has text but no table: a plan written as prose can't be imported. Download "
        "the template and copy the plan into it, one row per indicator"
    )
