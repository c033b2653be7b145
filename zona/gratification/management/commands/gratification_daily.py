from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.gratification.services import gratification_daily


class Command(BaseCommand):
    help = (
        "Gratification's daily job: reports KPK asked to complete lapse when not completed in time, "
        "the UPG is reminded (safe to run twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat)

    def handle(self, *args, **options):
        result = gratification_daily(today=options["date"] or timezone.localdate())
        self.stdout.write(_("%(expired)s reports lapsed, %(reminded)s reminders") % result)
