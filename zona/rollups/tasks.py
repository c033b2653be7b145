"""The worker's share (Huey): every five minutes the marks a failed refresh left and the overdue
counts the passing day moved; every hour the case figures."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import ensure_fresh, refresh_cases


@db_periodic_task(crontab(minute="*/5"))
def rollups_sweep_task() -> None:
    ensure_fresh(timezone.localdate())


@db_periodic_task(crontab(minute="7"))
def rollups_cases_task() -> None:
    refresh_cases()
