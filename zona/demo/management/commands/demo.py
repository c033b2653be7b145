"""`zona demo`: the KPU unit tree, demo people with roles, the seed decree's plan and a unit's
year in every module. Each subject's data is loaded by its module in zona/demo/; this command
only runs them in order and prints the logins."""

import secrets

from django.core.management.base import BaseCommand
from django.db import transaction

from zona.demo import answered, integrity, lke, monev, people, plan, portal, registers, surveys
from zona.orgs.loaders import units_load


class Command(BaseCommand):
    help = "Load demo data: KPU units, demo users (new passwords printed), the seed plan."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="one password for every demo user (default: random)")

    @transaction.atomic
    def handle(self, *args, **options):
        count = units_load()
        password = options["password"] or secrets.token_urlsafe(9)
        cast, logins = people.load(password)
        sumsel_plan = plan.load(cast)
        if not sumsel_plan.cycles.exists():
            monev.load(sumsel_plan, cast)
        plan.load_palembang(cast)
        sumsel = sumsel_plan.unit
        portal.load(sumsel)
        passphrase, receipt = integrity.load(sumsel, cast, password)
        surveys.load(sumsel, sumsel_plan, cast)
        registers.load(sumsel, sumsel_plan, cast)
        answered.load(sumsel, sumsel_plan, cast)
        lke.load(sumsel, sumsel_plan, cast)
        self.stdout.write(f"Units: {count}. Plan: {sumsel_plan} ({sumsel_plan.get_status_display()}).")
        self.stdout.write(f"Demo logins (password for all: {password}):")
        for username, what in logins:
            self.stdout.write(f"  {username:<14} {what}")
        self.stdout.write(
            "Unit admins, superusers and the WBS and UPG people set up two-factor sign-in "
            "at their first sign-in."
        )
        self.stdout.write(f"WBS key passphrase of penerima.wbs and kustodian.wbs: {passphrase}")
        if receipt:
            self.stdout.write(f"Receipt code of the demo WBS report (at /wbs/lacak/): {receipt}")
