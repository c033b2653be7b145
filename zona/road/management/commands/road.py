import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.lke.gates import assessment_named
from zona.road.forecast_json import assessment_forecast, forecast_print


class Command(BaseCommand):
    help = (
        "The road to WBK: `forecast --unit CODE --year N [--format json]` (the forecast at the "
        "proposal deadline in three scenarios, each with its WBK/WBBM gates and the questions that "
        "move and why)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        found = sub.add_parser("forecast", help="the three scenarios, with their gates")
        found.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        found.add_argument("--year", type=int, required=True)
        found.add_argument("--format", choices=["text", "json"], default="text")
        found.add_argument("--today", help="the day the forecast is made (YYYY-MM-DD; default: today)")

    def handle(self, *args, **options):
        assessment = assessment_named(options["unit"], options["year"])
        today = timezone.localdate()
        if options["today"]:
            try:
                today = timezone.datetime.fromisoformat(options["today"]).date()
            except ValueError as exc:
                raise CommandError(_("--today takes a date as YYYY-MM-DD")) from exc
        data = assessment_forecast(assessment, today=today)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            forecast_print(self.stdout, data)
