import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.lib.readers import ReadError, file_bytes, read_scan
from zona.orgs.models import Unit
from zona.plans.importers import PlanFileError, Problem, read_plan
from zona.plans.importers.layout import MappingNeeded
from zona.plans.importers.recognise import KINDS, LayoutUncertain
from zona.plans.importers.scan import ScanNeedsOcr
from zona.plans.services import plan_import, replaced_note
from zona.plans.snapshots import command_user


def _mapping(items: list[str]) -> dict[str, str]:
    """field → column(s) from the `--map FIELD=COLUMN` options: a field given several times
    (`--map evidence=Output --map evidence=Dokumen`) is read from all its columns, joined as
    "Output + Dokumen" (which may also be given at once)."""
    columns: dict[str, list[str]] = {}
    for item in items:
        field, _sep, column = item.partition("=")
        if not column.strip():
            raise CommandError(_("--map takes FIELD=COLUMN, e.g. indicator=Pertanyaan"))
        columns.setdefault(field.strip(), []).append(column.strip())
    return {field: " + ".join(names) for field, names in columns.items()}


def _not_recognised(exc: MappingNeeded) -> CommandError:
    """The columns not recognised, or the layout not clear (the candidates with the options
    that import each)."""
    if isinstance(exc, LayoutUncertain):
        return CommandError("\n".join(str(p) for p in exc.problems))
    return CommandError(
        _("the columns were not recognised: %(columns)s. Say which is which with --map: %(example)s")
        % {
            "columns": ", ".join(h for h in exc.headers if h),
            "example": f'--map indicator="{next((h for h in exc.headers if h), "…")}"',
        }
    )


class Command(BaseCommand):
    help = (
        "Import a ZI work plan (DOCX, XLSX, CSV, PDF with a text layer or scanned (read by OCR), or a "
        "decree as Markdown/text) for a unit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        parser.add_argument("--year", type=int, help="plan year (default: from the decree)")
        parser.add_argument("--dry-run", action="store_true", help="read and check only; save nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="which column holds a field when the headers are not recognised, e.g. "
            "--map indicator=Pertanyaan --map actions=Tindakan (fields: indicator, actions, evidence, "
            "target, pic, code, item, area, subarea, part, no, component, measures, year)",
        )
        parser.add_argument(
            "--layout",
            choices=KINDS,
            help="read the file in this layout when it is not clear from its content: decree (NO, KOMPONEN, "
            "INDIKATOR, … under area headings), lke_code (a KODE LKE per row) or lke_text (the LKE "
            "question's area, sub-area and text)",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace this year's draft plan, keeping a snapshot of it (refused when it has monev "
            "history, findings, meetings or evidence)",
        )

    def _read(self, data: bytes, name: str, year: int | None, mapping: dict | None, layout: str | None):
        """The plan; a scanned PDF is read by OCR here, its pages counted on stderr."""
        try:
            return read_plan(data, name, default_year=year, mapping=mapping, layout_name=layout)
        except ScanNeedsOcr:
            pass

        def progress(done: int, total: int) -> None:
            self.stderr.write(_("OCR: page %(done)s of %(total)s read") % {"done": done, "total": total})

        try:
            scanned = read_scan(data, progress)
        except ReadError as exc:
            raise PlanFileError([Problem("", str(exc))]) from exc
        return read_plan(data, name, default_year=year, mapping=mapping, scanned=scanned, layout_name=layout)

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = file_bytes(path)
        except OSError as exc:
            raise CommandError(
                _("can't read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from exc
        except ReadError as exc:
            raise CommandError(str(exc)) from exc
        unit = None
        if not options["dry_run"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(_("unknown unit code: %(code)s") % {"code": options["unit"]})
        mapping = _mapping(options["map"])
        try:
            parsed = self._read(data, path.name, options["year"], mapping or None, options["layout"])
            if parsed.year_conflict and not options["year"]:
                raise CommandError(
                    _("the title names %(title)s and the rows %(rows)s: confirm the plan's year with --year")
                    % parsed.year_conflict
                )
            if options["year"]:
                parsed.year = options["year"]
            if unit is not None:
                plan = plan_import(
                    parsed=parsed,
                    unit=unit,
                    by=None,
                    year=options["year"],
                    source_name=path.name,
                    replace=options["replace"],
                    by_name=command_user("import-plan"),
                )
        except MappingNeeded as exc:
            raise _not_recognised(exc) from exc
        except PlanFileError as exc:
            raise CommandError("\n".join(str(p) for p in exc.problems)) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
            return
        summary = self._summary(parsed)
        if unit is None:
            self.stdout.write(_("Checked (nothing saved): %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(
                _("Imported plan %(plan)s (id %(id)s): %(summary)s")
                % {"plan": plan, "id": plan.pk, "summary": summary}
            )
            if note := replaced_note(plan):
                self.stdout.write(note)

    def _summary(self, parsed) -> str:
        """What was read, in a few lines; each row left out or skipped goes to the error stream."""
        counts = parsed.counts()
        summary = (
            _(
                "%(areas)s areas, %(components)s components, %(indicators)s indicators, "
                "%(actions)s action steps"
            )
            % counts
        )
        skipped = parsed.dropped()
        for flag in skipped:
            self.stderr.write(_("left out: %(flag)s") % {"flag": flag})
        for flag in parsed.rows.repeated:
            self.stderr.write(_("skipped: %(flag)s") % {"flag": flag})
        links = parsed.lke_links()
        summary += "; " + _("%(n)s linked to LKE questions, %(m)s rows left out, %(k)s notes") % {
            "n": links["linked"],
            "m": len(skipped),
            "k": len(parsed.flagged) - len(skipped),
        }
        summary += "\n" + parsed.row_summary()
        if parsed.other_sheets:
            summary += "\n" + _("sheet read: %(sheet)s; not read: %(others)s") % {
                "sheet": parsed.sheet,
                "others": ", ".join(parsed.other_sheets),
            }
        if parsed.doubtful:
            summary += "\n" + _("OCR read %(n)s cells with low confidence: check them") % {
                "n": len(parsed.doubtful)
            }
            summary += "".join(f"\n  {cell}" for cell in parsed.doubtful)
        return summary
