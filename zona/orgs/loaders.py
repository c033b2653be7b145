"""Load a unit tree: the bundled KPU tree (JSON), or an agency's own hierarchy from a CSV/XLSX
with the columns code, name, level, parent (Indonesian names too: kode, nama, tingkat, induk).
Rows are checked together — codes, levels, parents that exist in the file or already in Zona,
no unit its own ancestor — and saved all or nothing; a unit already in Zona is updated."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from zona.lib.errors import RuleError
from zona.lib.records import FieldSpec, RecordsError, read_records
from zona.lib.text import fold

from .models import Level, Unit
from .services import unit_save

KPU_UNITS = Path(__file__).parent / "data" / "units_kpu.json"
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
LEVELS = {
    "national": Level.NATIONAL, "nasional": Level.NATIONAL, "pusat": Level.NATIONAL,
    "province": Level.PROVINCE, "provinsi": Level.PROVINCE,
    "regency": Level.REGENCY, "kabupaten": Level.REGENCY, "kota": Level.REGENCY,
    "kabupatenkota": Level.REGENCY, "regencycity": Level.REGENCY,
    "office": Level.OFFICE, "satker": Level.OFFICE, "unitkerja": Level.OFFICE, "workunit": Level.OFFICE,
}  # fmt: skip


class UnitsFileError(RuleError, ValueError):
    """The problems (one a line) are for the user; still a ValueError for callers that catch one."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems), problems)


def _fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            "code", "code", required=True, max_length=40, synonyms=("kode", "kode unit", "kode satker")
        ),
        FieldSpec(
            "name", "name", required=True, max_length=200, synonyms=("nama", "nama unit", "nama satker")
        ),
        FieldSpec("level", "level", required=True, max_length=40, synonyms=("tingkat", "jenjang")),
        FieldSpec("parent", "parent", max_length=40, synonyms=("induk", "kode induk", "parent code")),
    ]


def rows_from_file(data: bytes) -> list[dict]:
    """The rows of a CSV/XLSX unit file, each {code, name, level, parent, row}."""
    try:
        records = read_records(data, _fields(), limit=50_000)
    except RecordsError as exc:
        raise UnitsFileError(exc.problems) from exc
    rows, problems = [], []
    for record in records:
        v = record.values
        level = LEVELS.get(fold(v["level"]))
        if level is None:
            problems.append(
                _("row %(row)s: the level “%(level)s” is not national, province, regency or office")
                % {"row": record.row, "level": v["level"]}
            )
        rows.append({"code": v["code"], "name": v["name"], "level": level, "parent": v["parent"] or None,
                     "row": record.row})  # fmt: skip
    if problems:
        raise UnitsFileError(problems)
    return rows


def _ordered(rows: list[dict]) -> list[dict]:
    """Parents before their children; problems for unknown parents, bad codes and cycles."""
    problems = []
    by_code: dict[str, dict] = {}
    for row in rows:
        where = _("row %(row)s") % {"row": row.get("row", "?")}
        if not CODE.match(row["code"]):
            problems.append(_("%(where)s: the code “%(code)s” may hold letters, digits, - and _ only")
                            % {"where": where, "code": row["code"]})  # fmt: skip
        if row["code"] in by_code:
            problems.append(_("%(where)s: the code %(code)s twice") % {"where": where, "code": row["code"]})
        by_code[row["code"]] = row
    existing = set(Unit.objects.values_list("code", flat=True))
    for row in rows:
        parent = row["parent"]
        if parent and parent not in by_code and parent not in existing:
            problems.append(_("row %(row)s: the parent %(parent)s is neither in the file nor in Zona")
                            % {"row": row.get("row", "?"), "parent": parent})  # fmt: skip
    if problems:
        raise UnitsFileError(problems)
    ordered, placed, visiting = [], set(), set()

    def place(code: str) -> None:
        if code in placed or code not in by_code:
            return
        if code in visiting:
            raise UnitsFileError([_("the unit %(code)s is its own ancestor") % {"code": code}])
        visiting.add(code)
        if by_code[code]["parent"]:
            place(by_code[code]["parent"])
        visiting.discard(code)
        placed.add(code)
        ordered.append(by_code[code])

    for row in rows:
        place(row["code"])
    return ordered


@transaction.atomic
def units_load_rows(rows: list[dict]) -> tuple[int, int]:
    """Create or update the units of the rows; returns (created, updated). All or nothing."""
    by_code: dict[str, Unit] = {u.code: u for u in Unit.objects.all()}
    created = updated = 0
    for row in _ordered(rows):
        unit = by_code.get(row["code"])
        if unit is None:
            unit, created = Unit(code=row["code"]), created + 1
        else:
            updated += 1
        unit.name, unit.level = row["name"], row["level"]
        unit.slug = unit.slug or row["code"].lower()
        unit.parent = by_code[row["parent"]] if row["parent"] else None
        if unit.parent is not None and unit.pk and unit.parent.path.startswith(unit.path or "\0"):
            raise UnitsFileError([_("the unit %(code)s would sit under itself") % {"code": unit.code}])
        by_code[row["code"]] = unit_save(unit=unit)
    return created, updated


def units_load(path: Path = KPU_UNITS) -> int:
    """Create or update every unit of a JSON tree file; returns how many it holds. Idempotent."""
    rows = json.loads(path.read_text("utf-8"))["units"]
    units_load_rows(rows)
    return len(rows)
