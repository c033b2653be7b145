"""The person's exports: asking for one (shared by every app's export button), its progress,
its file, and the list of what the person has queued."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from zona.lib.feedback import attempt
from zona.orgs.permissions import Action, require

from .exports import ExportRefused, export_request, export_unclaimed
from .models import ExportJob, ExportStatus

LISTED = 50


def export_start(request, *, kind: str, obj, fmt: str, back: str, params: dict | None = None):
    """Queue the export of `obj`, already fetched and authorised by the calling view, and show
    its progress; a refusal (budget, cap) goes back to `back` with its reason."""
    queued = []
    if not attempt(
        request,
        lambda: queued.append(export_request(kind=kind, obj=obj, fmt=fmt, by=request.user, params=params)),
        ExportRefused,
        "",
    ):
        return redirect(back)
    return redirect("exports:status", pk=queued[0].pk)


def get_export_for_user(request, pk: int) -> ExportJob:
    """Only the person who asked, while they still see the unit; anyone else gets 404."""
    job = get_object_or_404(ExportJob.objects.select_related("unit"), pk=pk, requested_by=request.user)
    require(request.user, Action.VIEW, job.unit)
    return job


@login_required
def mine(request):
    jobs = ExportJob.objects.filter(requested_by=request.user).select_related("unit")[:LISTED]
    return render(
        request,
        "evidence/exports.html",
        {"jobs": jobs, "listed": LISTED, "settings_cap": settings.ZONA_EXPORT_MAX_QUEUED},
    )


@login_required
def status(request, pk: int):
    """The export's progress; polled by its page until it is done, which then downloads it."""
    job = get_export_for_user(request, pk)
    template = "evidence/_export_status.html" if request.htmx else "evidence/export.html"
    return render(request, template, {"job": job, "unclaimed": export_unclaimed(job)})


@login_required
def download(request, pk: int):
    job = get_export_for_user(request, pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = job.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)
