"""`zona reform-figures --unit CODE --year N [--format json]`: each Reform figure Zona computes
for the unit and year, with its inputs, the value of the LKE's formula and where it comes from."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.lke.figures import figures
from zona.orgs.models import Unit


class Command(BaseCommand):
    help = "The Reform figures computed from the unit's registers, with their inputs."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"no unit with code {options['unit']}")
        if not 2000 <= options["year"] <= 2100:
            raise CommandError("the year must be between 2000 and 2100")
        found = figures(unit, options["year"])
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {"unit": unit.code, "year": options["year"], "figures": [f.as_json() for f in found]},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(f"{unit.name} · {options['year']}")
        for figure in found:
            data = figure.as_json()
            value = f"{data['percent']:.2f}%" if data["percent"] is not None else (figure.answer or "–")
            self.stdout.write(f"\n{figure.ref}  {figure.question[:90]}\n  = {value}")
            for _key, label, number in figure.inputs:
                self.stdout.write(f"  {label}: {number}")
            note = figure.inputs_note()
            if note:
                self.stdout.write(f"  {note}")
            self.stdout.write(f"  {figure.records or _('no records in Zona: answer it in the LKE')}")
            if figure.function:
                self.stdout.write(f"  {_('rule')}: {figure.rule}")
                self.stdout.write(f"  {_('source')}: {figure.source}")
            if figure.problem:
                self.stdout.write(f"  ! {figure.problem}")
