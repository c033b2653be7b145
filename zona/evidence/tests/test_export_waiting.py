"""An export no worker has taken within ZONA_EXPORT_UNCLAIMED_SECONDS says so on its page (to
the person who asked, and nobody else); a running or finished one does not."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from zona.evidence.exports import export_unclaimed
from zona.evidence.models import ExportJob, ExportStatus

NOW = timezone.now()


@given(
    waited=st.integers(min_value=0, max_value=10**6),
    threshold=st.integers(min_value=0, max_value=3600),
    status=st.sampled_from(ExportStatus.values),
)
def test_unclaimed_is_the_wait_of_a_pending_job_past_the_threshold(waited, threshold, status):
    job = ExportJob(status=status, created_at=NOW - timedelta(seconds=waited))
    with override_settings(ZONA_EXPORT_UNCLAIMED_SECONDS=threshold):
        seconds = export_unclaimed(job, now=NOW)
    expected = waited if status == ExportStatus.PENDING and waited >= threshold else 0
    assert seconds == expected


def _job(plan, by, status=ExportStatus.PENDING, age=60):
    job = ExportJob.objects.create(
        kind="plans.plan", fmt="xlsx", unit=plan.unit, title="Rencana", requested_by=by, status=status
    )
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(seconds=age))
    return job


def test_the_status_says_no_worker_took_it_and_what_to_do(client, seed_plan, cast):
    job = _job(seed_plan, cast["viewer"])
    client.force_login(cast["viewer"])
    url = reverse("evidence_exports:status", args=[job.pk])
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="export-unclaimed"' in page and "pekerja latar" in page and "zona run_huey" in page
    assert "every 3s" in page  # it keeps asking
    # someone else never sees the job at all
    client.force_login(cast["coordinator"])
    assert client.get(reverse("evidence_exports:status", args=[job.pk])).status_code == 404


def test_a_fresh_running_or_done_export_shows_no_warning(client, seed_plan, cast):
    client.force_login(cast["viewer"])
    fresh = _job(seed_plan, cast["viewer"], age=0)
    running = _job(seed_plan, cast["viewer"], status=ExportStatus.RUNNING)
    for job in (fresh, running):
        page = client.get(reverse("evidence_exports:status", args=[job.pk])).content.decode()
        assert 'id="export-unclaimed"' not in page and "Menyiapkan berkas" in page
    done = _job(seed_plan, cast["viewer"], status=ExportStatus.DONE)
    page = client.get(reverse("evidence_exports:status", args=[done.pk])).content.decode()
    assert 'data-auto-download="export-' in page and "export.js" in page
