"""The open statistics' daily job (Huey): every unit's and the national figures of the day,
computed after the case modules' daily job (06:30) has closed what it closes."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .open_stats import refresh


@db_periodic_task(crontab(hour="7", minute="10"))
def open_stats_refresh_task() -> int:
    return refresh(timezone.localdate())
