"""The plans' jobs (Huey): plan files uploaded for an import never confirmed go once expired (daily);
a scanned plan PDF is read by OCR."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import scanning
from .uploads import uploads_clean


@db_periodic_task(crontab(hour="5", minute="40"))
def plan_uploads_clean_task() -> int:
    return uploads_clean()


@db_task()
def plan_upload_scan(user_id: int, key: str) -> None:
    """A scanned plan PDF kept for an import, read by OCR (its progress kept beside it)."""
    scanning.scan_run(user_id, key)
