"""`zona open-stats refresh [--date YYYY-MM-DD]`: the day's open statistics of every unit and of
the nation, computed again (run daily, e.g. from cron after `zona cases-daily`)."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from zona.portal.open_stats import refresh


class Command(BaseCommand):
    help = "Compute the open statistics of every unit and of the nation for today (or --date)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh"])
        parser.add_argument("--date", type=date.fromisoformat, help="as if today were DATE (YYYY-MM-DD)")

    def handle(self, *args, **options):
        count = refresh(options["date"] or timezone.localdate())
        self.stdout.write(f"open statistics refreshed: {count}")
