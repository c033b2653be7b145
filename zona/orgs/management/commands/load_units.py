"""`zona load-units FILE [--dry-run]`: load or update an agency's unit hierarchy from a CSV/XLSX
(columns code, name, level, parent); `zona load-units --kpu` loads the bundled KPU tree
(KPU RI, the 38 provinces, the regencies/cities of Sumatera Selatan) without any demo data."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from zona.lib.readers import ReadError, file_bytes
from zona.orgs.loaders import UnitsFileError, rows_from_file, units_load, units_load_rows


class Dry(Exception):
    pass


class Command(BaseCommand):
    help = "Load or update the unit hierarchy from a CSV/XLSX (code, name, level, parent)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")
        parser.add_argument("--kpu", action="store_true", help="the bundled KPU tree")
        parser.add_argument("--dry-run", action="store_true", help="check only; save nothing")

    def handle(self, *args, **options):
        if options["kpu"]:
            self.stdout.write(_("%(count)s units in the KPU tree loaded.") % {"count": units_load()})
            return
        if not options["file"]:
            raise CommandError(_("give FILE (CSV or XLSX with code, name, level, parent) or --kpu"))
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("%(path)s: no such file") % {"path": path})
        try:
            rows = rows_from_file(file_bytes(path))
            with transaction.atomic():
                created, updated = units_load_rows(rows)
                if options["dry_run"]:
                    raise Dry
        except ReadError as exc:
            raise CommandError(_("nothing was loaded:") + f"\n{exc}") from exc
        except UnitsFileError as exc:
            raise CommandError(_("nothing was loaded:") + "\n" + "\n".join(exc.problems)) from exc
        except Dry:
            self.stdout.write(
                _("dry run: %(count)s rows are valid; nothing was saved.") % {"count": len(rows)}
            )
            return
        self.stdout.write(
            _("%(created)s units created, %(updated)s updated.") % {"created": created, "updated": updated}
        )
