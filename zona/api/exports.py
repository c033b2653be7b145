"""Exports through the API: asked for, followed and fetched like on the pages, in the worker.
A refusal over the cap answers 429, an export over its budget 422, each with its reason."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from zona.evidence.exports import ExportRefused, TooManyJobs, export_request
from zona.evidence.models import ExportJob, ExportStatus
from zona.orgs.permissions import Action, can
from zona.plans.models import Plan

exports_router = Router(tags=["exports"])


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


def _queue(request, *, kind: str, obj, fmt: str):
    try:
        job = export_request(kind=kind, obj=obj, fmt=fmt, by=request.auth.user, token_id=request.auth.pk)
    except TooManyJobs as exc:
        raise HttpError(429, str(exc)) from exc
    except ExportRefused as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(202, job)


@exports_router.api_operation(
    ["GET", "POST"],
    "/plans/{plan_id}/export",
    response={202: ExportOut},
    summary="Queue the plan as XLSX or PDF (Lampiran II); fetch it from the export once done",
)
def plan_export(request, plan_id: int, format: str = "xlsx"):  # noqa: A002 - the query's name
    plan = get_object_or_404(Plan.objects.visible_to(request.auth.user).select_related("unit"), pk=plan_id)
    if format not in ("xlsx", "pdf"):
        raise HttpError(422, "format is xlsx or pdf")
    return _queue(request, kind="plans.plan", obj=plan, fmt=format)


def _job(request, job_id: int) -> ExportJob:
    job = get_object_or_404(
        ExportJob.objects.select_related("unit"), pk=job_id, requested_by=request.auth.user
    )
    if not can(request.auth.user, Action.VIEW, job.unit):
        raise Http404
    return job


@exports_router.get("/exports", response=list[ExportOut], summary="The owner's newest 50 exports")
def exports(request):
    return ExportJob.objects.filter(requested_by=request.auth.user)[:50]


@exports_router.get("/exports/{job_id}", response=ExportOut, summary="An export's status")
def export_detail(request, job_id: int):
    return _job(request, job_id)


@exports_router.get("/exports/{job_id}/file", url_name="export_file", summary="An export's file, once done")
def export_file(request, job_id: int):
    job = _job(request, job_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise HttpError(409, "the export is not done")
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])
