"""`zona national-dataset [--units 4000] [--cases 100000] [--responses 1000000]`: a national data
set for load and speed measurement (bench/national.py), on an empty database (PostgreSQL for the
full size): units, full plans with evidence, four closed monev cycles each, a scored LKE each,
complaints and one survey's responses. Never on a production database."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from zona.ops import national
from zona.orgs.models import Unit
from zona.plans.models import Plan
from zona.rollups.services import deferred, rebuild


class Command(BaseCommand):
    help = "Build a national data set for benchmarks (an empty database only)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=4000)
        parser.add_argument("--evidence", type=int, default=100_000)
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--responses", type=int, default=1_000_000)

    def handle(self, *args, **options):
        if Plan.objects.exists():
            raise CommandError("the database holds plans: build the data set on an empty database")
        started = time.perf_counter()

        def step(what: str):
            self.stdout.write(f"{time.perf_counter() - started:6.0f} s  {what}")

        with deferred():  # the summaries rebuilt once at the end, not unit by unit
            units = national.make_units(options["units"])
            step(f"{len(units)} units")
            national.make_plans(units, evidence=options["evidence"])
            step(f"{Plan.objects.count()} plans, {options['evidence']} evidence records")
            national.close_four_cycles(list(Plan.objects.all()))
            step("4 closed monev cycles per plan")
            national.make_assessments(units, 2023)
            step("a scored LKE self-assessment per unit")
            heavy = Unit.objects.get(code="SUMSEL")
            national.make_cases(units, options["cases"], 2023, heavy=heavy)
            step(f"{options['cases']} complaints (in {heavy.code}, whose register the export bench reads)")
            national.make_responses(heavy, options["responses"], by=None)
            step(f"{options['responses']} survey responses")
        count = rebuild()
        step(f"the national pages' summaries of {count} units rebuilt")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        step("done")
