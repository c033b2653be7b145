"""An export whose worker died, or that failed while the database was away, is queued again and
finished once; a finished export is never redone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zona.monev import tasks
from zona.monev.models import ExportJob, ExportStatus
from zona.monev.services import cycle_open, exports_resume


def test_stale_exports_are_resumed_and_done_once(seed_plan, cast, monkeypatch):
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    stuck = ExportJob.objects.create(cycle=cycle, fmt="xlsx", requested_by=cast["coordinator"],
                                     status=ExportStatus.RUNNING)  # fmt: skip
    fresh = ExportJob.objects.create(cycle=cycle, fmt="xlsx", requested_by=cast["coordinator"])
    ExportJob.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    assert exports_resume() == 1  # the worker died on it half an hour ago; the new one is not stale
    stuck.refresh_from_db()
    assert stuck.status == ExportStatus.DONE and stuck.file.name  # run again (tasks run in-process)
    name = stuck.file.name
    calls = []
    monkeypatch.setattr("zona.monev.tasks.lembar_xlsx", lambda *a, **k: calls.append(1) or b"x")
    tasks.export_run(stuck.pk)  # queued twice: the second run does nothing
    stuck.refresh_from_db()
    assert calls == [] and stuck.file.name == name
    fresh.refresh_from_db()
    assert fresh.status == ExportStatus.PENDING
