"""How `zona lke gates` prints (text or JSON): every WBK/WBBM gate with its value, threshold and
margin, for the assessment of a unit and year."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from .gates import assessment_gates, assessment_named, gates_json


def gates_print(out, options) -> None:
    assessment = assessment_named(options["unit"], options["year"])
    unit = assessment.unit
    data = {"unit": unit.code, "year": assessment.year, **gates_json(assessment_gates(assessment))}
    if options["format"] == "json":
        out.write(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out.write(f"{unit.name} · {assessment.year} · {data['level']} · total {data['total']:.2f}")
    for name, predicate in data["predicates"].items():
        out.write(f"{name}: {_('eligible') if predicate['eligible'] else _('not yet eligible')}")
        for g in predicate["gates"]:
            mark = "x" if g["passed"] else " "
            if g["margin"] is None:
                shown = g["note"] or (_("yes") if g["value"] else _("no"))
                out.write(f"  [{mark}] {g['name']}: {shown}")
            else:
                value, threshold, margin = g["value"], g["threshold"], g["margin"]
                out.write(f"  [{mark}] {g['name']}: {value:.2f} / {threshold:.2f} ({margin:+.2f})")
            if not g["passed"] and not g["by_answers"]:
                out.write(f"      {g['why_fixed']}")
