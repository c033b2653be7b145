"""Load a unit tree from a JSON data file (parents listed before their children)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from .models import Unit
from .services import unit_save

KPU_UNITS = Path(__file__).parent / "data" / "units_kpu.json"


@transaction.atomic
def units_load(path: Path = KPU_UNITS) -> int:
    """Create or update every unit in the file; returns how many it holds. Idempotent."""
    rows = json.loads(path.read_text("utf-8"))["units"]
    by_code: dict[str, Unit] = {u.code: u for u in Unit.objects.all()}
    for row in rows:
        unit = by_code.get(row["code"]) or Unit(code=row["code"])
        unit.name = row["name"]
        unit.level = row["level"]
        unit.slug = unit.slug or row["code"].lower()
        unit.parent = by_code[row["parent"]] if row["parent"] else None
        by_code[row["code"]] = unit_save(unit=unit)
    return len(rows)
