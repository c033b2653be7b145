"""`zona risk-level LIKELIHOOD IMPACT [--matrix NAME] [--format json]`: the level and band a
matrix gives; `zona risk-level --list` names the matrices."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from zona.risks.matrix import MatrixError, scheme


class Command(BaseCommand):
    help = "The risk level and band of a likelihood and an impact (1–5) in a risk-level matrix."

    def add_arguments(self, parser):
        parser.add_argument("likelihood", nargs="?", type=int)
        parser.add_argument("impact", nargs="?", type=int)
        parser.add_argument("--matrix", help="the matrix's name (default: the default matrix)")
        parser.add_argument("--list", action="store_true", help="list the matrices")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        s = scheme()
        as_json = options["format"] == "json"
        if options["list"]:
            found = [{"name": m.name, "label": m.label, "default": m.default} for m in s.matrices.values()]
            if as_json:
                self.stdout.write(json.dumps(found, ensure_ascii=False))
            else:
                for m in found:
                    self.stdout.write(f"{m['name']}{' (default)' if m['default'] else ''}: {m['label']}")
            return
        if options["likelihood"] is None or options["impact"] is None:
            raise CommandError("give LIKELIHOOD and IMPACT (1–5), or --list")
        try:
            matrix = s.matrix(options["matrix"])
            level = matrix.level(options["likelihood"], options["impact"])
        except MatrixError as exc:
            raise CommandError(str(exc)) from exc
        band = s.band(level)
        if as_json:
            self.stdout.write(
                json.dumps({"level": level, "band": band.label, "matrix": matrix.name}, ensure_ascii=False)
            )
        else:
            self.stdout.write(f"{level} ({band.label}) — {matrix.label}")
