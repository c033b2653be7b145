"""The SOP register's daily job (Huey): reviews falling due or overdue are reminded, once."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import sop_reminders


@db_periodic_task(crontab(hour="6", minute="50"))
def sop_reminders_task() -> int:
    return sop_reminders(today=timezone.localdate())
