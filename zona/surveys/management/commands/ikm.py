import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.lib.readers import ReadError, file_bytes
from zona.surveys.ikm import EXACT, PRINTED, Tally, compute
from zona.surveys.respondents import RespondentsError, read

KEYS = [f"U{n}" for n in range(1, 10)]


class Command(BaseCommand):
    help = (
        "The IKM of a CSV or XLSX of SKM questionnaires (one row per respondent, columns U1…U9): "
        "NRR per unsur, IKM (25–100) and mutu (PermenPAN-RB 14/2017)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--weight", choices=["exact", "0.111"], default="exact", help="1/9, or 0.111 as printed"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            respondents = read(file_bytes(path), path.name, KEYS)
        except (OSError, ReadError) as exc:
            raise CommandError(str(exc)) from exc
        except RespondentsError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        result = compute(
            Tally.of((r.answers for r in respondents), 9), PRINTED if options["weight"] == "0.111" else EXACT
        )
        nrr = [None if v is None else float(round(v, 4)) for v in result.nrr]
        if options["format"] == "json":
            report = {
                "ikm": None if result.converted is None else float(result.converted),
                "mutu": result.mutu or None,
                "respondents": result.respondents,
                "nrr": nrr,
            }
            self.stdout.write(json.dumps(report))
            return
        self.stdout.write(f"{'unsur':<6}{'NRR':>8}")
        for key, value in zip(KEYS, nrr, strict=True):
            self.stdout.write(f"{key:<6}{'-' if value is None else f'{value:.4f}':>8}")
        self.stdout.write(_("respondents: %(n)s") % {"n": result.respondents})
        self.stdout.write(
            f"IKM: {result.converted if result.converted is not None else '-'}  mutu: {result.mutu or '-'}"
        )
