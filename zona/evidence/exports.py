"""Heavy exports, made in the background worker through one mechanism, bounded per person.

An app registers each export it offers (`export_kind_register` in its `ready()`): how to load its
object, measure it and render it. `export_request` then
- checks the export's budget before anything is queued (`ZONA_EXPORT_MAX_ROWS` rows; for a PDF
  the fewest pages the rows can fill against `ZONA_EXPORT_MAX_PDF_PAGES`),
- returns the same export (its kind, format, object and parameters) already waiting or running
  for the person, or the file already built of the same data (the key adds the data's
  version), and otherwise
- refuses past the cap of jobs waiting or running per person (`ZONA_EXPORT_MAX_QUEUED`) and per
  API token (`ZONA_EXPORT_MAX_QUEUED_PER_TOKEN`), a read-only viewer included.
The worker (`export_run`) checks the budget again, renders and keeps the file on the job.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.lib.errors import RuleError
from zona.lib.render import TooManyPages

from .models import ACTIVE, ExportJob, ExportStatus

Progress = Callable[[int], None]


class ExportRefused(RuleError):
    """An export not queued or not made: over its budget or over the person's cap."""


class TooManyJobs(ExportRefused):
    """Over the cap of jobs waiting or running (the API answers 429)."""


@dataclass(frozen=True)
class Measure:
    """What an export costs, known before it is rendered: its rows, and a version of its data
    (any text that changes when the exported data changes)."""

    rows: int
    version: str
    pages: int = 0  # the fewest pages its PDF can take, when the export reckons it from its text


@dataclass(frozen=True)
class ExportKind:
    name: str  # "plans.plan": the app and the export
    formats: tuple[str, ...]
    load: Callable[[int | None, dict], Any]  # the object of a job (raises if it is gone)
    unit_of: Callable[[Any], Any]
    title: Callable[[Any, dict], str]  # shown in the person's list of exports
    filename: Callable[[Any, str, dict], str]  # without the extension
    measure: Callable[[Any, dict, Any], Measure]  # (obj, params, person)
    # (obj, fmt, params, person, max_pages, …): the file's bytes, or a large file on disk returned
    # open and rewound (stored a chunk at a time, then closed)
    render: Callable[[Any, str, dict, Any, int, Progress], Any]
    rows_per_page: int  # the most rows one PDF page can hold: the fewest pages is rows / this
    # What the file holds depends on who asks (e.g. the complaints each officer handles): the
    # person is part of the key, so one person's file is never given to another.
    per_person: bool = False
    # Whether a finished file may be given again: only when the version catches every change.
    reuse_built: bool = True


KINDS: dict[str, ExportKind] = {}


def export_kind_register(kind: ExportKind) -> None:
    KINDS[kind.name] = kind


def check_budget(*, kind: ExportKind, fmt: str, measure: Measure) -> None:
    """Refuse, before rendering, an export whose rows pass the budget, or a PDF whose rows
    cannot fit in the pages allowed."""
    if measure.rows > settings.ZONA_EXPORT_MAX_ROWS:
        raise ExportRefused(
            _("This export has %(rows)s rows; the limit is %(limit)s rows per export.")
            % {"rows": measure.rows, "limit": settings.ZONA_EXPORT_MAX_ROWS}
        )
    least = max(math.ceil(measure.rows / kind.rows_per_page), measure.pages)
    if fmt == "pdf" and least > settings.ZONA_EXPORT_MAX_PDF_PAGES:
        raise ExportRefused(
            _(
                "This PDF would have at least %(pages)s pages; the limit is %(limit)s pages. "
                "Export it as XLSX."
            )
            % {"pages": least, "limit": settings.ZONA_EXPORT_MAX_PDF_PAGES}
        )


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _check_cap(*, by, token_id: int | None) -> None:
    mine = ExportJob.objects.filter(requested_by=by, status__in=ACTIVE).count()
    if mine >= settings.ZONA_EXPORT_MAX_QUEUED:
        raise TooManyJobs(
            _(
                "You already have %(n)s exports waiting or running; the limit is %(limit)s. "
                "Ask again when one of them is done."
            )
            % {"n": mine, "limit": settings.ZONA_EXPORT_MAX_QUEUED}
        )
    if token_id is None:
        return
    token_jobs = ExportJob.objects.filter(token_id=token_id, status__in=ACTIVE).count()
    if token_jobs >= settings.ZONA_EXPORT_MAX_QUEUED_PER_TOKEN:
        raise TooManyJobs(
            _("This API token already has %(n)s exports waiting or running; the limit is %(limit)s.")
            % {"n": token_jobs, "limit": settings.ZONA_EXPORT_MAX_QUEUED_PER_TOKEN}
        )


