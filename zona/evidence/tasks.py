"""Background jobs (Huey): thin wrappers that take ids and call services."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .exports import ExportRefused, export_make, exports_resume
from .models import ExportJob, ExportStatus


@db_task(retries=3, retry_delay=10)
def export_run(job_id: int) -> None:
    """Idempotent: a finished job is left alone (a job may be queued again by `exports_resume`).
    An export over its budget fails at once with the reason; another failure, e.g. the database
    away, is retried three times, ten seconds apart."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == ExportStatus.DONE:
        return
    ExportJob.objects.filter(pk=job_id).update(status=ExportStatus.RUNNING, progress=5)

    def on_progress(value: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(progress=max(5, min(value, 99)))

    try:
        export_make(job, on_progress)
    except ExportRefused as exc:
        _fail(job_id, str(exc))
        return
    except Exception as exc:
        _fail(job_id, str(exc))
        raise
    ExportJob.objects.filter(pk=job_id).update(
        file=job.file.name, status=ExportStatus.DONE, progress=100, finished_at=timezone.now()
    )


def _fail(job_id: int, error: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportStatus.FAILED, error=error[:500], finished_at=timezone.now()
    )


@db_periodic_task(crontab(minute="*/5"))
def exports_resume_task() -> int:
    return exports_resume()
