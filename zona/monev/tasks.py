"""Background jobs (Huey): thin wrappers that take ids and call services."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .exporters import lembar_pdf, lembar_xlsx
from .models import ExportJob, ExportStatus
from .reminders import reminders_send
from .services import exports_resume
from .snapshot import cycle_data


@db_task(retries=3, retry_delay=10)
def export_run(job_id: int) -> None:
    """Idempotent: a finished job is left alone (a job may be queued again by `exports_resume`);
    a failure, e.g. the database away, is retried three times, ten seconds apart."""
    job = ExportJob.objects.select_related("cycle__plan__unit").get(pk=job_id)
    if job.status == ExportStatus.DONE:
        return
    ExportJob.objects.filter(pk=job_id).update(status=ExportStatus.RUNNING, progress=5)

    def on_progress(value: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(progress=max(5, min(value, 99)))

    try:
        data = cycle_data(job.cycle)
        render = lembar_xlsx if job.fmt == "xlsx" else lembar_pdf
        content = render(data, on_progress)
        plan = job.cycle.plan
        name = f"lembar-monev-{plan.unit.code.lower()}-{plan.year}-tw{job.cycle.quarter}-{job.pk}.{job.fmt}"
        if job.file.storage.exists(f"exports/{name}"):  # a run cut short after writing it: replace it
            job.file.storage.delete(f"exports/{name}")
        job.file.save(name, ContentFile(content), save=False)
        ExportJob.objects.filter(pk=job_id).update(
            file=job.file.name, status=ExportStatus.DONE, progress=100, finished_at=timezone.now()
        )
    except Exception as exc:
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        raise


@db_periodic_task(crontab(minute="*/5"))
def exports_resume_task() -> int:
    return exports_resume()


@db_periodic_task(crontab(hour="7", minute="0"))
def send_reminders_daily() -> int:
    return reminders_send(today=timezone.localdate())
