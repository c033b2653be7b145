import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.orgs.models import Unit
from zona.plans.models import PlanSnapshot


class Command(BaseCommand):
    help = "List the snapshots kept of a unit's plans when an import replaced them (newest first)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. SUMSEL")
        parser.add_argument("--year", type=int, help="only the snapshots of this plan year")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("unknown unit code: %(code)s") % {"code": options["unit"]})
        snapshots = PlanSnapshot.objects.filter(unit=unit).select_related("taken_by")
        if options["year"]:
            snapshots = snapshots.filter(year=options["year"])
        rows = [
            {
                "id": s.pk,
                "year": s.year,
                "taken_at": timezone.localtime(s.taken_at).isoformat(timespec="seconds"),
                "taken_by": s.taken_by.get_username() if s.taken_by else s.taken_by_name,
                "reason": s.get_reason_display(),
                "title": s.title,
                "counts": s.counts,
            }
            for s in snapshots
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No plan snapshots for %(unit)s.") % {"unit": unit.code})
            return
        for row in rows:
            self.stdout.write(
                _(
                    "#%(id)s  %(year)s  %(taken_at)s  %(taken_by)s  %(reason)s  %(indicators)s indicators, "
                    "%(actions)s action steps  %(title)s"
                )
                % {**row, "taken_by": row["taken_by"] or "-", **row["counts"]}
            )
