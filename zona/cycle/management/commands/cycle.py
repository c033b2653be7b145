import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.cycle.services import cycle_open, teams_parse
from zona.evaluation.rules import tiers
from zona.lib.errors import RuleError
from zona.orgs.models import Unit


class Command(BaseCommand):
    help = (
        "The national evaluation cycle: `open --year N --under CODE [--tpi-team NAME=user[:tier],...] "
        "--by USERNAME [--format json]` opens the year for the unit and every unit below it (a "
        "self-assessment where missing, the TPI teams assigned in tree order)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        opener = sub.add_parser("open", help="open the year's evaluation for many units at once")
        opener.add_argument("--year", type=int, required=True)
        opener.add_argument("--under", required=True, help="unit code: this unit and every unit below it")
        opener.add_argument(
            "--tpi-team",
            action="append",
            default=[],
            metavar="NAME=USER[:TIER],...",
            help=(
                "a TPI team (repeatable): its name, then its members' usernames, each with the "
                f"tier it is seated in ({', '.join(t.code for t in tiers())}), "
                "e.g. 'Tim A=ani:anggota,budi:ketua'"
            ),
        )
        opener.add_argument(
            "--by", required=True, help="the account that opens (it needs the right on the unit)"
        )
        opener.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        under = Unit.objects.filter(code=options["under"]).first()
        by = get_user_model().objects.filter(username=options["by"], is_active=True).first()
        if under is None or by is None:
            raise CommandError(_("Unknown unit or account."))
        try:
            teams = teams_parse(options["tpi_team"], year=options["year"], by=by)
            opened = cycle_open(year=options["year"], under=under, teams=teams, by=by)
        except RuleError as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps({"unit": under.code, "year": options["year"], **opened.__dict__}))
            return
        self.stdout.write(
            _("%(unit)s %(year)s: %(entries)s opened, %(assessments)s new LKE, %(skipped)s already open")
            % {"unit": under.code, "year": options["year"], **opened.__dict__}
        )
