from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from zona.lib.reminders import daily_senders
from zona.monev.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Send today's reminders (steps due or overdue, findings past due, and those other apps offer: "
        "evidence about to expire). Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="as if today were DATE (YYYY-MM-DD)")
        parser.add_argument("--days", type=int, help="steps due within this many days (default: setting)")

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        count = reminders_send(today=today, days=options["days"])
        self.stdout.write(f"{count} new reminder(s)")
        for name, sender in daily_senders().items():
            self.stdout.write(f"{name}: {sender(today=today)} new reminder(s)")
