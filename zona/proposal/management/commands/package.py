from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.proposal.verify import package_verify


class Command(BaseCommand):
    help = (
        "The proposal package: `verify FILE` checks a package (ZIP) against its manifest.json: every "
        "file listed present with the same size and SHA-256, and no other file (exit 0: "
        '"OK, N files"; exit 1 naming every missing, extra or changed file).'
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="check a package against its manifest")
        verify.add_argument("file")

    def handle(self, *args, **options):
        verdict = package_verify(options["file"])
        if verdict.ok:
            self.stdout.write(_("OK, %(n)s files") % {"n": verdict.checked})
            return
        lines = [verdict.problem] if verdict.problem else []
        lines += [_("missing: %(path)s") % {"path": path} for path in verdict.missing]
        lines += [_("extra: %(path)s") % {"path": path} for path in verdict.extra]
        lines += [_("changed: %(path)s") % {"path": path} for path in verdict.changed]
        raise CommandError("\n".join(lines))
