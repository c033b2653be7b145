"""Daily complaint jobs (Huey): close complaints whose reporter stayed silent; remind officers."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import complaints_autoclose, complaints_remind


@db_periodic_task(crontab(hour="6", minute="30"))
def complaints_daily() -> tuple[int, int]:
    today = timezone.localdate()
    return complaints_autoclose(today=today), complaints_remind(today=today)
