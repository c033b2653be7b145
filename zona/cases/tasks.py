"""The case engine's daily job (Huey): every kind's own daily work, then the officers' reminders."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import cases_daily


@db_periodic_task(crontab(hour="6", minute="30"))
def cases_daily_task() -> dict[str, int]:
    return cases_daily(today=timezone.localdate())
