"""The road's daily jobs (Huey): evidence expiry reminders (once each) and every assessment's
forecast computed again for the national table."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .national import forecasts_refresh
from .readiness import expiry_reminders_send


@db_periodic_task(crontab(hour="6", minute="55"))
def evidence_expiry_reminders() -> int:
    return expiry_reminders_send(today=timezone.localdate())


@db_periodic_task(crontab(hour="2", minute="30"))
def forecasts_nightly() -> int:
    return forecasts_refresh(today=timezone.localdate())
