"""How `zona lke explain` prints (text or JSON)."""

from __future__ import annotations

import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from zona.orgs.models import Unit

from .explain import explain

STATUS = {"confirmed": "=", "differs": "≠", "unanswered": "?", "no_records": "·"}


def explain_print(out, options) -> None:
    unit = Unit.objects.filter(code=options["unit"]).first()
    if unit is None:
        raise CommandError(_("unknown unit code: %(code)s") % {"code": options["unit"]})
    if not 2000 <= options["year"] <= 2100:
        raise CommandError(_("Give a year between 2000 and 2100."))
    data = explain(unit, options["year"])
    if options["format"] == "json":
        out.write(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out.write(f"{unit.name} · {options['year']}")
    for d in data["derived"]:
        out.write(f"\n{d['ref']}  {d['question'][:90]}")
        typed = d["self_answer"] if d["self_answer"] is not None else "–"
        found = d["answer"] or "–"
        out.write(f"  {_('derived')}: {found}  {STATUS[d['status']]} {_('self-assessment')}: {typed}")
        for item in d["inputs"].values():
            out.write(f"  {item['label']}: {item['value']}")
        if d["inputs_note"]:
            out.write(f"  {d['inputs_note']}")
        out.write(f"  {_('rule')}: {d['rule']}")
        out.write(f"  {_('source')}: {d['source']}")
        if d["records"] or d["link"]:
            out.write(f"  {_('records')}: {d['records']}" + (f" ({d['link']})" if d["link"] else ""))
        out.write(f"  {_('function')}: {d['function']}")
    out.write(
        "\n" + _("Answers the unit typed itself (no rule derives them): %(n)s") % {"n": len(data["typed"])}
    )
    for t in data["typed"]:
        out.write(f"  {t['ref']}: {t['answer']}" + (f" — {t['justification']}" if t["justification"] else ""))
    out.write(
        "\n"
        + _("Neither derived nor answered (no rule derives them; the unit has not answered): %(n)s")
        % {"n": len(data["unanswered"])}
    )
    if data["unanswered"]:
        out.write("  " + ", ".join(data["unanswered"]))
