"""A stored version as a download: the one way any page hands out an evidence file, after its
own access check (the evidence pages, the public list of service SOPs).

A preview (`inline=True`) is given only for a PDF, PNG or JPEG whose stored content is sniffed
again as that type and whose size is within the upload bound; it is served in a sandbox (no
script, no form, no plugin of the page's origin), never sniffed by the browser, and may only be
framed by Zona's own pages. Anything else is an attachment."""

from django.conf import settings
from django.http import FileResponse, Http404

from zona.lib.files import sniff_mime

from .models import EvidenceVersion

PREVIEWABLE = frozenset({"application/pdf", "image/png", "image/jpeg"})
SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def previewable(version: EvidenceVersion | None) -> bool:
    """Whether the version may be shown inline (by its recorded type and size)."""
    return (
        version is not None
        and version.mime in PREVIEWABLE
        and version.size <= settings.ZONA_MAX_UPLOAD_MB * 1024 * 1024
    )


def file_response(version: EvidenceVersion, *, inline: bool = False) -> FileResponse:
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    if inline:
        head = handle.read(4096)
        handle.seek(0)
        if not previewable(version) or sniff_mime(head) != version.mime:
            handle.close()
            raise Http404
    response = FileResponse(
        handle, as_attachment=not inline, filename=version.download_name, content_type=version.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        response["Content-Security-Policy"] = SANDBOX
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response
