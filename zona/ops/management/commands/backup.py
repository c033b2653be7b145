"""`zona backup FILE.tar.gz`: the database (portable JSON) and every stored file, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand

from zona.ops.backup import backup_write


class Command(BaseCommand):
    help = "Back up the database and the file store into one archive (keep it encrypted)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        manifest = backup_write(Path(options["file"]))
        records = sum(manifest["counts"].values())
        self.stdout.write(f"{options['file']}: {records} records, {len(manifest['files'])} files")
