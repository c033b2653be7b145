from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zona.plans.importers import PlanFileError
from zona.plans.models import PlanSnapshot
from zona.plans.snapshots import command_user, restore


class Command(BaseCommand):
    help = (
        "Put back a plan from a snapshot (see plan-snapshots). The unit's plan of that year, if any, "
        "is itself kept as a snapshot first, and the restore is refused when that would lose monev "
        "history, findings, meetings or evidence."
    )

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="the snapshot's number, as plan-snapshots lists it")

    def handle(self, *args, **options):
        snapshot = PlanSnapshot.objects.select_related("unit").filter(pk=options["id"]).first()
        if snapshot is None:
            raise CommandError(_("no plan snapshot #%(id)s") % {"id": options["id"]})
        try:
            plan = restore(snapshot, by=None, by_name=command_user("restore-plan-snapshot"))
        except PlanFileError as exc:
            raise CommandError("\n".join(str(p) for p in exc.problems)) from exc
        self.stdout.write(
            _("Restored plan %(plan)s (id %(id)s) from snapshot #%(snapshot)s.")
            % {"plan": plan, "id": plan.pk, "snapshot": snapshot.pk}
        )
