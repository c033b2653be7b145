from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.accounts.models import User
from zona.twofactor import services as twofactor


class Command(BaseCommand):
    help = "Reset a person's two-factor sign-in (lost phone and backup codes): they enrol again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(_("no such user: %(name)s") % {"name": options["username"]})
        twofactor.reset(user, by=None)
        self.stdout.write(_("Two-factor sign-in reset for %(name)s.") % {"name": user.username})
