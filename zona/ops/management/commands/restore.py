"""`zona restore FILE.tar.gz [--force]`: load a backup into an empty, migrated instance and check
every record count and file hash against the backup's manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zona.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `zona backup` into an empty instance, and check it."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true", help="load even if the instance holds data")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = restore(path, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        records = sum(result["counts"].values())
        self.stdout.write(f"restored and checked: {records} records, {result['files']} files")
