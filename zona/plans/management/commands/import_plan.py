import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.orgs.models import Unit
from zona.plans.importers import PlanFileError, read_plan
from zona.plans.services import plan_import


class Command(BaseCommand):
    help = "Import a ZI work plan (decree as Markdown/text, DOCX, XLSX or CSV) for a unit."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        parser.add_argument("--year", type=int, help="plan year (default: from the decree)")
        parser.add_argument("--dry-run", action="store_true", help="read and check only; save nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace this year's draft plan (only if it has no evidence)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("can't read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from exc
        unit = None
        if not options["dry_run"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(_("unknown unit code: %(code)s") % {"code": options["unit"]})
        try:
            parsed = read_plan(data, path.name, default_year=options["year"])
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
                )
        except PlanFileError as exc:
            raise CommandError("\n".join(str(p) for p in exc.problems)) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
            return
        counts = parsed.counts()
        summary = (
            _(
                "%(areas)s areas, %(components)s components, %(indicators)s indicators, "
                "%(actions)s action steps"
            )
            % counts
        )
        if unit is None:
            self.stdout.write(_("Checked (nothing saved): %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(
                _("Imported plan %(plan)s (id %(id)s): %(summary)s")
                % {"plan": plan, "id": plan.pk, "summary": summary}
            )
