"""The plans' daily job (Huey): plan files uploaded for an import never confirmed go once expired."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .uploads import uploads_clean


@db_periodic_task(crontab(hour="5", minute="40"))
def plan_uploads_clean_task() -> int:
    return uploads_clean()
