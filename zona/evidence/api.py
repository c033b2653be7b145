"""Exports through the API: asked for (each app's export endpoint calls `export_queue`), followed
and fetched like on the pages, in the worker.
A refusal over the cap answers 429, an export over its budget 422, each with its reason."""

import datetime as dt

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from zona.api.common import user
from zona.orgs.permissions import Action, can

from .exports import ExportRefused, TooManyJobs, export_request
from .models import ExportJob, ExportStatus

router = Router(tags=["exports"])


class ExportOut(Schema):
    id: int
    kind: str
    title: str
    format: str
    status: str
    progress: int
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None = None
    download: str | None = None

    @staticmethod
    def resolve_format(job) -> str:
        return job.fmt

    @staticmethod
    def resolve_download(job) -> str | None:
        return reverse("api:export_file", args=[job.pk]) if job.status == ExportStatus.DONE else None


def export_queue(request, *, kind: str, obj, fmt: str):
    """Queue an export of `obj` for the token (an app's export endpoint answers with this)."""
    try:
        job = export_request(kind=kind, obj=obj, fmt=fmt, by=user(request), token_id=request.auth.pk)
    except TooManyJobs as exc:
        raise HttpError(429, str(exc)) from exc
    except ExportRefused as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(202, job)


def _job(request, job_id: int) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("unit"), pk=job_id, requested_by=user(request))
    if not can(user(request), Action.VIEW, job.unit):
        raise Http404
    return job


@router.get(
    "/exports",
    response=list[ExportOut],
    operation_id="zona_api_exports_exports",
    summary="The owner's newest 50 exports",
)
def exports(request):
    return ExportJob.objects.filter(requested_by=user(request))[:50]


@router.get(
    "/exports/{job_id}",
    response=ExportOut,
    operation_id="zona_api_exports_export_detail",
    summary="An export's status",
)
def export_detail(request, job_id: int):
    return _job(request, job_id)


@router.get(
    "/exports/{job_id}/file",
    url_name="export_file",
    operation_id="zona_api_exports_export_file",
    summary="An export's file, once done",
)
def export_file(request, job_id: int):
    job = _job(request, job_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise HttpError(409, "the export is not done")
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])
