import getpass
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.wbs.archive import archive_open
from zona.wbs.errors import WbsError
from zona.wbs.keys import escrow_create, escrow_reseal
from zona.wbs.retention import wbs_daily


class Command(BaseCommand):
    help = (
        "The WBS: `escrow-create` (a new escrow key: its private half printed once, to keep offline), "
        "`escrow-reseal KEYFILE` (seal reports for holders who lost their key), `open-archive FILE OUT` "
        "(decrypt an exported report), `daily [--date D]` (reminders, retention)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("escrow-create")
        reseal = sub.add_parser("escrow-reseal")
        reseal.add_argument(
            "keyfile", help="a file holding the escrow private key (hex), e.g. on a USB stick"
        )
        archive = sub.add_parser("open-archive")
        archive.add_argument("file")
        archive.add_argument("out", help="where to write the ZIP")
        archive.add_argument("--passphrase-file", help="read the passphrase from a file instead of asking")
        daily = sub.add_parser("daily")
        daily.add_argument("--date", type=date.fromisoformat)

    def handle(self, *args, **options):
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except WbsError as exc:
            raise CommandError(str(exc)) from exc

    def _escrow_create(self, options):
        private = escrow_create()
        self.stdout.write(_("Escrow key made. Its private half, shown only now:"))
        self.stdout.write(private.hex())
        self.stdout.write(
            _(
                "Print it or write it to a USB stick, keep it in a safe away from the server, and delete "
                "it from this screen. Reports from now on are sealed to it too."
            )
        )

    def _escrow_reseal(self, options):
        try:
            raw = bytes.fromhex(Path(options["keyfile"]).read_text().strip())
        except (OSError, ValueError) as exc:
            raise CommandError(
                _("can't read the escrow key from %(file)s") % {"file": options["keyfile"]}
            ) from exc
        count = escrow_reseal(raw)
        self.stdout.write(_("%(n)s report keys sealed for holders who lacked them.") % {"n": count})

    def _open_archive(self, options):
        if options["passphrase_file"]:
            passphrase = Path(options["passphrase_file"]).read_text().strip()
        elif sys.stdin.isatty():
            passphrase = getpass.getpass(_("Passphrase: "))
        else:
            passphrase = sys.stdin.readline().strip()
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        Path(options["out"]).write_bytes(archive_open(data, passphrase))
        self.stdout.write(_("Written: %(file)s") % {"file": options["out"]})

    def _daily(self, options):
        result = wbs_daily(today=options["date"] or timezone.localdate())
        self.stdout.write(_("%(reminded)s reminders, %(deleted)s reports deleted") % result)
