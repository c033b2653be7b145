"""Gratification's daily job (Huey): reports KPK asked to complete lapse when not completed in
time, the UPG is reminded of deadlines."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import gratification_daily


@db_periodic_task(crontab(hour="6", minute="45"))
def gratification_daily_task() -> dict[str, int]:
    return gratification_daily(today=timezone.localdate())
