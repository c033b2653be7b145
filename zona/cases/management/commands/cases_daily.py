from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from zona.cases.services import cases_daily


class Command(BaseCommand):
    help = (
        "Every case module's daily work (silent complaints closed, the PPID annual report reminded) "
        "and reminders to officers of overdue cases. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="as if today were DATE (YYYY-MM-DD)")

    def handle(self, *args, **options):
        done = cases_daily(today=options["date"] or timezone.localdate())
        self.stdout.write(", ".join(f"{kind}: {count}" for kind, count in done.items()))
