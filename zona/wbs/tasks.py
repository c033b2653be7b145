"""The WBS's daily job (Huey): deadline reminders, retention reminders and deletion."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .retention import wbs_daily


@db_periodic_task(crontab(hour="6", minute="40"))
def wbs_daily_task() -> dict[str, int]:
    return wbs_daily(today=timezone.localdate())
