import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.lib.readers import ReadError, file_bytes
from zona.lke.explain_print import explain_print
from zona.lke.gates_print import gates_print
from zona.lke.instrument import InstrumentError, load, resolve
from zona.lke.models import Assessment
from zona.lke.scoring import AnswerError, as_json, rounded, score
from zona.lke.selectors import sheet_result
from zona.lke.services import AssessmentError, assessment_create, sheet_import
from zona.lke.sheet import SheetError, read_sheet
from zona.orgs.models import Unit

UNANSWERED_SHOWN = 20  # the questions without an answer named on the command line; the rest counted


class Command(BaseCommand):
    help = (
        "The LKE: `validate FILE`; `score ANSWERS [--instrument X] --format json` (a `ref,answer` list or "
        "a filled LKE sheet); `import SHEET --unit CODE --year N [--dry-run]` (a filled sheet or a "
        "`ref,answer` list into the unit's self-assessment); `explain --unit CODE --year N "
        "[--format json]` (every derived answer "
        "with its inputs, rule and source, and the answers the unit typed itself); `gates --unit CODE "
        "--year N [--format json]` (every WBK/WBBM gate with its value, threshold and margin)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        validate = sub.add_parser("validate", help="check an instrument file")
        validate.add_argument("file")
        importer = sub.add_parser(
            "import", help="import a filled LKE sheet or a ref,answer list (XLSX/CSV) as a self-assessment"
        )
        importer.add_argument("file")
        importer.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        importer.add_argument("--year", type=int, required=True)
        importer.add_argument("--dry-run", action="store_true", help="read and score only; save nothing")
        importer.add_argument("--format", choices=["text", "json"], default="text")
        explainer = sub.add_parser(
            "explain", help="every derived answer with its inputs, rule and source; the answers typed by hand"
        )
        explainer.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        explainer.add_argument("--year", type=int, required=True)
        explainer.add_argument("--format", choices=["text", "json"], default="text")
        gates = sub.add_parser("gates", help="every WBK/WBBM gate with its value, threshold and margin")
        gates.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        gates.add_argument("--year", type=int, required=True)
        gates.add_argument("--format", choices=["text", "json"], default="text")
        scorer = sub.add_parser(
            "score", help="score answers (a ref,answer CSV or a filled LKE sheet) without a database"
        )
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
        if options["action"] == "import":
            self._import(options)
            return
        if options["action"] == "explain":
            explain_print(self.stdout, options)
            return
        if options["action"] == "gates":
            gates_print(self.stdout, options)
            return
        try:
            instrument = resolve(options["instrument"])
            answers = self._answers(Path(options["answers"]), instrument)
            chosen = dict(item.split("=", 1) for item in options["option"] if "=" in item)
            result = score(instrument, answers, options=chosen, prior=set(options["prior"]))
        except (InstrumentError, SheetError) as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        except (AnswerError, OSError, ReadError) as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
            return
        self._result(result)

    @staticmethod
    def _answers(path: Path, instrument):
        """A `ref,answer` list or a filled LKE sheet (read_sheet takes both); a row not read
        refuses the file."""
        sheet = read_sheet(file_bytes(path), path.name, instrument)
        if sheet.problems:
            raise SheetError([str(p) for p in sheet.problems])
        return sheet.answers

    def _import(self, options) -> None:
        path = Path(options["file"])
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("unknown unit code: %(code)s") % {"code": options["unit"]})
        assessment = Assessment.objects.filter(unit=unit, year=options["year"]).first()
        try:
            instrument = resolve(assessment.instrument_urn if assessment else None)
            sheet = read_sheet(file_bytes(path), path.name, instrument)
        except (InstrumentError, SheetError) as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        except (OSError, ReadError) as exc:
            raise CommandError(str(exc)) from exc
        # the score once saved: over the assessment's own answers, or the sheet alone
        result = sheet_result(assessment, sheet.answers) if assessment else score(instrument, sheet.answers)
        saved = None
        if not options["dry_run"]:
            try:
                if assessment is None:
                    assessment = assessment_create(unit=unit, year=options["year"], by=None)
                saved = sheet_import(
                    assessment=assessment, values=sheet.values(), notes=sheet.notes, source=path.name, by=None
                )
            except AssessmentError as exc:
                raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            report = {
                "unit": unit.code,
                "year": options["year"],
                "saved": saved,
                "columns": sheet.columns,
                "answers": sheet.values(),
                "rows": sheet.rows,
                "normalised": [
                    {"row": n.row, "written": n.value, "read": n.problem} for n in sheet.normalised
                ],
                "not_imported": [
                    {"row": n.row, "value": n.value, "problem": n.problem} for n in sheet.problems
                ],
                "ignored": [{"row": n.row, "text": n.value, "reason": n.problem} for n in sheet.ignored],
                "unanswered": sheet.unanswered,
                "missing": sheet.missing,
                "score": as_json(result),
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for note in sheet.problems:
            self.stderr.write(_("not imported: %(row)s") % {"row": note})
        for note in sheet.normalised:
            self.stdout.write(f"  {note}")
        summary = _("%(n)s answers read, %(m)s rows not imported, %(k)s questions without an answer") % {
            "n": len(sheet.answers),
            "m": len(sheet.problems),
            "k": len(sheet.unanswered) + len(sheet.missing),
        }
        without = [*sheet.unanswered, *sheet.missing]
        if without:
            summary += "\n" + _("questions without an answer: %(refs)s") % {
                "refs": ", ".join(without[:UNANSWERED_SHOWN])
            }
            if len(without) > UNANSWERED_SHOWN:
                summary += " " + _("(and %(n)s more)") % {"n": len(without) - UNANSWERED_SHOWN}
        if saved is None:
            self.stdout.write(_("Checked (nothing saved): %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(
                _("Imported into the LKE %(unit)s %(year)s: %(summary)s")
                % {"unit": unit.code, "year": options["year"], "summary": summary}
            )
        self._result(result)

    def _result(self, result) -> None:
        self.stdout.write(f"total {rounded(result.total)}")
        for name, predicate in result.predicates.items():
            self.stdout.write(f"{name}: {'eligible' if predicate.eligible else 'not eligible'}")
            for c in predicate.criteria:
                value = c.value if isinstance(c.value, bool) else rounded(c.value)
                threshold = c.threshold if isinstance(c.threshold, bool) else rounded(c.threshold)
                self.stdout.write(f"  [{'x' if c.passed else ' '}] {c.name}: {value} / {threshold}")
