"""Daily complaint jobs (Huey): close complaints whose reporter stayed silent; remind officers."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zona.cases.services import cases_remind

from .services import complaints_autoclose


@db_periodic_task(crontab(hour="6", minute="30"))
def complaints_daily() -> tuple[int, int]:
    today = timezone.localdate()
    return complaints_autoclose(today=today), cases_remind(today=today)
