"""`zona createadmin USERNAME --unit CODE [--email E]`: the first administrator of a real
installation — a person with the unit admin role over the unit and every unit below it. The
password is asked for (or read from ZONA_ADMIN_PASSWORD); two-factor sign-in is set up at the
first sign-in."""

from __future__ import annotations

import os
from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import ValidationError, validate_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zona.orgs.models import Role, Unit
from zona.orgs.services import role_grant


class Command(BaseCommand):
    help = "Create the first unit administrator (admin role over the unit and the units below it)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--unit", required=True, help="unit code, e.g. RI")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="the person's name")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"no unit {options['unit']}: load the units first (zona load-units)")
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"the user {options['username']} exists already")
        password = os.environ.get("ZONA_ADMIN_PASSWORD") or getpass("Password: ")
        user = User(username=options["username"], email=options["email"], first_name=options["name"])
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            user.set_password(password)
            user.save()
            role_grant(user=user, unit=unit, role=Role.ADMIN, include_descendants=True)
        self.stdout.write(
            f"{user.username} is the unit admin of {unit.name} and the units below it; "
            "two-factor sign-in is set up at the first sign-in."
        )
