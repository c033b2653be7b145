from datetime import date

from django.core.management.base import BaseCommand, CommandError

from zona.workdays.services import add_working_days, explain, working_days_between


def iso(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from exc


class Command(BaseCommand):
    help = "Working days: `add DATE N` prints the deadline, `between A B` the count (see docs/workdays.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="the N-th working day after DATE (DATE not counted)")
        add.add_argument("start")
        add.add_argument("n", type=int)
        add.add_argument("--explain", action="store_true", help="say which days were skipped")
        between = sub.add_parser("between", help="working days after A up to and including B")
        between.add_argument("a")
        between.add_argument("b")

    def handle(self, *args, **options):
        if options["action"] == "add":
            if options["n"] < 0:
                raise CommandError("N must not be negative")
            start = iso(options["start"])
            self.stdout.write(add_working_days(start, options["n"]).isoformat())
            if options["explain"]:
                self.stdout.write(explain(start, options["n"]))
        else:
            self.stdout.write(str(working_days_between(iso(options["a"]), iso(options["b"]))))
