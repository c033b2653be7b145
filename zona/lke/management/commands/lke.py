import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.lke.answers_csv import AnswersFileError, read_answers
from zona.lke.instrument import InstrumentError, load, resolve
from zona.lke.scoring import AnswerError, as_json, rounded, score


class Command(BaseCommand):
    help = "The LKE instrument: `validate FILE`, or `score ANSWERS.csv [--instrument X] --format json`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        validate = sub.add_parser("validate", help="check an instrument file")
        validate.add_argument("file")
        scorer = sub.add_parser("score", help="score a CSV of answers (ref,answer) without a database")
        scorer.add_argument("answers")
        scorer.add_argument("--instrument", help="a YAML file or a library URN (default: the newest)")
        scorer.add_argument("--format", choices=["text", "json"], default="text")
        scorer.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="an instrument option, e.g. per_area_minimum=separate",
        )
        scorer.add_argument(
            "--prior",
            action="append",
            default=[],
            metavar="PREDICATE",
            help="a predicate the unit already holds (e.g. WBK, for WBBM)",
        )

    def handle(self, *args, **options):
        if options["action"] == "validate":
            try:
                instrument = load(options["file"])
            except InstrumentError as exc:
                raise CommandError("\n".join(exc.problems)) from exc
            self.stdout.write(
                _("valid: %(urn)s, %(n)s questions, %(groups)s sub-components")
                % {"urn": instrument.urn, "n": len(instrument.questions), "groups": len(instrument.groups())}
            )
            return
        try:
            instrument = resolve(options["instrument"])
            text = Path(options["answers"]).read_text("utf-8-sig")
            answers = read_answers(text, instrument)
            chosen = dict(item.split("=", 1) for item in options["option"] if "=" in item)
            result = score(instrument, answers, options=chosen, prior=set(options["prior"]))
        except (InstrumentError, AnswersFileError) as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        except (AnswerError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"total {rounded(result.total)}")
        for name, predicate in result.predicates.items():
            self.stdout.write(f"{name}: {'eligible' if predicate.eligible else 'not eligible'}")
            for c in predicate.criteria:
                value = c.value if isinstance(c.value, bool) else rounded(c.value)
                threshold = c.threshold if isinstance(c.threshold, bool) else rounded(c.threshold)
                self.stdout.write(f"  [{'x' if c.passed else ' '}] {c.name}: {value} / {threshold}")