def _built(key: str, by) -> ExportJob | None:
    """A file already built of the same data (for this person, or for another, given to this one
    as a finished job of their own)."""
    built = ExportJob.objects.filter(key=key, status=ExportStatus.DONE).exclude(file="").first()
    if built is None or not built.file.storage.exists(built.file.name):
        return None
    if built.requested_by_id == by.pk:
        return built
    return ExportJob.objects.create(
        kind=built.kind, fmt=built.fmt, unit_id=built.unit_id, object_id=built.object_id,
        params=built.params, title=built.title, key=key, status=ExportStatus.DONE, progress=100,
        file=built.file.name, requested_by=by, finished_at=timezone.now(), target=built.target,
    )  # fmt: skip


@transaction.atomic
def export_request(*, kind: str, obj, fmt: str, by, params: dict | None = None, token_id: int | None = None):
    """Queue an export of `obj` for `by` (who may already read it), or return the same export
    already waiting or running for them (it renders the data as it is when it runs), or the file
    already built of the same data. The cheap answers come first: a repeat and a refusal over
    the cap cost no measuring. Raises ExportRefused (budget) or TooManyJobs (cap)."""
    from . import tasks

    export = KINDS[kind]
    params = params or {}
    if fmt not in export.formats:
        raise ExportRefused(_("Unknown export format."))
    target = _digest(kind, fmt, obj.pk, params)
    # one request at a time per person, so two quick clicks cannot both pass the cap
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    queued = ExportJob.objects.filter(target=target, requested_by=by, status__in=ACTIVE).first()
    if queued is not None:
        return queued
    _check_cap(by=by, token_id=token_id)
    measure = export.measure(obj, params, by)
    check_budget(kind=export, fmt=fmt, measure=measure)
    key = _digest(target, measure.version, by.pk if export.per_person else None)
    built = _built(key, by) if export.reuse_built else None
    if built is not None:
        return built
    unit = export.unit_of(obj)
    job = ExportJob.objects.create(
        kind=kind, fmt=fmt, unit=unit, object_id=obj.pk, params=params, title=export.title(obj, params)[:300],
        target=target, key=key, requested_by=by, token_id=token_id,
    )  # fmt: skip
    audit_record(
        actor=by, action="exports.requested", obj=job, unit=unit, changes={"kind": kind, "fmt": fmt, **params}
    )
    transaction.on_commit(lambda: tasks.export_run(job.pk))
    return job


def export_unclaimed(job: ExportJob, now=None) -> int:
    """Seconds the job has waited with no worker taking it, once past
    `ZONA_EXPORT_UNCLAIMED_SECONDS` (the worker may not be running); else 0."""
    if job.status != ExportStatus.PENDING:
        return 0
    waited = int(((now or timezone.now()) - job.created_at).total_seconds())
    return waited if waited >= settings.ZONA_EXPORT_UNCLAIMED_SECONDS else 0


def export_make(job: ExportJob, on_progress: Progress) -> None:
    """Render the job's file (the worker's part): the budget is checked again on today's data,
    and a PDF past its pages is refused after layout, before it is written."""
    export = KINDS[job.kind]
    obj = export.load(job.object_id, job.params)
    person = job.requested_by
    check_budget(kind=export, fmt=job.fmt, measure=export.measure(obj, job.params, person))
    try:
        content = export.render(
            obj, job.fmt, job.params, person, settings.ZONA_EXPORT_MAX_PDF_PAGES, on_progress
        )
    except TooManyPages as exc:
        raise ExportRefused(
            _("This PDF has %(pages)s pages; the limit is %(limit)s pages. Export it as XLSX.")
            % {"pages": exc.pages, "limit": exc.limit}
        ) from exc
    name = f"{slugify(export.filename(obj, job.fmt, job.params))}-{job.pk}.{job.fmt}"
    if job.file.storage.exists(f"exports/{name}"):  # a run cut short after writing it: replace it
        job.file.storage.delete(f"exports/{name}")
    if isinstance(content, bytes):
        job.file.save(name, ContentFile(content), save=False)
        return
    with content:
        job.file.save(name, File(content, name=name), save=False)


def exports_resume(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again every export still waiting or running long after it was asked for: a worker
    killed mid-job, or a job that failed while the database was away, is not lost. Running an
    export twice is harmless: a finished job is skipped. Returns how many were queued."""
    from . import tasks

    stale = ExportJob.objects.filter(status__in=ACTIVE, created_at__lt=timezone.now() - older_than)
    ids = list(stale.values_list("pk", flat=True))
    ExportJob.objects.filter(pk__in=ids).update(status=ExportStatus.PENDING, progress=0)
    for job_id in ids:
        tasks.export_run(job_id)
    return len(ids)
