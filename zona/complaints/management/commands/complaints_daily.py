from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from zona.cases.services import cases_remind
from zona.complaints.services import complaints_autoclose


class Command(BaseCommand):
    help = (
        "Close complaints whose reporter stayed silent after the response; remind officers of overdue ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="as if today were DATE (YYYY-MM-DD)")

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        closed = complaints_autoclose(today=today)
        reminded = cases_remind(today=today)
        self.stdout.write(f"{closed} closed, {reminded} reminder(s)")
