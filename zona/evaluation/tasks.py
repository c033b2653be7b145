"""The evaluation's daily job (Huey): the reminders of evaluators' requests, once each."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .rfi import reminders_send


@db_periodic_task(crontab(hour="7", minute="10"))
def information_request_reminders() -> int:
    return reminders_send(today=timezone.localdate())
