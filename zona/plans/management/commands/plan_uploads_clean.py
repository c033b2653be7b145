"""`zona plan_uploads_clean`: delete the plan files uploaded for a web import that was never
confirmed, once expired (a day after the upload). The daily job does the same."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from zona.plans.uploads import uploads_clean


class Command(BaseCommand):
    help = "Delete expired plan files left by web imports that were never confirmed."

    def handle(self, *args, **options):
        removed = uploads_clean()
        self.stdout.write(_("%(n)s expired upload files deleted") % {"n": removed})
