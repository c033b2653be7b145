"""An export whose worker died, or that failed while the database was away, is queued again and
finished once; a finished export is never redone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from zona.evidence import tasks
from zona.evidence.exports import exports_resume
from zona.evidence.models import ExportJob, ExportStatus
from zona.monev.services import cycle_open


def _job(cycle, user, **fields) -> ExportJob:
    return ExportJob.objects.create(
        kind="monev.lembar", fmt="xlsx", unit=cycle.plan.unit, object_id=cycle.pk, title="Lembar Monev",
        requested_by=user, **fields,
    )  # fmt: skip


def test_stale_exports_are_resumed_and_done_once(seed_plan, cast, monkeypatch):
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    stuck = _job(cycle, cast["coordinator"], status=ExportStatus.RUNNING)
    fresh = _job(cycle, cast["coordinator"])
    ExportJob.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    assert exports_resume() == 1  # the worker died on it half an hour ago; the new one is not stale
    stuck.refresh_from_db()
    assert stuck.status == ExportStatus.DONE and stuck.file.name  # run again (tasks run in-process)
    name = stuck.file.name
    calls = []
    monkeypatch.setattr("zona.monev.export_kinds.lembar_xlsx", lambda *a, **k: calls.append(1) or b"x")
    tasks.export_run(stuck.pk)  # queued twice: the second run does nothing
    stuck.refresh_from_db()
    assert calls == [] and stuck.file.name == name
    fresh.refresh_from_db()
    assert fresh.status == ExportStatus.PENDING
