"""The person's exports: asking for one (shared by every app's export button), its progress,
its file, and the list of what the person has queued."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from zona.lib.feedback import attempt

from .exports import ExportRefused, export_request, export_unclaimed
from .models import ExportStatus
from .selectors import exports_of, get_export_for_user

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
    return redirect("evidence_exports:status", pk=queued[0].pk)


@login_required
def mine(request):
    jobs = exports_of(request.user, LISTED)
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
