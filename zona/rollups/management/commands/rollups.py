import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.orgs.models import Unit
from zona.rollups.services import rebuild


class Command(BaseCommand):
    help = (
        "The national pages' summaries: `rebuild [--unit CODE]` recomputes every unit's (or one unit's) "
        "from the records, the case figures included."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        again = sub.add_parser("rebuild", help="recompute the summaries from the records")
        again.add_argument("--unit", help="unit code, e.g. SUMSEL (default: every unit)")

    def handle(self, *args, action: str, unit: str | None = None, **options):
        found = None
        if unit:
            found = Unit.objects.filter(code__iexact=unit).first()
            if found is None:
                raise CommandError(_("No unit with the code %(code)s.") % {"code": unit})
        start = time.perf_counter()
        count = rebuild(found)
        self.stdout.write(
            _("Summaries rebuilt for %(count)d units in %(seconds).1f s.")
            % {"count": count, "seconds": time.perf_counter() - start}
        )
