"""Background jobs (Huey): thin wrappers that take ids and call services. The Lembar Monev
exports run through the shared export jobs (zona.evidence.tasks)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import reminders_send


@db_periodic_task(crontab(hour="7", minute="0"))
def send_reminders_daily() -> int:
    return reminders_send(today=timezone.localdate())
